import { TokenBuckets } from './token-buckets.js';

describe('TokenBuckets', () => {
  let now = 0;
  const minute = 60_000;
  const buckets = () => new TokenBuckets(3, minute, () => now);
  beforeEach(() => (now = 1_000_000));

  it('allows a burst up to the limit, counting down, then refuses with the wait for the next token', () => {
    const b = buckets();
    expect([b.take('etl'), b.take('etl'), b.take('etl')].map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    // 3 per minute: one token every 20 s.
    expect(b.take('etl')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 20 });
    now += 15_000;
    expect(b.take('etl')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 5 });
    now += 5_000;
    expect(b.take('etl')).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
  });

  it('refills continuously but never above the limit', () => {
    const b = buckets();
    b.take('desk');
    now += 10 * minute;
    expect(b.take('desk').remaining).toBe(2);
  });

  it('keeps each name in its own bucket', () => {
    const b = buckets();
    for (let i = 0; i < 3; i++) b.take('etl');
    expect(b.take('etl').allowed).toBe(false);
    expect(b.take('desk')).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
  });

  it('never asks to retry in less than a second', () => {
    const b = new TokenBuckets(6000, minute, () => now);
    for (let i = 0; i < 6000; i++) b.take('bulk');
    expect(b.take('bulk')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it('refuses a zero or negative limit (0 means off, handled by the caller)', () => {
    expect(() => new TokenBuckets(0, minute)).toThrow();
  });
});
