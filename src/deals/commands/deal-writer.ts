import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { StreamVersionConflict } from '../../event-store/event-store.errors.js';
import { EventStore } from '../../event-store/event-store.js';
import type { StoredEvent } from '../../event-store/stored-event.js';
import { lockStreamForWrite } from '../../event-store/write-locks.js';
import { CompanyDirectory } from '../../companies/company-directory.js';
import { IdempotencyKeys } from '../../idempotency/idempotency-keys.js';
import { WriteMetrics } from '../../metrics/write-metrics.js';
import { dealStreamId, toDealEvent, toNewEvent } from '../deal-stream.js';
import type { DealCommand } from '../domain/deal.commands.js';
import { decide } from '../domain/deal.decide.js';
import { dealExists, evolve, fold } from '../domain/deal.js';
import { DealProjector } from '../projections/deal-projector.js';
import { VersionMismatch, type WriteContext, type WriteResult } from './write-context.js';

const MAX_ATTEMPTS = 5;

/**
 * The one write path: in a single transaction, load the deal's stream, fold it, decide, append, and update the
 * views. A lost race (possible across instances or if the lock is bypassed) is retried by re-reading and
 * re-deciding, unless the client pinned a version with If-Match.
 */
@Injectable()
export class DealWriter {
  private readonly logger = new Logger(DealWriter.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly idempotency: IdempotencyKeys,
    private readonly companies: CompanyDirectory,
    private readonly projector: DealProjector,
    private readonly metrics: WriteMetrics,
  ) {}

  async execute(command: DealCommand, context: WriteContext): Promise<WriteResult> {
    for (let attempt = 1; ; attempt++) {
      const appended: StoredEvent[] = [];
      try {
        const result = await this.dataSource.transaction((manager) => this.attempt(manager, command, context, appended));
        this.metrics.appended('deal', appended); // only now: a rolled-back attempt appended nothing
        return result;
      } catch (error) {
        const retry = error instanceof StreamVersionConflict && context.ifMatch === undefined && attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
        this.metrics.conflict('retried_race');
        this.logger.debug(`Lost a race on deal ${command.dealId}; retrying (attempt ${attempt + 1})`);
      }
    }
  }

  private async attempt(
    manager: EntityManager,
    command: DealCommand,
    context: WriteContext,
    appended: StoredEvent[],
  ): Promise<WriteResult> {
    const streamId = dealStreamId(command.dealId);
    // Writers of one deal queue here instead of racing to the unique (stream, version) index.
    await lockStreamForWrite(manager, streamId);
    if (context.idempotency) {
      const prior = await this.idempotency.claim<WriteResult>(manager, context.idempotency);
      if (prior) return prior.replay;
    }
    const history = await this.store.readStream(streamId, {}, manager);
    const state = fold(command.dealId, history.map(toDealEvent));
    checkIfMatch(context.ifMatch, state.version, dealExists(state));
    const decided = decide(await this.companies.resolve(manager, command), state, new Date());
    const stored = await this.store.append(
      manager,
      streamId,
      state.version,
      decided.map((event) => toNewEvent(randomUUID(), event)),
      { actor: context.actor, ...pickDefined(context, ['requestId', 'correlationId']), ...idempotencyKeyOf(context) },
    );
    appended.push(...stored);
    const recorded = stored.map(toDealEvent);
    await this.projector.apply(manager, recorded.reduce(evolve, state), recorded);
    const last = stored[stored.length - 1];
    const result: WriteResult = {
      dealId: command.dealId,
      eventId: last.eventId,
      version: last.version,
      position: Number(last.globalPosition),
    };
    if (context.idempotency) await this.idempotency.complete(manager, context.idempotency, result);
    return result;
  }
}

function checkIfMatch(ifMatch: WriteContext['ifMatch'], version: number, exists: boolean): void {
  // A missing deal is answered by `decide` (404), not as a version mismatch.
  if (ifMatch === undefined || ifMatch === '*' || !exists) return;
  if (ifMatch !== version) throw new VersionMismatch(ifMatch, version);
}

function idempotencyKeyOf(context: WriteContext) {
  return context.idempotency ? { idempotencyKey: context.idempotency.key } : {};
}

function pickDefined<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]])) as Partial<Pick<T, K>>;
}
