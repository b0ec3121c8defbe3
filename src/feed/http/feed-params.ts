// Cursor parameters of the feed (`after`, `Last-Event-ID`): a bad one is a 400 naming the field, never a 500.
import type { EventStore } from '../../event-store/event-store.js';
import { InvalidCursor } from '../../event-store/event-store.errors.js';
import { type GlobalCursor, START, decodeCursor } from '../../event-store/global-cursor.js';
import { RequestValidationError } from '../../http/request-validation.error.js';

const notIssued = (field: string) => new RequestValidationError([{ field, message: 'is not a cursor this server issued' }]);

/**
 * Absent or empty: the start of the log. Otherwise it must stand just after an event of the log, as every cursor the
 * feed hands out does: a forged one past the end (the largest transaction id, say) would read nothing, for ever.
 */
export async function feedCursorParam(store: EventStore, field: string, value: unknown): Promise<GlobalCursor> {
  if (value === undefined || value === '') return START;
  const cursor = typeof value === 'string' ? tryDecode(value) : undefined;
  if (!cursor || !(await store.isReadPosition(cursor))) throw notIssued(field);
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
