import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoadFxRatesHandler } from './commands/load-fx-rates.command.js';
import { FxRatesController } from './http/fx-rates.controller.js';
import { ListFxRatesHandler } from './queries/list-fx-rates.query.js';

/** FX reference rates: admin loads (one event each on the `fx-rates` stream) and the rates list. */
@Module({
  imports: [CqrsModule],
  controllers: [FxRatesController],
  providers: [LoadFxRatesHandler, ListFxRatesHandler],
})
export class FxModule {}
