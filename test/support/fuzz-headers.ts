// Hostile headers on valid requests (documented headers with bad values, repeated headers, unicode, huge values)
// and the bytes node:http refuses to send (control characters, lying Content-Length, unknown methods), sent raw.
import fc from 'fast-check';
import type { FuzzRequest } from './fuzz-client.js';
import type { FuzzOperation, ParamSpec } from './fuzz-openapi.js';
import { judge, kindOf, paramValues } from './fuzz-params.js';
import { type RequestFactory, knownPath, request, validBase } from './fuzz-requests.js';
import { SQL_FRAGMENTS, UNICODE_SAMPLES, clip, hostileString, short, wellFormed } from './fuzz-values.js';

/** A header value node:http will send: UTF-8 bytes as latin1, control characters (bar tab) replaced. */
export const headerSafe = (text: string) =>
  Buffer.from(wellFormed(text), 'utf8')
    .toString('latin1')
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '?');

const UNDOCUMENTED_HEADERS = [
  'X-Request-Id', 'X-Correlation-Id', 'Accept', 'Accept-Language', 'Accept-Encoding', 'Accept-Charset', 'Cookie', 'Origin',
  'Referer', 'User-Agent', 'Range', 'If-None-Match', 'If-Modified-Since', 'X-Forwarded-For', 'Forwarded', 'X-HTTP-Method-Override',
  'X-Forwarded-Proto', 'Prefer', 'Cache-Control', 'X-Api-Key', 'Authorization-Extra',
];

const IF_MATCH_VALUES = [
  '"1"', '"2"', '1', 'W/"1"', '*', '"*"', '"0"', '"999999"', '"99999999999"', '"-1"', '"1.5"', '"abc"', '"1", "2"', '', 'W/', '""',
];
const KEY_VALUES = ['', ' ', 'two words', 'é', '😀', 'tab\there', '"quoted"', ...SQL_FRAGMENTS, ...UNICODE_SAMPLES];
const longHostile = hostileString.map((s) => clip(s, 1_000));

function documentedHeaderValues(param: ParamSpec, f: RequestFactory): fc.Arbitrary<string> {
  if (/idempotency/i.test(param.name)) {
    const long = fc.integer({ min: 201, max: 4_000 }).map((n) => 'k'.repeat(n));
    return fc.oneof(fc.uuid(), long, fc.constant('k'.repeat(200)), fc.constantFrom(...KEY_VALUES), longHostile);
  }
  if (/if-match/i.test(param.name)) return fc.oneof(fc.constantFrom(...IF_MATCH_VALUES), longHostile);
  return (kindOf(param) === 'cursor' ? paramValues(param, f.ctx) : hostileString).map((s) => clip(s, 1_000));
}

/** Why the route must refuse a documented header's value as the server receives it (trimmed). */
function judgeHeader(param: ParamSpec, received: string): string | null {
  if (/idempotency/i.test(param.name)) {
    return /^[\x21-\x7e]{1,200}$/.test(received) ? null : `Idempotency-Key ${short(received)} is not 1–200 visible ASCII characters`;
  }
  if (/if-match/i.test(param.name)) {
    const match = /^(?:W\/)?"?(\d+|\*)"?$/.exec(received);
    if (!match) return `If-Match ${short(received)} is not a version`;
    const noSuchVersion = match[1] !== '*' && (+match[1] === 0 || +match[1] >= 10_000);
    return noSuchVersion ? `If-Match ${match[1]} is no version of any deal` : null;
  }
  if (kindOf(param) === 'cursor') return judge(param, received);
  return null;
}

type HeaderDamage = { name: string; value: string | string[]; param?: ParamSpec };

function headerDamage(op: FuzzOperation, f: RequestFactory): fc.Arbitrary<HeaderDamage> {
  const undocumentedValue = fc.oneof(longHostile, fc.integer({ min: 1_000, max: 4_000 }).map((n) => 'v'.repeat(n)));
  const undocumented = fc
    .tuple(fc.constantFrom(...UNDOCUMENTED_HEADERS), undocumentedValue)
    .map(([name, value]) => ({ name, value: headerSafe(value) }));
  if (op.headerParams.length === 0) return undocumented;
  const once = fc
    .constantFrom(...op.headerParams)
    .chain((p) => documentedHeaderValues(p, f).map((v) => ({ name: p.name, value: headerSafe(v), param: p })));
  const twice = fc
    .constantFrom(...op.headerParams)
    .chain((p) =>
      fc
        .tuple(documentedHeaderValues(p, f), documentedHeaderValues(p, f))
        .map(([a, b]) => ({ name: p.name, value: [headerSafe(a), headerSafe(b)], param: p })),
    );
  return fc.oneof({ arbitrary: once, weight: 3 }, { arbitrary: twice, weight: 1 }, { arbitrary: undocumented, weight: 2 });
}

