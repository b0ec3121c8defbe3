/** An event as the log holds it. Generic: the store knows nothing of deals. */
export interface StoredEvent<Data = Record<string, unknown>> {
  /** A bigint, kept as text so no position is ever rounded. */
  globalPosition: string;
  transactionId: string;
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
