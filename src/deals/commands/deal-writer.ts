import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { Queryable } from '../../database/queryable.js';
import { type AppendOutcome, settle, withPositions } from '../../event-store/append.js';
import { StreamVersionConflict } from '../../event-store/event-store.errors.js';
import type { StoredEvent } from '../../event-store/stored-event.js';
import { metadataOf } from '../../event-store/write-context.js';
import { lockStreamForWrite } from '../../event-store/write-locks.js';
import { type Prior, idempotencyClaim, replayPrior } from '../../idempotency/idempotency-keys.js';
import { WriteMetrics, type WritePath } from '../../metrics/write-metrics.js';
import { dealStreamId, toDealEvent } from '../deal-stream.js';
import type { DealCommand } from '../domain/deal.commands.js';
import { type DealState, dealExists, evolve, initialDealState } from '../domain/deal.js';
import { DealDomainError } from '../domain/deal.errors.js';
import { AppendBatcher } from './append-batcher.js';
import { companyLookupsFor } from './company-directory.js';
import { type DealAppendRequest, dealAppendBatch, dealAppendRequest } from './deal-append.js';
import { type CachedDeal, DealStateCache } from './deal-state-cache.js';
import { DealTurns } from './deal-turns.js';
import { type WriteSnapshot, loadForWrite } from './load-for-write.js';
import { stageDealWrite } from './stage-deal-write.js';
import { type DealWriteContext, VersionMismatch, type WriteResult } from './write-context.js';

const MAX_ATTEMPTS = 5;

/**
 * The REST write path. In full, two round trips: read the deal's events since the state this instance holds (with the
 * companies, the idempotency record and the database clock the write needs), stage the write, then append with that
 * version as the expected one; deal_append_batch writes the events and the read tables in one transaction, shared
 * with other writers' appends that are ready at the same moment. A write that lost the race is re-read and
 * re-decided under the deal's lock, unless the client pinned a version with If-Match (then it is a 412).
 *
 * Writes to one deal from this instance take turns (DealTurns), so they race only other instances' writes.
 *
 * The common case takes one round trip: a deal this instance wrote last, an event that names no company, and no
 * If-Match other than the version held. Then there is nothing to read: the append's version check says whether
 * another instance wrote since (a conflict sends the write down the full path), the append itself answers a used
 * Idempotency-Key, and the clock is the database's as last read, carried forward by this process's. A refusal on the
 * held state is decided again on what the full path reads.
 */
@Injectable()
export class DealWriter {
  private readonly logger = new Logger(DealWriter.name);

