import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ident } from '../database/sql-text.js';
import { EventStore, type StreamOrderCursor } from '../event-store/event-store.js';
import type { StoredEvent } from '../event-store/stored-event.js';
import { holdWritesBack } from '../event-store/write-locks.js';
import { DEAL_STREAM_PREFIX, type DealStreamChoice, type StreamStart, chooseDealStreams, dealIdOfStream, toDealEvent } from '../deals/deal-stream.js';
import { fold } from '../deals/domain/deal.js';
import { type DealReadRows, dealReadRows, writeDealReadRows } from '../deals/projections/deal-read-rows.js';
import { FX_STREAM_ID, projectFxLoad } from '../fx/fx-stream.js';
import { projectCompanyEvent } from '../companies/company-stream.js';
import { COMPANY_STREAM_PREFIX } from '../deals/domain/company.js';
import { FILL_CREDIT_TOTALS, FILL_VOLUME_TOTALS, READ_TABLES, createShadowTables, dropSchema, keepReportTotals, swapInShadowTables } from './read-tables.js';
import { recordReadTablesVersion } from './read-tables-version.js';

export interface RebuildProgress {
  events: number;
  total: number;
}

export interface RebuildResult {
  events: number;
  deals: number;
  /** Events committed while the replay ran, applied under the lock just before the swap. */
  caughtUp: number;
  seconds: number;
  eventsPerSecond: number;
  /**
   * Deal streams left out: opened by an earlier release under the capitalised id of a deal that already had a stream
   * (ids are case-insensitive now; the first stream written is the deal's own).
   */
  ignoredStreams: string[];
}

/** Where a rebuild writes: its shadow schema (tables resolve there first, then in the live one), and what it skips. */
interface Shadow {
  schema: string;
  live: string;
  /** Events of transactions at or above it are caught up after the replay. */
  horizon: string;
  ignored: Set<string>;
}

const PAGE = 5_000;
const DEALS_PER_TRANSACTION = 250;

/**
 * Replays the whole log into fresh copies of the read tables (a "shadow" schema), then swaps them in, so the
 * server keeps answering from the old tables meanwhile. Writes that commit during the replay are caught up under
 * a short lock that holds new appends back just before the swap.
 */
export class ProjectionRebuilder {
  private readonly store: EventStore;

  constructor(private readonly dataSource: DataSource) {
    this.store = new EventStore(dataSource);
  }

