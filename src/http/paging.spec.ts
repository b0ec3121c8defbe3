import { RequestValidationError } from './request-validation.error.js';
import { decodePageCursor, encodePageCursor, toPage } from './paging.js';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
const page = (n: number, limit: number) => toPage(rows(n), limit, (r) => r.id, (r) => [r.id]);

describe('toPage (a query fetches limit + 1 rows)', () => {
  it('gives the last item’s key as the cursor when there is one more row than the page holds', () => {
    const { items, nextCursor } = page(4, 3);
    expect(items).toEqual([1, 2, 3]);
    expect(decodePageCursor(nextCursor, 1)).toEqual([3]);
  });

  it('ends with no cursor on the last page, also when it is exactly full', () => {
    expect(page(3, 3)).toEqual({ items: [1, 2, 3], nextCursor: null });
    expect(page(2, 3)).toEqual({ items: [1, 2], nextCursor: null });
    expect(page(0, 3)).toEqual({ items: [], nextCursor: null });
  });
});

describe('page cursors', () => {
  it('round-trip the key', () => {
    expect(decodePageCursor(encodePageCursor(['2024-Q1', null, 'x']), 3)).toEqual(['2024-Q1', null, 'x']);
  });

  it('refuse a cursor of another shape, one that does not decode, and a repeated one', () => {
    for (const bad of [encodePageCursor([1, 2]), 'not-a-cursor', ['a', 'b']]) {
      expect(() => decodePageCursor(bad, 3)).toThrow(RequestValidationError);
    }
  });
});