  private readonly prepared: boolean;
  private readonly cache = new DealStateCache();
  private readonly turns = new DealTurns();
  /** The database clock minus this process's, as of the last read: dates the events of writes that read nothing. */
  private clockOffsetMs = 0;
  private readonly batcher: AppendBatcher<DealAppendRequest, AppendOutcome>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: WriteMetrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prepared = config.databaseUrl !== null;
    this.batcher = new AppendBatcher((requests) => dealAppendBatch({ db: dataSource, prepared: this.prepared }, requests));
  }

  execute(command: DealCommand, context: DealWriteContext): Promise<WriteResult> {
    return this.turns.take(command.dealId, () => this.write(command, context));
  }

  private async write(command: DealCommand, context: DealWriteContext): Promise<WriteResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        // Optimistic first: one or two round trips. After a lost race, queue on the deal's lock before reading, so a hot
        // deal's writers take turns instead of racing again (and a retry cannot lose unless the lock is bypassed).
        const { result, appended, after, path } =
          attempt === 1
            ? await this.firstAttempt(command, context)
            : await this.dataSource.transaction(async (manager) => {
                await lockStreamForWrite(manager, dealStreamId(command.dealId));
                return this.attempt({ db: manager, prepared: false }, command, context);
              });
        this.metrics.appended('deal', appended); // only now: committed
        if (after) {
          this.cache.set(command.dealId, after);
          this.metrics.dealWrite(path);
        }
        return result;
      } catch (error) {
        if (!(error instanceof StreamVersionConflict)) throw error;
        if (typeof context.ifMatch === 'number') throw new VersionMismatch(context.ifMatch, error.actualVersion ?? context.ifMatch + 1);
        if (attempt >= MAX_ATTEMPTS) throw error;
        this.metrics.conflict('retried_race');
        this.logger.debug(`Lost a race on deal ${command.dealId}; retrying (attempt ${attempt + 1})`);
      }
    }
  }

  private async firstAttempt(command: DealCommand, context: DealWriteContext): Promise<Attempt> {
    const db = { db: this.dataSource, prepared: this.prepared };
    const cached = this.cache.get(command.dealId);
    // A version this instance committed is past the If-Match: nothing to read or decide. With an Idempotency-Key
    // the full path runs instead: the request may be a retry owed its first answer.
    const held = cached?.state.version ?? 0;
    if (typeof context.ifMatch === 'number' && held > context.ifMatch && !context.idempotency) throw new VersionMismatch(context.ifMatch, held, true);
    if (cached && canSkipRead(cached, command, context)) {
      try {
        return { ...(await this.decideAndAppend(db, command, context, cached.state, this.snapshotOf(cached))), path: 'cached' };
      } catch (error) {
        // A refusal is only as current as the state held: another instance may have written since (a closing retracted),
        // or the request is a retry owed its first answer (Idempotency-Key). The full path reads both and decides again.
        if (!(error instanceof DealDomainError)) throw error;
      }
    }
    return this.attempt(db, command, context);
  }

  /** What the full path's read would find for a deal this instance wrote last: nothing new, at the clock's time. */
  private snapshotOf({ state, streamId }: CachedDeal): WriteSnapshot {
    const now = new Date(Date.now() + this.clockOffsetMs).toISOString();
    return { streams: { [state.dealId]: streamId }, history: [], known: { byName: {}, byMatchKey: {}, existingIds: [] }, prior: null, now };
  }

  /** The full path: read what the write needs, then decide and append. */
  private async attempt(db: Queryable, command: DealCommand, context: DealWriteContext): Promise<Attempt> {
    const cached = this.cache.get(command.dealId)?.state ?? initialDealState(command.dealId);
    const snapshot = await loadForWrite(db, [command.dealId], companyLookupsFor([command]), context.idempotency, cached.version);
    this.clockOffsetMs = Date.parse(snapshot.now) - Date.now();
    if (context.idempotency && snapshot.prior) return replayed(context, snapshot.prior);
    return this.decideAndAppend(db, command, context, snapshot.history.map(toDealEvent).reduce(evolve, cached), snapshot);
  }

  /** Decide on `state` as `snapshot` found it, and append; answers a full-path attempt (firstAttempt relabels it). */
  private async decideAndAppend(db: Queryable, command: DealCommand, context: DealWriteContext, state: DealState, snapshot: WriteSnapshot): Promise<Attempt> {
    checkIfMatch(context.ifMatch, state.version, dealExists(state));
    const staged = stageDealWrite(state, command, {
      streamId: snapshot.streams[command.dealId],
      known: snapshot.known,
      now: snapshot.now,
      metadata: metadataOf(context),
      eventId: () => randomUUID(),
    });
    const request = dealAppendRequest(state.version, staged.events, staged.after, idempotencyClaim(context.idempotency, { dealId: command.dealId }));
    // In a transaction the append must use its connection; otherwise it may share a batch with other writers'.
    const pending = db.db instanceof DataSource ? this.batcher.append(request) : dealAppendBatch(db, [request]).then(([o]) => o);
    const outcome = await settle(request, pending);
    if ('prior' in outcome) return replayed(context, outcome.prior);
    const last = outcome.events[outcome.events.length - 1];
    const result = { dealId: command.dealId, eventId: last.eventId, version: last.version, position: Number(last.globalPosition) };
    const after = { state: staged.after, streamId: snapshot.streams[command.dealId] };
    return { result, appended: withPositions(staged.events, outcome.events), after, path: 'read' };
  }
}

interface Attempt {
  result: WriteResult;
  appended: StoredEvent[];
  path: WritePath;
  /** The deal after the append, to remember; none when nothing was appended. */
  after?: CachedDeal;
}

/** The result stored under the request's Idempotency-Key: nothing is appended again. */
function replayed(context: DealWriteContext, prior: Prior): Attempt {
  return { result: replayPrior<WriteResult>(context.idempotency!, prior), appended: [], path: 'read' };
}

/** Whether a write may skip the read: nothing to look up, and an If-Match (if any) that the version held answers. */
function canSkipRead({ state }: CachedDeal, command: DealCommand, context: DealWriteContext): boolean {
  const lookups = companyLookupsFor([command]);
  const namesCompanies = lookups.names.length + lookups.matchKeys.length + lookups.companyIds.length > 0;
  return !namesCompanies && (context.ifMatch === undefined || context.ifMatch === '*' || context.ifMatch === state.version);
}

function checkIfMatch(ifMatch: DealWriteContext['ifMatch'], version: number, exists: boolean): void {
  // A missing deal is answered by `decide` (404), not as a version mismatch.
  if (ifMatch === undefined || ifMatch === '*' || !exists) return;
  if (ifMatch !== version) throw new VersionMismatch(ifMatch, version);
}
