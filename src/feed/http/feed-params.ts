// Cursor parameters of the feed (`after`, `Last-Event-ID`): a bad one is a 400 naming the field, never a 500.
import { InvalidCursor } from '../../event-store/event-store.errors.js';
import { type GlobalCursor, START, decodeCursor } from '../../event-store/global-cursor.js';
import { RequestValidationError } from '../../http/request-validation.error.js';

// decodeCursor accepts up to 20 digits; values past these would reach PostgreSQL as an out-of-range 500.
const MAX_XID8 = 2n ** 64n - 1n;
const MAX_BIGINT = 2n ** 63n - 1n;

/** Absent or empty: the start of the log. */
export function feedCursorParam(field: string, value: unknown): GlobalCursor {
  if (value === undefined || value === '') return START;
  const cursor = typeof value === 'string' ? tryDecode(value) : undefined;
  if (!cursor || BigInt(cursor.transactionId) > MAX_XID8 || BigInt(cursor.position) > MAX_BIGINT) {
    throw new RequestValidationError([{ field, message: 'is not a cursor this server issued' }]);
  }
  return cursor;
}

function tryDecode(text: string): GlobalCursor | undefined {
  try {
    return decodeCursor(text);
  } catch (error) {
    if (error instanceof InvalidCursor) return undefined;
    throw error;
  }
}
