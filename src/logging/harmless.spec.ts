import { REDACTED, harmlessHeaders, harmlessUrl } from './harmless.js';

describe('what a request log shows', () => {
  const ANY = `${REDACTED}=${REDACTED}`;

  it('keeps the values of the API’s own parameters of the shape each takes, and redacts any other parameter, name too', () => {
    expect(harmlessUrl('/deals?status=pending,closed&token=s3cret&limit=5')).toBe(`/deals?status=pending,closed&${ANY}&limit=5`);
    expect(harmlessUrl('/deals?sort=-valueUsd&announcedFrom=2024-01-01&minValueUsd=1000.5')).toBe('/deals?sort=-valueUsd&announcedFrom=2024-01-01&minValueUsd=1000.5');
    expect(harmlessUrl('/deals/x?knownAt=2025-06-01T00:00:00Z')).toBe('/deals/x?knownAt=2025-06-01T00:00:00Z');
    expect(harmlessUrl('/deals')).toBe('/deals');
  });

  it('redacts a key wherever it was put: as a bare parameter, in a search, in a parameter of another shape', () => {
    const key = 'dt_Qm9vLTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams';
    for (const url of [`/deals?${key}`, `/deals?q=${key}`, `/deals?status=${key}`, `/deals?cursor=${key}`, `/events?after=${key}`, `/deals?party=${key}`]) {
      expect(harmlessUrl(url)).not.toContain(key);
    }
    expect(harmlessUrl(`/deals/${key}/events`)).toBe(`/deals/${REDACTED}/events`);
    expect(harmlessUrl(`/${key}?limit=5`)).toBe(`/${REDACTED}?limit=5`);
    expect(harmlessUrl(`/deals/dt%5F${key.slice(3)}`)).toBe(`/deals/${REDACTED}`);
    expect(harmlessUrl(`/deals/%64t_${key.slice(3)}%`)).toBe(`/deals/${REDACTED}`);
    expect(harmlessUrl(`/deals?party=0f8e7a66-1d2c-4b5a-9e8f-7a6b5c4d3e2f&q=acme`)).toBe(`/deals?party=0f8e7a66-1d2c-4b5a-9e8f-7a6b5c4d3e2f&q=${REDACTED}`);
  });

  it('takes any request target, odd ones too', () => {
    expect(harmlessUrl('//')).toBe('//');
    expect(harmlessUrl('//x?api_key=a')).toBe(`//x?${ANY}`);
    expect(harmlessUrl('/?%zz=1&a&constructor=1')).toBe(`/?${ANY}&${ANY}&${ANY}`);
  });

  it('keeps the values of harmless headers only', () => {
    expect(harmlessHeaders({ 'Content-Type': 'application/json', authorization: 'Bearer x', 'x-api-key': 'k' })).toEqual({
      'Content-Type': 'application/json',
      authorization: REDACTED,
      'x-api-key': REDACTED,
    });
  });

  it('redacts a key of ours put in a harmless header', () => {
    const key = 'dt_Qm9vLTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams';
    expect(harmlessHeaders({ 'idempotency-key': key, 'user-agent': `ua-${key}`, 'if-match': `"${key}"`, accept: [key, 'x'] })).toEqual({
      'idempotency-key': REDACTED,
      'user-agent': `ua-${REDACTED}`,
      'if-match': `"${REDACTED}"`,
      accept: [REDACTED, 'x'],
    });
  });
});
