// The two round trips of a deal write. First a read, outside any transaction: the stream, the companies its parties
// name, a result already stored under its Idempotency-Key, and the database clock that dates the new events. Then
// deal_append_batch (migrations/1764246200000-deal-write-functions.ts), one statement that locks, re-checks the
// version and writes the events and the read-table rows, for one write or for several writers' at once.
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { CompanyLookups, KnownCompanies } from '../../companies/company-directory.js';
import { companyNameRows } from '../../companies/companies.projection.js';
import { StreamVersionConflict } from '../../event-store/event-store.errors.js';
import type { EventMetadata, StoredEvent } from '../../event-store/stored-event.js';
import { toDealEvent } from '../deal-stream.js';
import type { DealState } from '../domain/deal.js';
import { dealViewRow } from '../projections/deal-view.projection.js';

/**
 * Where the statements run: the DataSource (each statement its own transaction) or a transaction's EntityManager.
 * `prepared`: name the statements, so each connection parses and plans them once. Not on the embedded database:
 * its socket server serves every connection from one backend, which keeps the names of connections the pool closed.
 */
export interface Queryable {
  db: DataSource | EntityManager;
  prepared: boolean;
}

interface PoolClient {
  query(config: object): Promise<{ rows: Record<string, unknown>[] }>;
  release(destroy?: unknown): void;
  listenerCount(event: string): number;
  on(event: 'error', listener: (error: Error) => void): void;
}

/**
 * A connection that dies while checked out emits 'error' besides failing its query; with no listener that would
 * crash the process. TypeORM adds one to the connections it hands out; these may never pass through TypeORM.
 */
function survivesConnectionLoss(client: PoolClient): PoolClient {
  if (client.listenerCount('error') === 0) client.on('error', () => undefined); // the failed query reports it
  return client;
}

/** Outside a transaction the hot statements go straight to the driver's pool, skipping TypeORM's per-query runner. */
async function run({ db, prepared }: Queryable, name: string, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  if (!(db instanceof DataSource)) return db.query(text, values);
  const pool = (db.driver as PostgresDriver).master as { connect(): Promise<PoolClient> };
  const client = survivesConnectionLoss(await pool.connect());
  let broken: unknown;
  try {
    return (await client.query(prepared ? { name, text, values } : { text, values })).rows;
  } catch (error) {
    // An error the server reported (a constraint, a bad value) leaves the connection fine; pool.query() would close
    // it anyway, and each such refusal would then cost a new connection.
    if (!(error instanceof pg.DatabaseError)) broken = error;
    throw error;
  } finally {
    client.release(broken);
  }
}

export interface Prior {
  requestHash: string;
  response: unknown;
}

export interface WriteSnapshot {
  /** The streams' events after the version the writer already knows, by stream and version. */
  history: StoredEvent[];
  known: KnownCompanies;
  prior: Prior | null;
  /** Database time, to the millisecond: the recordedAt of events decided on this snapshot. */
  now: string;
}

type StoredRow = Omit<StoredEvent, 'recordedAt'> & { recordedAt: string };

const LOAD = `
  SELECT
    (SELECT coalesce(json_agg(e ORDER BY e."streamId", e.version), '[]') FROM (
       SELECT global_position::text AS "globalPosition", transaction_id::text AS "transactionId", stream_id AS "streamId",
         stream_version AS "version", event_id AS "eventId", event_type AS "type", schema_version AS "schemaVersion",
         data, metadata, occurred_on AS "occurredOn", recorded_at AS "recordedAt"
       FROM events WHERE stream_id = ANY($1::text[]) AND stream_version > $6) e) AS history,
    (SELECT coalesce(json_object_agg(n.normalized_name, n.company_id), '{}') FROM (
       SELECT DISTINCT ON (normalized_name) normalized_name, company_id FROM company_names
       WHERE normalized_name = ANY($2::text[]) ORDER BY normalized_name, first_seen_at, company_id) n) AS "byName",
    (SELECT coalesce(json_agg(DISTINCT company_id), '[]') FROM company_names WHERE company_id = ANY($3::uuid[])) AS "existingIds",
    (SELECT json_build_object('requestHash', request_hash, 'response', response) FROM idempotency_keys
       WHERE actor = $4 AND key = $5 AND response IS NOT NULL) AS prior,
    to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now`;

