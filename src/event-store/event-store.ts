import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AppendOutcome, appendRequest, settle } from './append.js';
import { type GlobalCursor, START } from './global-cursor.js';
import type { EventMetadata, NewEvent, StoredEvent } from './stored-event.js';

export interface StreamFilter {
  /** Only events that occurred on or before this date (business time). */
  occurredOnOrBefore?: string;
  /** Only events recorded at or before this instant (recorded time). */
  recordedAtOrBefore?: Date;
}

export interface GlobalPage {
  events: StoredEvent[];
  /** Where to resume; the same cursor when nothing new has committed. */
  next: GlobalCursor;
}

const COLUMNS = `global_position::text AS "globalPosition", transaction_id::text AS "transactionId",
  stream_id AS "streamId", stream_version AS "version", event_id AS "eventId", event_type AS "type",
  schema_version AS "schemaVersion", data, metadata, occurred_on AS "occurredOn", recorded_at AS "recordedAt"`;

type Row = Omit<StoredEvent, 'recordedAt'> & { recordedAt: Date };

const toStored = (row: Row): StoredEvent => ({ ...row, recordedAt: row.recordedAt.toISOString() });

@Injectable()
export class EventStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends inside the caller's transaction through stream_append (stream-append.sql), the append every write goes
   * through: the stream must still be at `expectedVersion`, else StreamVersionConflict.
   */
  async append(
    manager: EntityManager,
    streamId: string,
    expectedVersion: number,
    events: NewEvent[],
    metadata: EventMetadata,
  ): Promise<StoredEvent[]> {
    const request = appendRequest(streamId, expectedVersion, events, metadata, null);
    const appending = manager.query('SELECT stream_append($1::jsonb) AS outcome', [JSON.stringify(request)]);
    const settled = await settle(request, appending.then(([row]: { outcome: AppendOutcome }[]) => row.outcome));
    const ids = 'events' in settled ? settled.events.map((e) => e.eventId) : [];
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY stream_version`, [ids]);
    return rows.map(toStored);
  }

  async readStream(streamId: string, filter: StreamFilter = {}, manager?: EntityManager): Promise<StoredEvent[]> {
    const rows: Row[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM events
       WHERE stream_id = $1
         AND ($2::date IS NULL OR occurred_on <= $2::date)
         AND ($3::timestamptz IS NULL OR recorded_at <= $3::timestamptz)
       ORDER BY stream_version`,
      [streamId, filter.occurredOnOrBefore ?? null, filter.recordedAtOrBefore?.toISOString() ?? null],
    );
    return rows.map(toStored);
  }

  /**
   * Reads the whole log after `after` in commit-safe order: only transactions older than every transaction still
   * running are visible, so an event whose transaction commits late is read later instead of being skipped.
   */
  async readAll(after: GlobalCursor = START, limit = 100): Promise<GlobalPage> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id, global_position
       LIMIT $3`,
      [after.transactionId, after.position, limit],
    );
    const events = rows.map(toStored);
    const last = events.at(-1);
    return { events, next: last ? { transactionId: last.transactionId, position: last.globalPosition } : after };
  }

  /**
   * The newest `limit` events of the log a reader of readAll could have read by now (oldest first), and the cursor
   * after the newest of them: a screen shows the latest events, then streams from there without missing one.
   */
  async readLatest(limit: number): Promise<GlobalPage> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id DESC, global_position DESC
       LIMIT $1`,
      [limit],
    );
    const events = rows.map(toStored).reverse();
    const last = events.at(-1);
    return { events, next: last ? { transactionId: last.transactionId, position: last.globalPosition } : START };
  }

  /** Whether a reader could stand there: at the start, or just after an event of the log (what readAll hands out). */
  async isReadPosition(cursor: GlobalCursor): Promise<boolean> {
    if (cursor.transactionId === START.transactionId && cursor.position === START.position) return true;
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM events WHERE global_position = $2::bigint AND transaction_id = $1::xid8',
      [cursor.transactionId, cursor.position],
    );
    return rows.length > 0;
  }

  /** The oldest transaction still running: every event written by an older one has committed. */
  async commitHorizon(manager?: EntityManager): Promise<string> {
    const [row]: { horizon: string }[] = await (manager ?? this.dataSource.manager).query(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon',
    );
    return row.horizon;
  }

  /**
   * Reads the events written below a commit horizon in stream order (each stream contiguous, versions ascending),
   * for replays that fold one stream at a time. Keyset paging on the unique (stream_id, stream_version) index.
   */
  async readBelowHorizonInStreamOrder(horizon: string, after: StreamOrderCursor | null, limit: number): Promise<StoredEvent[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM events
       WHERE transaction_id < $1::xid8 AND (stream_id, stream_version) > ($2, $3)
       ORDER BY stream_id, stream_version
       LIMIT $4`,
      [horizon, after?.streamId ?? '', after?.version ?? 0, limit],
    );
    return rows.map(toStored);
  }

  /** The streams that received events at or above a horizon (call it once those transactions have ended). */
  async streamsChangedSince(manager: EntityManager, horizon: string): Promise<string[]> {
    const rows: { stream_id: string }[] = await manager.query(
      'SELECT DISTINCT stream_id FROM events WHERE transaction_id >= $1::xid8 ORDER BY stream_id',
      [horizon],
    );
    return rows.map((r) => r.stream_id);
  }

  async countBelowHorizon(horizon: string): Promise<number> {
    const [row]: { n: string }[] = await this.dataSource.query(
      'SELECT count(*)::text AS n FROM events WHERE transaction_id < $1::xid8',
      [horizon],
    );
    return Number.parseInt(row.n, 10);
  }
}

/** A position in stream order: (stream id, version). */
export interface StreamOrderCursor {
  streamId: string;
  version: number;
}
