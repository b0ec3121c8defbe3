// The first of a deal write's two round trips, outside any transaction: the streams' events after what the writer
// already knows, the companies the parties name, a result already stored under the Idempotency-Key, and the database
// clock that dates (and decides) the new events.
import { type Queryable, run } from '../../database/queryable.js';
import type { StoredEvent } from '../../event-store/stored-event.js';
import type { IdempotentRequest, Prior } from '../../idempotency/idempotency-keys.js';
import { dealStreamId } from '../deal-stream.js';
import type { CompanyLookups, KnownCompanies } from './company-directory.js';

export interface WriteSnapshot {
  /** Each deal's stream (deal_stream_id: the one its id names, or an older one under another letter case). */
  streams: Record<string, string>;
  /** The streams' events after the version the writer already knows, by stream and version. */
  history: StoredEvent[];
  known: KnownCompanies;
  prior: Prior | null;
  /** Database time, to the millisecond: the recordedAt of events decided on this snapshot, and the decider's now. */
  now: string;
}

type StoredRow = Omit<StoredEvent, 'recordedAt'> & { recordedAt: string };

const LOAD = `
  WITH streams AS (SELECT d.deal_id, deal_stream_id(d.deal_id, d.named) AS stream_id FROM unnest($1::uuid[], $7::text[]) AS d(deal_id, named))
  SELECT
    (SELECT json_object_agg(deal_id, stream_id) FROM streams) AS streams,
    (SELECT coalesce(json_agg(e ORDER BY e."streamId", e.version), '[]') FROM (
       SELECT global_position::text AS "globalPosition", transaction_id::text AS "transactionId", stream_id AS "streamId",
         stream_version AS "version", event_id AS "eventId", event_type AS "type", schema_version AS "schemaVersion",
         data, metadata, occurred_on AS "occurredOn", recorded_at AS "recordedAt"
       FROM events WHERE stream_id = ANY(ARRAY(SELECT stream_id FROM streams)) AND stream_version > $6) e) AS history,
    (SELECT coalesce(json_object_agg(n.normalized_name, company_alias(n.company_id)), '{}') FROM (
       SELECT DISTINCT ON (normalized_name) normalized_name, company_id FROM company_names
       WHERE normalized_name = ANY($2::text[]) ORDER BY normalized_name, first_seen_at, company_id) n) AS "byName",
    (SELECT coalesce(json_object_agg(n.match_key, company_alias(n.company_id)), '{}') FROM (
       SELECT DISTINCT ON (match_key) match_key, company_id FROM company_names
       WHERE match_key = ANY($8::text[]) ORDER BY match_key, first_seen_at, company_id) n) AS "byMatchKey",
    (SELECT coalesce(json_agg(DISTINCT company_id), '[]') FROM company_names WHERE company_id = ANY($3::uuid[])) AS "existingIds",
    (SELECT json_build_object('requestHash', request_hash, 'response', response) FROM idempotency_keys
       WHERE actor = $4 AND key = $5 AND response IS NOT NULL) AS prior,
    to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now`;

/** For one write (one deal, after the version the writer knows) or a bulk import (many deals, from 0). */
export async function loadForWrite(
  db: Queryable,
  dealIds: string[],
  lookups: CompanyLookups,
  idempotency: IdempotentRequest | undefined,
  afterVersion: number,
): Promise<WriteSnapshot> {
  const named = dealIds.map(dealStreamId);
  const values = [dealIds, lookups.names, lookups.companyIds, idempotency?.actor ?? null, idempotency?.key ?? null, afterVersion, named, lookups.matchKeys];
  const [row] = (await run(db, 'deal-write-load', LOAD, values)) as [Record<string, any>];
  return {
    streams: row.streams ?? {},
    history: (row.history as StoredRow[]).map((e) => ({ ...e, recordedAt: new Date(e.recordedAt).toISOString() })),
    known: { byName: row.byName, byMatchKey: row.byMatchKey, existingIds: row.existingIds },
    prior: row.prior,
    now: row.now,
  };
}
