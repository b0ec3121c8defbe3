// The append, as TypeScript sends it to stream_append (stream-append.sql) and reads its answer. Deal writes
// (deal_append_batch) and FX loads (fx_rates_append) append through it and add their read tables in the same
// transaction.
import type { IdempotencyClaim, Prior } from '../idempotency/idempotency-keys.js';
import { StreamVersionConflict } from './event-store.errors.js';
import type { EventMetadata, NewEvent, PendingEvent, StoredEvent } from './stored-event.js';

export interface AppendRequest {
  streamId: string;
  /** The version the stream must still be at; null appends at the end, wherever that is. */
  expectedVersion: number | null;
  events: { event_id: string; event_type: string; data: unknown; occurred_on: string; recorded_at?: string }[];
  metadata: EventMetadata;
  idempotency: IdempotencyClaim | null;
}

export interface AppendedEvent {
  globalPosition: string;
  transactionId: string;
  version: number;
  eventId: string;
}

export type AppendOutcome = { prior: Prior } | { conflict: number } | { events: AppendedEvent[] };
export type Settled = Exclude<AppendOutcome, { conflict: number }>;

/** Without `recordedAt`, the events are dated by the database clock when they are appended. */
export function appendRequest(
  streamId: string,
  expectedVersion: number | null,
  events: (NewEvent & { recordedAt?: string })[],
  metadata: EventMetadata,
  idempotency: IdempotencyClaim | null,
): AppendRequest {
  return {
    streamId,
    expectedVersion,
    events: events.map((e) => ({
      event_id: e.eventId,
      event_type: e.type,
      data: e.data,
      occurred_on: e.occurredOn,
      ...(e.recordedAt ? { recorded_at: e.recordedAt } : {}),
    })),
    metadata,
    idempotency,
  };
}

/** The outcome, with a stream that moved on (or a writer that bypassed the lock and won the index) as a conflict. */
export async function settle(request: AppendRequest, outcome: Promise<AppendOutcome>): Promise<Settled> {
  let settled: AppendOutcome;
  try {
    settled = await outcome;
  } catch (error) {
    if (isUniqueViolation(error, 'events_stream_version_unique')) {
      throw new StreamVersionConflict(request.streamId, request.expectedVersion ?? -1);
    }
    throw error;
  }
  if ('conflict' in settled) throw new StreamVersionConflict(request.streamId, request.expectedVersion ?? -1, settled.conflict);
  return settled;
}

/** The pending events with the places the append gave them. */
export function withPositions(pending: PendingEvent[], appended: AppendedEvent[]): StoredEvent[] {
  return pending.map((event, i) => ({ ...event, globalPosition: appended[i].globalPosition, transactionId: appended[i].transactionId }));
}

/** A unique violation (SQLSTATE 23505), on a given constraint if named; TypeORM wraps the driver's error. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
