import type { IdempotentRequest } from '../idempotency/idempotency-keys.js';
import type { EventMetadata } from './stored-event.js';

/** Who writes, and how the request can be traced and retried: everything about a write that is not its events. */
export interface WriteContext {
  actor: string;
  idempotency?: IdempotentRequest;
  requestId?: string;
  correlationId?: string;
}

/** What the log keeps about the write with each of its events. */
export function metadataOf({ actor, idempotency, requestId, correlationId }: WriteContext): EventMetadata {
  return {
    actor,
    ...(requestId !== undefined ? { requestId } : {}),
    ...(correlationId !== undefined ? { correlationId } : {}),
    ...(idempotency ? { idempotencyKey: idempotency.key } : {}),
  };
}
