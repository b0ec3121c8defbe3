import { InvalidCursor } from './event-store.errors.js';

/**
 * Where a reader of the whole log stands: the (transaction id, position) pair of the last event it read.
 * Never the position alone: positions commit out of order, transaction-id order below the snapshot's xmin does not.
 */
export interface GlobalCursor {
  transactionId: string;
  position: string;
}

export const START: GlobalCursor = { transactionId: '0', position: '0' };

export function encodeCursor(cursor: GlobalCursor): string {
  return Buffer.from(`${cursor.transactionId}:${cursor.position}`).toString('base64url');
}

// The largest values the columns hold: a transaction id is an xid8 (64 bits unsigned), a position a bigint.
const MAX_TRANSACTION_ID = 2n ** 64n - 1n;
const MAX_POSITION = 2n ** 63n - 1n;

export function decodeCursor(text: string | undefined | null): GlobalCursor {
  if (!text) return START;
  const match = /^(0|[1-9]\d{0,19}):(0|[1-9]\d{0,19})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  // A number beyond its column's range would reach PostgreSQL as an error, a 500: it was never issued here.
  if (!match || BigInt(match[1]) > MAX_TRANSACTION_ID || BigInt(match[2]) > MAX_POSITION) throw new InvalidCursor();
  const cursor = { transactionId: match[1], position: match[2] };
  // Base64 decoding forgives (padding, stray characters): only the text this server would have issued is a cursor.
  if (encodeCursor(cursor) !== text) throw new InvalidCursor();
  return cursor;
}
