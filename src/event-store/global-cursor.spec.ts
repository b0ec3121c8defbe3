import { InvalidCursor } from './event-store.errors.js';
import { decodeCursor, encodeCursor } from './global-cursor.js';

const forged = (text: string) => Buffer.from(text).toString('base64url');

describe('the feed cursor', () => {
  it('round-trips a (transaction id, position) pair, up to the largest each column holds', () => {
    const largest = { transactionId: '18446744073709551615', position: '9223372036854775807' };
    expect(decodeCursor(encodeCursor(largest))).toEqual(largest);
  });

  it.each(['18446744073709551616:1', '1:9223372036854775808', '99999999999999999999:99999999999999999999', '1:-1', '1', 'x:1', '01:5', '5:007', ' 5:7'])(
    'refuses %s, which this server never issued',
    (text) => {
      expect(() => decodeCursor(forged(text))).toThrow(InvalidCursor);
    },
  );

  it('refuses a cursor that decodes to a real one but is not the text this server issued', () => {
    const issued = encodeCursor({ transactionId: '812', position: '4' });
    expect(decodeCursor(issued)).toEqual({ transactionId: '812', position: '4' });
    // Node's base64url decoder reads each of these as 812:4.
    for (const variant of [`${issued}=`, `${issued}.`, `!${issued}`, `${issued.slice(0, 2)} ${issued.slice(2)}`]) {
      expect(Buffer.from(variant, 'base64url').toString()).toBe('812:4');
      expect(() => decodeCursor(variant)).toThrow(InvalidCursor);
    }
  });
});