/** For one write (one stream, after the version the writer knows) or a bulk import (many streams, from 0). */
export async function loadForWrite(
  db: Queryable,
  streamIds: string[],
  lookups: CompanyLookups,
  idempotency: { actor: string; key: string } | undefined,
  afterVersion: number,
): Promise<WriteSnapshot> {
  const values = [streamIds, lookups.names, lookups.companyIds, idempotency?.actor ?? null, idempotency?.key ?? null, afterVersion];
  const [row] = (await run(db, 'deal-write-load', LOAD, values)) as [Record<string, any>];
  return {
    history: (row.history as StoredRow[]).map((e) => ({ ...e, recordedAt: new Date(e.recordedAt).toISOString() })),
    known: { byName: row.byName, existingIds: row.existingIds },
    prior: row.prior,
    now: row.now,
  };
}

export interface AppendRequest {
  streamId: string;
  expectedVersion: number;
  events: { stream_version: number; event_id: string; event_type: string; data: unknown; occurred_on: string; recorded_at: string }[];
  metadata: EventMetadata;
  companyNames: unknown[];
  dealViews: unknown[];
  /** The key, its request hash, and the result to store with it (eventId, version and position are added). */
  idempotency: { actor: string; key: string; hash: string; response: Record<string, unknown> } | null;
}

/** The append of `stored` (the new events, numbered from expectedVersion + 1) with the read rows of `after`. */
export function appendRequestFor(
  expectedVersion: number,
  stored: StoredEvent[],
  after: DealState,
  idempotency: AppendRequest['idempotency'],
): AppendRequest {
  return {
    streamId: stored[0].streamId,
    expectedVersion,
    events: stored.map((e) => ({
      stream_version: e.version,
      event_id: e.eventId,
      event_type: e.type,
      data: e.data,
      occurred_on: e.occurredOn,
      recorded_at: e.recordedAt,
    })),
    metadata: stored[0].metadata,
    companyNames: companyNameRows(stored.map(toDealEvent)),
    dealViews: [dealViewRow(after)],
    idempotency,
  };
}

export type AppendOutcome =
  | { prior: Prior }
  | { conflict: number }
  | { events: { globalPosition: string; transactionId: string; version: number; eventId: string }[] };

/** Several appends in one statement and transaction (see AppendBatcher); an outcome per request, in order. */
export async function dealAppendBatch(db: Queryable, requests: AppendRequest[]): Promise<AppendOutcome[]> {
  const [row] = await run(db, 'deal-append-batch', 'SELECT deal_append_batch($1::jsonb) AS outcomes', [JSON.stringify(requests)]);
  return row.outcomes as AppendOutcome[];
}

/** The outcome, with a stream that moved on (or a writer that bypassed the lock and won the index) as a conflict. */
export async function settle(request: AppendRequest, outcome: Promise<AppendOutcome>): Promise<Exclude<AppendOutcome, { conflict: number }>> {
  let settled: AppendOutcome;
  try {
    settled = await outcome;
  } catch (error) {
    const e = error as { code?: string; constraint?: string; driverError?: typeof e };
    const unique = (e.code ?? e.driverError?.code) === '23505';
    if (unique && (e.constraint ?? e.driverError?.constraint) === 'events_stream_version_unique') {
      throw new StreamVersionConflict(request.streamId, request.expectedVersion);
    }
    throw error;
  }
  if ('conflict' in settled) throw new StreamVersionConflict(request.streamId, request.expectedVersion, settled.conflict);
  return settled;
}
