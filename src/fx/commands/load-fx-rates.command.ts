import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { run } from '../../database/queryable.js';
import { type AppendOutcome, appendRequest, settle } from '../../event-store/append.js';
import { type WriteContext, metadataOf } from '../../event-store/write-context.js';
import { idempotencyClaim, replayPrior } from '../../idempotency/idempotency-keys.js';
import { WriteMetrics } from '../../metrics/write-metrics.js';
import { todayUtc } from '../domain/fx-rate-rules.js';
import { FX_STREAM_ID, type FxRate, type FxRatesFormat, fxRatesLoaded } from '../fx-stream.js';

export interface LoadFxRatesResult {
  accepted: number;
}

/** POST /fx-rates: record one load of validated rates as one `fx_rates_loaded` event. */
export class LoadFxRatesCommand extends Command<LoadFxRatesResult> {
  constructor(
    readonly rates: FxRate[],
    readonly format: FxRatesFormat,
    readonly context: WriteContext,
  ) {
    super();
  }
}

/**
 * One statement, one transaction (fx_rates_append, fx-rates.sql): the same append and Idempotency-Key handling as
 * deal writes, then the rates and the deal values they convert. A load does not depend on earlier loads, so it
 * appends at the end of the stream, wherever that is.
 */
@CommandHandler(LoadFxRatesCommand)
export class LoadFxRatesHandler implements ICommandHandler<LoadFxRatesCommand, LoadFxRatesResult> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: WriteMetrics,
  ) {}

  async execute({ rates, format, context }: LoadFxRatesCommand): Promise<LoadFxRatesResult> {
    const result = { accepted: rates.length };
    const event = fxRatesLoaded(randomUUID(), todayUtc(), { rates, format });
    const request = appendRequest(FX_STREAM_ID, null, [event], metadataOf(context), idempotencyClaim(context.idempotency, result));
    const appending = run({ db: this.dataSource, prepared: false }, 'fx-rates-append', 'SELECT fx_rates_append($1::jsonb) AS outcome', [
      JSON.stringify(request),
    ]);
    const outcome = await settle(request, appending.then(([row]) => row.outcome as AppendOutcome));
    // The stored result also has the event's place in the log (stream_append adds it); the load's answer is this.
    if ('prior' in outcome) return { accepted: replayPrior<LoadFxRatesResult>(context.idempotency!, outcome.prior).accepted };
    this.metrics.appended('fx', [event]); // committed
    return result;
  }
}
