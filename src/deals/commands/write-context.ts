import type { WriteContext } from '../../event-store/write-context.js';

/** A deal write's context: the generic one, and the version the client saw. */
export interface DealWriteContext extends WriteContext {
  /** From If-Match: the version the deal must still be at; '*' only requires the deal to exist. */
  ifMatch?: number | '*';
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
    /** Whether `actual` is the version this instance last wrote: another may have written since. */
    orLater = false,
  ) {
    super(`The deal is at version ${actual}${orLater ? ' or later' : ''}, not ${expected}.`);
  }
}
