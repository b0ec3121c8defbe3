/** An event decided but not yet appended: its place in the log comes from the append. Generic: the store knows nothing of deals. */
export interface PendingEvent<Data = Record<string, unknown>> {
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  occurredOn: string;
  recordedAt: string;
}

/** An event as the log holds it. */
export interface StoredEvent<Data = Record<string, unknown>> extends PendingEvent<Data> {
  /** A bigint, kept as text so no position is ever rounded. */
  globalPosition: string;
  transactionId: string;
}

export interface EventMetadata {
  actor: string;
  idempotencyKey?: string;
  correlationId?: string;
  requestId?: string;
}

export interface NewEvent {
  eventId: string;
  type: string;
  occurredOn: string;
  data: Record<string, unknown>;
}

/** The schema version events are written with today; older shapes are upcast when read. */
export const CURRENT_SCHEMA_VERSION = 1;

/** New events of a stream, numbered after `version`, as a write records them at `recordedAt`. */
export function pendingEvents(streamId: string, version: number, events: NewEvent[], metadata: EventMetadata, recordedAt: string): PendingEvent[] {
  return events.map((e, i) => ({ ...e, streamId, version: version + i + 1, schemaVersion: CURRENT_SCHEMA_VERSION, metadata, recordedAt }));
}
