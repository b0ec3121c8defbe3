import type { IdempotentRequest } from '../../idempotency/idempotency-keys.js';

/** Who writes and under which conditions: everything about a write that is not the event itself. */
export interface WriteContext {
  actor: string;
  /** From If-Match: the version the deal must still be at; '*' only requires the deal to exist. */
  ifMatch?: number | '*';
  idempotency?: IdempotentRequest;
  requestId?: string;
  correlationId?: string;
}

export interface WriteResult {
  dealId: string;
  eventId: string;
  version: number;
  position: number;
}

export class VersionMismatch extends Error {
  readonly code = 'VERSION_MISMATCH';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`The deal is at version ${actual}, not ${expected}.`);
  }
}
