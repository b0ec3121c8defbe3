import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ident } from '../database/sql-text.js';
import { EventStore, type StreamOrderCursor } from '../event-store/event-store.js';
import type { StoredEvent } from '../event-store/stored-event.js';
import { holdWritesBack } from '../event-store/write-locks.js';
import { DEAL_STREAM_PREFIX, dealIdOfStream, toDealEvent } from '../deals/deal-stream.js';
import { fold } from '../deals/domain/deal.js';
import { projectDeals } from '../deals/projections/deal-read-rows.js';
import { FX_STREAM_ID, projectFxLoad } from '../fx/fx-stream.js';
import { READ_TABLES, createShadowTables, dropSchema, fillReportTotals, swapInShadowTables } from './read-tables.js';
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
        const count = await this.catchUp(manager, shadow.schema, shadow.live, shadow.horizon);
        await swapInShadowTables(manager, shadow.live, shadow.schema, retired);
        await recordReadTablesVersion(manager);
        return count;
      });
      const seconds = (Date.now() - started) / 1000;
      return { events: shadow.events, deals: shadow.deals, caughtUp, seconds, eventsPerSecond: Math.round(shadow.events / seconds) };
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
    await this.dataSource.transaction((manager) => createShadowTables(manager, live, schema));
    try {
      const horizon = await this.store.commitHorizon();
      const total = await this.store.countBelowHorizon(horizon);
      const counts = await this.replay(schema, live, horizon, (events) => onProgress?.({ events, total }));
      await this.inShadow(schema, live, (manager) => fillReportTotals(manager, schema));
      await this.dataSource.transaction((manager) => this.catchUp(manager, schema, live, horizon));
      // Fresh tables have no statistics: without them the planner would guess, and the first dashboards would pay.
      await this.dataSource.query(`ANALYZE ${READ_TABLES.map((table) => `${ident(schema)}.${table}`).join(', ')}`);
      return { schema, live, horizon, ...counts };
    } catch (error) {
      await dropSchema(this.dataSource.manager, schema);
      throw error;
    }
  }

  private async replay(schema: string, live: string, horizon: string, progress: (events: number) => void) {
    let events = 0;
    let deals = 0;
    let after: StreamOrderCursor | null = null;
    let current: StoredEvent[] = [];
    let batch: StoredEvent[][] = [];
    const flush = async () => {
      await this.inShadow(schema, live, (manager) => this.applyStreams(manager, batch));
      batch = [];
    };
    for (;;) {
      const page = await this.store.readBelowHorizonInStreamOrder(horizon, after, PAGE);
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
      const last = page[page.length - 1];
      after = { streamId: last.streamId, version: last.version };
    }
    if (current.length > 0) batch.push(current);
    await flush();
    deals = await this.countDeals(schema);
    return { events, deals };
  }

  private async catchUp(manager: EntityManager, schema: string, live: string, horizon: string): Promise<number> {
    const changed = await this.store.streamsChangedSince(manager, horizon);
    let count = 0;
    await this.setSearchPath(manager, schema, live);
    for (const streamId of changed) {
      const events = await this.store.readStream(streamId, {}, manager);
      count += events.filter((e) => BigInt(e.transactionId) >= BigInt(horizon)).length;
      // A deal is re-folded whole; other streams replay only what the shadow has not seen.
      const fresh = streamId.startsWith(DEAL_STREAM_PREFIX)
        ? events
        : events.filter((e) => BigInt(e.transactionId) >= BigInt(horizon));
      await this.applyStreams(manager, [fresh]);
    }
    await manager.query('SET LOCAL search_path TO DEFAULT');
    return count;
  }

  /** Deals set-based (two statements for the whole batch); FX loads one by one, in stream order. */
  private async applyStreams(manager: EntityManager, streams: StoredEvent[][]): Promise<void> {
    const deals = [];
    for (const events of streams) {
      const streamId = events[0]?.streamId;
      if (streamId?.startsWith(DEAL_STREAM_PREFIX)) {
        const recorded = events.map(toDealEvent);
        deals.push({ state: fold(dealIdOfStream(streamId), recorded), events: recorded });
      } else if (streamId === FX_STREAM_ID) {
        for (const event of events) await projectFxLoad(manager, event);
      }
    }
    await projectDeals(manager, deals);
  }

  /** Runs `work` in a transaction whose unqualified table names resolve to the shadow tables first. */
  private inShadow<T>(schema: string, live: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await this.setSearchPath(manager, schema, live);
      return work(manager);
    });
  }

  private async setSearchPath(manager: EntityManager, schema: string, live: string): Promise<void> {
    await manager.query(`SET LOCAL search_path TO ${ident(schema)}, ${ident(live)}`);
  }

  private async countDeals(schema: string): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${ident(schema)}.deal_views`);
    return row.n;
  }
}