export function headerRequests(ops: FuzzOperation[], f: RequestFactory): fc.Arbitrary<FuzzRequest> {
  // A write without a body (a projection rebuild) succeeds whatever the headers, and each success is a full replay.
  const costly = (op: FuzzOperation) => op.method !== 'GET' && Object.keys(op.bodies).length === 0;
  const operation = fc.oneof(...ops.map((op) => ({ arbitrary: fc.constant(op), weight: costly(op) ? 1 : 10 })));
  return operation.chain((op) =>
    fc
      .tuple(knownPath(op, f.ctx), validBase(op, f), fc.array(headerDamage(op, f), { minLength: 1, maxLength: 3 }))
      .map(([path, base, damages]) => {
        const headers: Record<string, string | string[]> = { Authorization: f.authorization, ...base.headers };
        for (const d of damages) headers[d.name] = d.value;
        // Node joins repeated headers with ", " and trims the ends, so that is what the route reads.
        const received = (d: HeaderDamage) => (Array.isArray(d.value) ? d.value.join(', ') : d.value).replace(/^[ \t]+|[ \t]+$/g, '');
        const refuse =
          damages
            .filter((d) => d.param && headers[d.name] === d.value)
            .map((d) => judgeHeader(d.param!, received(d)))
            .find((r) => r !== null) ?? null;
        return request({
          family: `headers: ${op.key}`,
          method: op.method,
          path,
          headers: headers as Record<string, string>,
          body: base.body,
          expect: refuse ? 'refuse' : 'any',
          why: refuse ? `headers (${refuse})` : `headers ${damages.map((d) => d.name).join(', ')}`,
        });
      }),
  );
}

// ---- bytes node:http refuses to send: they go over a plain socket ----

type RawFields = Omit<FuzzRequest, 'family' | 'expect'> & { expect?: FuzzRequest['expect'] };

export function protocolRequests(ops: FuzzOperation[], f: RequestFactory): fc.Arbitrary<FuzzRequest> {
  const writes = ops.filter((op) => op.bodies['application/json']);
  const reads = fc.constantFrom(...ops.filter((op) => op.method === 'GET' && op.pathParams.length === 0));
  const write = fc
    .constantFrom(...writes)
    .chain((op) => fc.tuple(knownPath(op, f.ctx), validBase(op, f)).map(([path, base]) => ({ method: op.method, path, body: base.body ?? '' })));
  const json = { 'Content-Type': 'application/json' };
  const raw = (fields: RawFields) =>
    request({
      family: 'protocol',
      expect: 'refuse',
      ...fields,
      headers: { Authorization: f.authorization, ...fields.headers },
      raw: fields.raw ?? {},
    });
  const length = (body: string) => Buffer.byteLength(body);
  return fc.oneof(
    fc.tuple(write, fc.constantFrom('\x00', '\x01', '\x1b', '\x7f', '\x0b', '\x0c')).map(([w, ctl]) =>
      raw({ ...w, headers: { ...json, 'Idempotency-Key': `key${ctl}x` }, why: `Idempotency-Key with ${JSON.stringify(ctl)}` }),
    ),
    fc.tuple(write, fc.integer({ min: 1, max: 20 })).map(([w, cut]) =>
      raw({ ...w, headers: json, raw: { contentLength: Math.max(0, length(w.body) - cut) }, why: `Content-Length ${cut} bytes short` }),
    ),
    fc.tuple(write, fc.integer({ min: 1, max: 1_000 })).map(([w, extra]) =>
      raw({ ...w, headers: json, raw: { contentLength: length(w.body) + extra }, why: `Content-Length ${extra} bytes long` }),
    ),
    write.map((w) =>
      raw({ ...w, headers: { ...json, 'Transfer-Encoding': 'chunked' }, raw: { contentLength: length(w.body) }, why: 'Content-Length and chunked' }),
    ),
    fc.tuple(write, fc.constantFrom('abc', '-1', '1e3', '0x10', '99999999999999999999')).map(([w, value]) =>
      raw({ ...w, headers: { ...json, 'Content-Length': value }, raw: { contentLength: null }, why: `Content-Length: ${value}` }),
    ),
    fc.tuple(reads, fc.constantFrom('é', '☃', ' ', '"', '<', '\x01', '\x7f')).map(([op, c]) => {
      const path = Buffer.from(`${op.path}?q=${c}`, 'utf8').toString('latin1');
      return raw({ method: 'GET', path, headers: {}, expect: 'any', why: `raw ${JSON.stringify(c)} in the request target` });
    }),
    fc.tuple(reads, fc.constantFrom('FOO', 'get', 'G ET', 'TRACE', 'PROPFIND')).map(([op, method]) =>
      raw({ method, path: op.path, headers: {}, why: `method ${method}` }),
    ),
    fc.tuple(reads, fc.integer({ min: 17_000, max: 40_000 })).map(([op, n]) =>
      raw({ method: 'GET', path: op.path, headers: { 'X-Padding': 'p'.repeat(n) }, why: `a ${n}-byte header` }),
    ),
    fc.tuple(reads, fc.constantFrom('100-continue', 'garbage', '200-ok')).map(([op, expect]) =>
      raw({ method: 'GET', path: op.path, headers: { Expect: expect }, expect: 'any', why: `Expect: ${expect}` }),
    ),
    fc.tuple(reads, fc.constantFrom('X Bad', 'X(Bad)', 'X@Bad', 'Ä')).map(([op, name]) =>
      raw({ method: 'GET', path: op.path, headers: { [name]: 'v' }, why: `header name ${JSON.stringify(name)}` }),
    ),
  );
}
