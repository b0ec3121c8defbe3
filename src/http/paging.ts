// Opaque keyset cursors for list endpoints: the sort key of the last item, base64url-encoded JSON.
import { RequestValidationError } from './request-validation.error.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodePageCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor carries, or undefined for the first page. `size` is how many parts the key must have. */
export function decodePageCursor(cursor: unknown, size: number): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    // A repeated ?cursor= arrives as an array: refused, not joined (String() would join it into something decodable).
    if (typeof cursor !== 'string') throw new TypeError('not a single cursor');
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === size) return key;
  } catch {
    // fall through: a cursor that does not decode is the client's mistake, not ours
  }
  throw new RequestValidationError([{ field: 'cursor', message: 'is not a cursor this server issued' }]);
}

/** Fetch `limit + 1` rows; the extra one only tells whether there is a next page. */
export function toPage<Row, Item>(rows: Row[], limit: number, toItem: (row: Row) => Item, keyOf: (row: Row) => unknown[]): Page<Item> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodePageCursor(keyOf(last)) : null,
  };
}
