import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '../event-store/event-store.module.js';
import { IdempotencyKeys } from '../idempotency/idempotency-keys.js';
import { LoadFxRatesHandler } from './commands/load-fx-rates.command.js';
import { FxRatesController } from './http/fx-rates.controller.js';
import { FxRatesProjection } from './projections/fx-rates.projection.js';
import { ListFxRatesHandler } from './queries/list-fx-rates.query.js';

/** FX reference rates: admin loads (one event each on the `fx-rates` stream), the rates list, and the projection. */
@Module({
  imports: [CqrsModule, EventStoreModule],
  controllers: [FxRatesController],
  providers: [IdempotencyKeys, FxRatesProjection, LoadFxRatesHandler, ListFxRatesHandler],
  // For the rebuild, which replays the `fx-rates` stream through the same projection.
  exports: [FxRatesProjection],
})
export class FxModule {}
