// The first of a deal write's two round trips (skipped when DealWriter holds the deal's state), outside any
// transaction (deal_write_load, deal-write-load.sql): the streams' events after what the writer already knows, the
// companies the parties name, a result already stored under the Idempotency-Key, and the database clock that dates
// (and decides) the new events.
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

const LOAD = 'SELECT deal_write_load($1, $2, $3, $4, $5, $6, $7, $8) AS load';

/** For one write (one deal, after the version the writer knows) or a bulk import (many deals, from 0). */
export async function loadForWrite(
  db: Queryable,
  dealIds: string[],
  lookups: CompanyLookups,
  idempotency: IdempotentRequest | undefined,
  afterVersion: number,
): Promise<WriteSnapshot> {
  const named = dealIds.map(dealStreamId);
  const values = [dealIds, named, lookups.names, lookups.matchKeys, lookups.companyIds, idempotency?.actor ?? null, idempotency?.key ?? null, afterVersion];
  const [{ load: row }] = (await run(db, 'deal-write-load', LOAD, values)) as [{ load: Record<string, any> }];
  return {
    streams: row.streams ?? {},
    history: (row.history as StoredRow[]).map((e) => ({ ...e, recordedAt: new Date(e.recordedAt).toISOString() })),
    known: { byName: row.byName, byMatchKey: row.byMatchKey, existingIds: row.existingIds },
    prior: row.prior,
    now: row.now,
  };
}
