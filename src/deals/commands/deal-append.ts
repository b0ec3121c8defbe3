// The second round trip of a deal write: deal_append_batch (deal-append.sql) appends through stream_append and
// writes the read tables in the same transaction, for one write or for several writers' at once.
import { type Queryable, run } from '../../database/queryable.js';
import { type AppendOutcome, type AppendRequest, appendRequest } from '../../event-store/append.js';
import type { PendingEvent } from '../../event-store/stored-event.js';
import type { IdempotencyClaim } from '../../idempotency/idempotency-keys.js';
import { toDealEvent } from '../deal-stream.js';
import type { DealState } from '../domain/deal.js';
import { type DealReadRows, dealReadRows } from '../projections/deal-read-rows.js';

export type DealAppendRequest = AppendRequest & DealReadRows;

/** The append of `events` (numbered from expectedVersion + 1) with the read-table rows of `after`. */
export function dealAppendRequest(expectedVersion: number, events: PendingEvent[], after: DealState, idempotency: IdempotencyClaim | null): DealAppendRequest {
  const request = appendRequest(events[0].streamId, expectedVersion, events, events[0].metadata, idempotency);
  return { ...request, ...dealReadRows([{ state: after, events: events.map(toDealEvent) }]) };
}

/** Several appends in one statement and transaction (see AppendBatcher); an outcome per request, in order. */
export async function dealAppendBatch(db: Queryable, requests: DealAppendRequest[]): Promise<AppendOutcome[]> {
  const [row] = await run(db, 'deal-append-batch', 'SELECT deal_append_batch($1::jsonb) AS outcomes', [JSON.stringify(requests)]);
  return row.outcomes as AppendOutcome[];
}