  async rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    const started = Date.now();
    const shadow = await this.buildShadow(onProgress);
    const retired = `${shadow.schema}_retired`;
    try {
      const caughtUp = await this.dataSource.transaction(async (manager) => {
        // Waits for in-flight writes to commit and holds new ones back, before they touch any table, until the swap
        // commits. The table lock also stops any append that bypassed the write lock. Catching up is idempotent, so
        // what buildShadow already caught up is applied again harmlessly.
        await holdWritesBack(manager);
        await manager.query('LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE');
        const count = await this.catchUp(manager, shadow);
        await swapInShadowTables(manager, shadow.live, shadow.schema, retired);
        await recordReadTablesVersion(manager);
        return count;
      });
      const seconds = (Date.now() - started) / 1000;
      return {
        events: shadow.events,
        deals: shadow.deals,
        caughtUp,
        seconds,
        eventsPerSecond: Math.round(shadow.events / seconds),
        ignoredStreams: [...shadow.ignored],
      };
    } finally {
      await dropSchema(this.dataSource.manager, retired);
      await dropSchema(this.dataSource.manager, shadow.schema);
    }
  }

  /**
   * Replays every committed event into a new shadow schema; the caller swaps it in or inspects and drops it.
   * The replay reads below the commit horizon (any open transaction in the cluster lowers it), then everything
   * committed since is caught up, so the shadow holds every event committed when this returns.
   */
  async buildShadow(onProgress?: (progress: RebuildProgress) => void) {
    const [{ live }]: { live: string }[] = await this.dataSource.query('SELECT current_schema() AS live');
    const schema = `rebuild_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const deferredIndexes = await this.dataSource.transaction((manager) => createShadowTables(manager, live, schema));
    try {
      const horizon = await this.store.commitHorizon();
      const total = await this.store.countBelowHorizon(horizon);
      const streams = await this.dealStreams();
      const target = { schema, live, horizon, ignored: new Set(streams.ignored) };
      await this.inShadow(target, (manager) => recordAliases(manager, streams.aliases));
      const counts = await this.replay(target, (events) => onProgress?.({ events, total }));
      await this.completeShadow(target, deferredIndexes);
      await this.dataSource.transaction((manager) => this.catchUp(manager, target));
      // Fresh tables have no statistics: without them the planner would guess, and the first dashboards would pay.
      await this.dataSource.query(`ANALYZE ${READ_TABLES.map((table) => `${ident(schema)}.${table}`).join(', ')}`);
      return { ...target, ...counts };
    } catch (error) {
      await dropSchema(this.dataSource.manager, schema);
      throw error;
    }
  }

  /**
   * Reads the log in stream order and writes the deals in batches, one transaction each. Node's work (reading rows,
   * folding, view rows) and the database's (writing a batch) overlap: the next page is read, and the next batch
   * folded, while a batch is written. Batches are still written one at a time and in order, so a company's events
   * are in before the deals after them.
   */
  private async replay(target: Shadow, progress: (events: number) => void) {
    let events = 0;
    let current: StoredEvent[] = [];
    let batch: StoredEvent[][] = [];
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const streams = batch;
      batch = [];
      const prepared = await prepareStreams(streams, target.ignored);
      await writing;
      writing = this.inShadow(target, (manager) => writePrepared(manager, prepared));
      writing.catch(() => {}); // awaited before the next batch is written, or at the end
    };
    const read = (after: StreamOrderCursor | null) => {
      const page = this.store.readBelowHorizonInStreamOrder(target.horizon, after, PAGE);
      page.catch(() => {}); // awaited in turn
      return page;
    };
    let next = read(null);
    try {
      for (;;) {
        const page = await next;
        const last = page[page.length - 1];
        if (page.length === PAGE) next = read({ streamId: last.streamId, version: last.version });
        for (const event of page) {
          if (current.length > 0 && current[0].streamId !== event.streamId) {
            batch.push(current);
            current = [];
            if (batch.length >= DEALS_PER_TRANSACTION) await flush();
          }
          current.push(event);
        }
        events += page.length;
        progress(events);
        if (page.length < PAGE) break;
      }
      if (current.length > 0) batch.push(current);
      await flush();
    } finally {
      // Whatever failed, nothing is left running on the shadow tables behind the caller's back.
      await Promise.allSettled([writing, next]);
    }
    await writing;
    return { events, deals: await this.countDeals(target.schema) };
  }

  /**
   * What is built from the replayed views, in lanes (completionLanes). None of it writes deal_views. Every lane is
   * finished, failed or not, before this returns.
   */
  private async completeShadow(target: Shadow, deferredIndexes: string[]): Promise<void> {
    const lanes = completionLanes(deferredIndexes, poolSize(this.dataSource));
    const done = await Promise.allSettled(
      lanes.map((statements) =>
        this.inShadow(target, async (manager) => {
          for (const statement of statements) await manager.query(statement);
        }),
      ),
    );
    const failed = done.find((lane) => lane.status === 'rejected');
    if (failed) throw failed.reason;
    await this.inShadow(target, (manager) => keepReportTotals(manager, target.schema));
  }

  private async catchUp(manager: EntityManager, target: Shadow): Promise<number> {
    const { horizon } = target;
    const changed = await this.store.streamsChangedSince(manager, horizon);
    let count = 0;
    await this.setSearchPath(manager, target);
    for (const streamId of changed) {
      const events = await this.store.readStream(streamId, {}, manager);
      count += events.filter((e) => BigInt(e.transactionId) >= BigInt(horizon)).length;
      // A deal is re-folded whole; other streams replay only what the shadow has not seen.
      const fresh = streamId.startsWith(DEAL_STREAM_PREFIX)
        ? events
        : events.filter((e) => BigInt(e.transactionId) >= BigInt(horizon));
      await this.applyStreams(manager, [fresh], target.ignored);
    }
    await manager.query('SET LOCAL search_path TO DEFAULT');
    return count;
  }

  private async applyStreams(manager: EntityManager, streams: StoredEvent[][], ignored: Set<string>): Promise<void> {
    await writePrepared(manager, await prepareStreams(streams, ignored));
  }

  /** Runs `work` in a transaction whose unqualified table names resolve to the shadow tables first. */
  private inShadow<T>(target: Shadow, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await this.setSearchPath(manager, target);
      return work(manager);
    });
  }

  private async setSearchPath(manager: EntityManager, { schema, live }: Shadow): Promise<void> {
    await manager.query(`SET LOCAL search_path TO ${ident(schema)}, ${ident(live)}`);
  }

  /** Deal streams whose ids differ only in letter case, and which of them is each deal's own (deal-stream.ts). */
  private async dealStreams(): Promise<DealStreamChoice> {
    const starts: StreamStart[] = await this.dataSource.query(
      `WITH other_case AS (
         SELECT stream_id, min(global_position) AS first FROM events
         WHERE stream_id LIKE $1 AND stream_id <> lower(stream_id) GROUP BY stream_id
       )
       SELECT stream_id AS "streamId", first::text AS "firstPosition" FROM other_case
       UNION ALL
       SELECT e.stream_id, min(e.global_position)::text FROM events e JOIN other_case o ON e.stream_id = lower(o.stream_id)
       GROUP BY e.stream_id`,
      [`${DEAL_STREAM_PREFIX}%`],
    );
    return chooseDealStreams(starts);
  }

  private async countDeals(schema: string): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${ident(schema)}.deal_views`);
    return row.n;
  }
}

