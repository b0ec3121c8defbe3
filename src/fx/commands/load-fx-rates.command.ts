import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { StreamVersionConflict } from '../../event-store/event-store.errors.js';
import { EventStore } from '../../event-store/event-store.js';
import { lockStreamForWrite } from '../../event-store/write-locks.js';
import { IdempotencyKeys, type IdempotentRequest } from '../../idempotency/idempotency-keys.js';
import { WriteMetrics } from '../../metrics/write-metrics.js';
import type { StoredEvent } from '../../event-store/stored-event.js';
import { todayUtc } from '../domain/fx-rate-rules.js';
import { FX_STREAM_ID, type FxRate, type FxRatesFormat, fxRatesLoaded } from '../fx-stream.js';
import { FxRatesProjection } from '../projections/fx-rates.projection.js';

export interface FxWriteContext {
  actor: string;
  idempotency?: IdempotentRequest;
  requestId?: string;
  correlationId?: string;
}

export interface LoadFxRatesResult {
  accepted: number;
}

/** POST /fx-rates: record one load of validated rates as one `fx_rates_loaded` event. */
export class LoadFxRatesCommand extends Command<LoadFxRatesResult> {
  constructor(
    readonly rates: FxRate[],
    readonly format: FxRatesFormat,
    readonly context: FxWriteContext,
  ) {
    super();
  }
}

const MAX_ATTEMPTS = 3;

/**
 * One transaction: queue on the stream's advisory lock, append at the stream's current version, project. A load
 * does not depend on earlier loads, so a lost race (only possible if a writer bypassed the lock) is simply retried.
 */
@CommandHandler(LoadFxRatesCommand)
export class LoadFxRatesHandler implements ICommandHandler<LoadFxRatesCommand, LoadFxRatesResult> {
  private readonly logger = new Logger(LoadFxRatesHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly idempotency: IdempotencyKeys,
    private readonly projection: FxRatesProjection,
    private readonly metrics: WriteMetrics,
  ) {}

  async execute(command: LoadFxRatesCommand): Promise<LoadFxRatesResult> {
    for (let attempt = 1; ; attempt++) {
      const appended: StoredEvent[] = [];
      try {
        const result = await this.dataSource.transaction((manager) => this.load(manager, command, appended));
        this.metrics.appended('fx', appended); // only now: a rolled-back attempt appended nothing
        return result;
      } catch (error) {
        if (!(error instanceof StreamVersionConflict) || attempt >= MAX_ATTEMPTS) throw error;
        this.metrics.conflict('retried_race');
        this.logger.debug(`Lost a race on ${FX_STREAM_ID}; retrying (attempt ${attempt + 1})`);
      }
    }
  }

  private async load(
    manager: EntityManager,
    { rates, format, context }: LoadFxRatesCommand,
    appended: StoredEvent[],
  ): Promise<LoadFxRatesResult> {
    await lockStreamForWrite(manager, FX_STREAM_ID);
    if (context.idempotency) {
      const prior = await this.idempotency.claim<LoadFxRatesResult>(manager, context.idempotency);
      if (prior) return prior.replay;
    }
    const [stored] = await this.store.append(
      manager,
      FX_STREAM_ID,
      await streamVersion(manager),
      [fxRatesLoaded(randomUUID(), todayUtc(), { rates, format })],
      metadataOf(context),
    );
    appended.push(stored);
    await holdDealViewWriters(manager);
    await this.projection.apply(manager, stored);
    const result = { accepted: rates.length };
    if (context.idempotency) await this.idempotency.complete(manager, context.idempotency, result);
    return result;
  }
}

/**
 * Without this, a deal written concurrently could miss the load: its statement converts with a snapshot taken before
 * the rates commit, while the load's UPDATE cannot see the deal's uncommitted row. Locked, the load waits for deal
 * writes in flight to commit, and later ones wait for the load (their statement snapshot is taken after the wait).
 * Taken after the append, never before, so the lock order matches the rebuild's (events, then the read tables).
 */
async function holdDealViewWriters(manager: EntityManager): Promise<void> {
  await manager.query('LOCK TABLE deal_views IN SHARE ROW EXCLUSIVE MODE');
}

/** The version alone: reading the stream's events would load every rate ever loaded. */
async function streamVersion(manager: EntityManager): Promise<number> {
  const [row]: { version: number }[] = await manager.query(
    'SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1',
    [FX_STREAM_ID],
  );
  return row.version;
}

function metadataOf({ actor, idempotency, requestId, correlationId }: FxWriteContext) {
  return {
    actor,
    ...(requestId !== undefined ? { requestId } : {}),
    ...(correlationId !== undefined ? { correlationId } : {}),
    ...(idempotency ? { idempotencyKey: idempotency.key } : {}),
  };
}
