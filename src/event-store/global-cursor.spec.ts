import { InvalidCursor } from './event-store.errors.js';
import { decodeCursor, encodeCursor } from './global-cursor.js';

const forged = (text: string) => Buffer.from(text).toString('base64url');

describe('the feed cursor', () => {
  it('round-trips a (transaction id, position) pair, up to the largest each column holds', () => {
    const largest = { transactionId: '18446744073709551615', position: '9223372036854775807' };
    expect(decodeCursor(encodeCursor(largest))).toEqual(largest);
  });

  it.each(['18446744073709551616:1', '1:9223372036854775808', '99999999999999999999:99999999999999999999', '1:-1', '1', 'x:1'])(
    'refuses %s, which this server never issued',
    (text) => {
      expect(() => decodeCursor(forged(text))).toThrow(InvalidCursor);
    },
  );
});
