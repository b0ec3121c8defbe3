import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '../event-store/event-store.module.js';
import { DealWriter } from './commands/deal-writer.js';
import { RecordDealEventHandler } from './commands/record-deal-event.command.js';
import { StartDealHandler } from './commands/start-deal.command.js';
import { DealsController } from './http/deals.controller.js';
import { GetDealEventsHandler } from './queries/get-deal-events.query.js';
import { GetDealHandler } from './queries/get-deal.query.js';
import { ListDealsHandler } from './queries/list-deals.query.js';
import { PossibleDuplicatesHandler } from './queries/possible-duplicates.query.js';

@Module({
  imports: [CqrsModule, EventStoreModule],
  controllers: [DealsController],
  providers: [
    DealWriter,
    StartDealHandler,
    RecordDealEventHandler,
    GetDealHandler,
    GetDealEventsHandler,
    ListDealsHandler,
    PossibleDuplicatesHandler,
  ],
})
export class DealsModule {}