/**
 * The statements that complete a shadow, in lanes run side by side: on PostgreSQL two lanes on two connections (two
 * cores), the credit totals, the longest part, in one, the volume totals and deal_views' deferred indexes in the other.
 * A pool of one connection (the embedded database) gets a single lane: a second lane would wait for the connection
 * the first holds for its whole fill, and at 100,000 deals that is longer than the pool's connection timeout.
 */
export function completionLanes(deferredIndexes: string[], connections: number): string[][] {
  const lanes = [[FILL_CREDIT_TOTALS], [FILL_VOLUME_TOTALS, ...deferredIndexes]];
  return connections > 1 ? lanes : [lanes.flat()];
}

/** How many connections the data source's pool opens at most (createDataSource sets it; pg's default is 10). */
export function poolSize(dataSource: DataSource): number {
  const extra = (dataSource.options as { extra?: { max?: number } }).extra;
  return extra?.max ?? 10;
}

async function recordAliases(manager: EntityManager, aliases: Map<string, string>): Promise<void> {
  if (aliases.size === 0) return;
  await manager.query('INSERT INTO deal_stream_aliases (deal_id, stream_id) SELECT * FROM unnest($1::uuid[], $2::text[])', [
    [...aliases.keys()],
    [...aliases.values()],
  ]);
}

/** A batch of streams made ready to write: the deals folded into their read rows, the other streams' events as read. */
interface PreparedStreams {
  others: StoredEvent[][];
  deals: DealReadRows | null;
}

/** Streams folded between two turns of the event loop. */
const FOLD_SLICE = 25;

/**
 * Node's part of writing a batch, done before its transaction and while the batch before it is written: it lets the
 * event loop in every few streams, so that write's statements go out as soon as the last one is answered.
 */
async function prepareStreams(streams: StoredEvent[][], ignored: Set<string>): Promise<PreparedStreams> {
  const others: StoredEvent[][] = [];
  const deals = [];
  for (const [i, events] of streams.entries()) {
    if (i % FOLD_SLICE === 0) await new Promise(setImmediate);
    const streamId = events[0]?.streamId;
    if (streamId === undefined || ignored.has(streamId)) continue;
    if (streamId.startsWith(DEAL_STREAM_PREFIX)) {
      const recorded = events.map(toDealEvent);
      deals.push({ state: fold(dealIdOfStream(streamId), recorded), events: recorded });
    } else if (streamId === FX_STREAM_ID || streamId.startsWith(COMPANY_STREAM_PREFIX)) {
      others.push(events);
    }
  }
  return { others, deals: deals.length > 0 ? dealReadRows(deals) : null };
}

/**
 * Deals set-based (two statements for the whole batch); FX loads and company events one by one, in stream order.
 * Company streams sort before deal streams: their facts and merges are in place when the deals are projected, as
 * inline projection leaves them whichever came first.
 */
async function writePrepared(manager: EntityManager, { others, deals }: PreparedStreams): Promise<void> {
  for (const events of others) {
    const project = events[0].streamId === FX_STREAM_ID ? projectFxLoad : projectCompanyEvent;
    for (const event of events) await project(manager, event);
  }
  if (deals) await writeDealReadRows(manager, deals);
}
