import { IdempotencyKeyReused, canonicalJson, fingerprintHash, replayPrior } from './idempotency-keys.js';

describe('the request an Idempotency-Key stands for', () => {
  it('is the same whatever the order of the fields, at any depth', () => {
    const body = { type: 'priced', value: { amount: '1', currency: 'USD' }, equivalents: [{ amount: '2', currency: 'EUR' }] };
    const reordered = { equivalents: [{ currency: 'EUR', amount: '2' }], value: { currency: 'USD', amount: '1' }, type: 'priced' };
    expect(canonicalJson(reordered)).toBe(canonicalJson(body));
    expect(fingerprintHash({ method: 'POST', body: reordered })).toBe(fingerprintHash({ body, method: 'POST' }));
  });

  it('differs when a value or the order of a list differs', () => {
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
  });

  it('replays the stored result for the same request and refuses another one', () => {
    const request = { actor: 'analyst', key: 'k', fingerprint: { body: { a: 1, b: 2 } } };
    const prior = { requestHash: fingerprintHash({ body: { b: 2, a: 1 } }), response: { eventId: 'e' } };
    expect(replayPrior(request, prior)).toEqual({ eventId: 'e' });
    expect(() => replayPrior({ ...request, fingerprint: { body: { a: 1, b: 3 } } }, prior)).toThrow(IdempotencyKeyReused);
  });
});
