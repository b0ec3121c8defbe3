// Inputs the fuzzer once found answered with a 500 (or accepted when they must be refused), replayed on every run:
// some of them took a rare seed to find, and a regression should not wait for that seed to come round again.
import type { FuzzRequest } from './fuzz-client.js';
import { type RequestFactory, request } from './fuzz-requests.js';
import { seedDeal } from './deals.js';

const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
const SOME_UUID = '3f2b8c1d-6e4a-4b7f-9d2c-1a5e8f0b7c6d';

export function regressionRequests(f: RequestFactory): FuzzRequest[] {
  const dealId = f.ctx.dealIds[0];
  const json = { 'Content-Type': 'application/json' };
  const send = (method: string, path: string, expect: FuzzRequest['expect'], why: string, body?: object) =>
    request({
      family: 'regressions',
      method,
      path,
      headers: { Authorization: f.authorization, ...(body ? json : {}) },
      body: body && JSON.stringify(body),
      expect,
      why,
    });
  return [
    send('POST', '/deals', 'refuse', 'NUL in a party name (PostgreSQL text cannot hold it)', { ...seedDeal, acquirer: { name: 'x\u0000' } }),
    send('POST', '/deals', 'refuse', 'a lone surrogate in the note (jsonb cannot hold it)', { ...seedDeal, note: 'a\ud800b' }),
    send('POST', '/deals', 'refuse', 'NUL in a field name', { ...seedDeal, ['k\u0000']: 1 }),
    send('POST', '/deals', 'refuse', 'year 0 (PostgreSQL has none)', { ...seedDeal, occurredOn: '0000-01-01' }),
    send('POST', '/fx-rates', 'refuse', 'an FX rate dated year 0', { rates: [{ date: '0000-01-01', currency: 'GBP', usd: '1.2' }] }),
    send('GET', '/deals?q=%00', 'any', 'NUL in a name search'),
    send('GET', '/companies?q=a%00b', 'any', 'NUL in a company search'),
    send('GET', '/deals?announcedFrom=0000-01-01', 'refuse', 'year 0 in a date filter'),
    send('GET', '/league-tables/acquirers?to=0000-01-01', 'refuse', 'year 0 in a league table range'),
    send('GET', '/stats/volume?from=0000-01-01', 'refuse', 'year 0 in a volume range'),
    send('GET', '/fx-rates?from=0000-01-01', 'refuse', 'year 0 in an FX range'),
    send('GET', `/deals/${dealId}?asOf=0000-01-01`, 'refuse', 'year 0 as asOf'),
    send('GET', `/deals?sort=-updatedAt&cursor=${cursor(['-updatedAt', '2025-13-45T99:99:99.000000Z', SOME_UUID])}`, 'refuse', 'a cursor of no instant'),
    send('GET', `/deals?sort=updatedAt&cursor=${cursor(['updatedAt', null, SOME_UUID])}`, 'refuse', 'a NULL key for a sort that has none'),
    send('GET', `/companies?cursor=${cursor(['\u0000', 'Acme', SOME_UUID])}`, 'refuse', 'NUL in a company cursor'),
    send('GET', `/stats/volume?interval=year&cursor=${cursor(['0000'])}`, 'refuse', 'a volume cursor of year 0'),
    send('GET', `/deals/${dealId}?knownAt=%2B2025-03-28T12%3A00%3A00Z`, 'refuse', 'an extended-year knownAt (an Invalid Date)'),
    send('GET', `/deals/${dealId}?knownAt=-271821-04-20T00%3A00%3A00Z`, 'refuse', 'a knownAt before PostgreSQL’s range'),
    send('GET', `/pipeline?cursor=${cursor(['2022-01-18', SOME_UUID])}&cursor=%27`, 'refuse', 'a repeated cursor (joined, it decoded: base64url skips the quote)'),
    send('GET', '/companies/%ZZ', 'refuse', 'a path parameter that does not percent-decode (a 400 needs errors)'),
  ];
}
