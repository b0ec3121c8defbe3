// Whole requests per fuzz family, each judged (`expect: 'refuse'` when invalid by construction): bodies, path
// parameters, routes and methods here; query strings in fuzz-queries.ts, headers and raw bytes in fuzz-headers.ts.
// Every request carries the admin key, so auth is never what refuses it.
import fc from 'fast-check';
import { type BodyCase, type BodyPools, bodyCases } from './fuzz-bodies.js';
import type { FuzzRequest } from './fuzz-client.js';
import type { FuzzOperation, SchemaOracle } from './fuzz-openapi.js';
import { isUuid } from './fuzz-openapi.js';
import { type FuzzContext, percentEncode } from './fuzz-params.js';
import { SQL_FRAGMENTS, UNICODE_SAMPLES, clip, hostileString, short } from './fuzz-values.js';

export interface RequestFactory {
  ctx: FuzzContext;
  oracle: SchemaOracle;
  /** Valid JSON bodies by operation key; operations without a documented body get the first-event ones. */
  pools: (op: FuzzOperation) => BodyPools;
  /** The app's own query-string parser, so the judge sees the query as the route will. */
  parseQuery: (query: string) => Record<string, unknown>;
  authorization: string;
}

/** A request with a short description for fast-check's counterexample report (bodies can be 64 KiB). */
export function request(fields: FuzzRequest): FuzzRequest {
  Object.defineProperty(fields, fc.toStringMethod, { value: () => describeRequest(fields), enumerable: false });
  return fields;
}

export function describeRequest(r: FuzzRequest): string {
  const headers = Object.entries(r.headers)
    .filter(([name]) => name !== 'Authorization')
    .map(([name, value]) => `${name}: ${short(value, 60)}`)
    .join(', ');
  const body = r.body === undefined ? '' : ` body ${short(String(r.body), 200)}`;
  const verdict = r.expect === 'refuse' ? 'must refuse: ' : '';
  return `${r.method} ${short(r.path, 200)}${headers ? ` {${headers}}` : ''}${body} [${verdict}${r.why}]`;
}

const ID_POOLS = (ctx: FuzzContext, name: string) => (/company/i.test(name) ? ctx.companyIds : ctx.dealIds);

/** Stands for a deal created pending just before the batch is sent (see the spec), so valid writes can succeed. */
export const FRESH_DEAL = '{fresh-deal}';

/** The path with every parameter set to a known id; writes to a deal mostly go to a fresh pending one. */
export const knownPath = (op: FuzzOperation, ctx: FuzzContext): fc.Arbitrary<string> =>
  fc
    .tuple(
      ...op.pathParams.map((p) => {
        const known = fc.constantFrom(...ID_POOLS(ctx, p.name));
        const writesToADeal = op.method !== 'GET' && !/company/i.test(p.name);
        return writesToADeal ? fc.oneof({ arbitrary: fc.constant(FRESH_DEAL), weight: 3 }, { arbitrary: known, weight: 1 }) : known;
      }),
    )
    .map((ids) => fillPath(op, ids));

function fillPath(op: FuzzOperation, values: string[]): string {
  let path = op.path;
  op.pathParams.forEach((p, i) => {
    path = path.replace(`{${p.name}}`, values[i]);
  });
  return path;
}

const idempotencyKey = fc.option(fc.oneof(fc.constantFrom('fuzz-a', 'fuzz-b', 'fuzz-c'), fc.uuid()), { freq: 3, nil: undefined });

// ---- bodies ----

export function bodyRequests(op: FuzzOperation, f: RequestFactory): fc.Arbitrary<FuzzRequest> {
  const takesKey = op.headerParams.some((h) => /idempotency/i.test(h.name));
  const cases = fc.tuple(knownPath(op, f.ctx), bodyCases(op, f.oracle, f.pools(op)), idempotencyKey);
  return cases.map(([path, c, key]: [string, BodyCase, string | undefined]) =>
    request({
      family: `body: ${op.key}`,
      method: op.method,
      path,
      headers: { Authorization: f.authorization, ...c.headers, ...(key && takesKey ? { 'Idempotency-Key': key } : {}) },
      body: c.body,
      expect: c.refuse ? 'refuse' : 'any',
      why: c.refuse ? `${c.why} (${c.refuse})` : c.why,
    }),
  );
}

/** A valid request to the operation, the base the header and path families damage. */
type Base = { body?: string; headers: Record<string, string> };
export const validBase = (op: FuzzOperation, f: RequestFactory): fc.Arbitrary<Base> =>
  fc.constantFrom(...f.pools(op).keepsOpen).map((body): Base =>
    Object.keys(op.bodies).length > 0 ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : { headers: {} },
  );

// ---- path parameters ----

const RAW_SEGMENTS = [
  '..', '.', '%2e%2e', '%2E', '%00', '%ZZ', '%', '%2F', '%5C', ';', ',', '*', '~', '%20', 'a%2Fb', 'null', 'undefined', '{dealId}',
  ':dealId', '', '%E2%80%AE', '%F0%9F%98%80', '..%2F..%2Fetc%2Fpasswd',
];

function pathValue(ctx: FuzzContext, name: string): fc.Arbitrary<string> {
  const known = ID_POOLS(ctx, name);
  return fc.oneof(
    fc.constantFrom(...known),
    fc.constantFrom(...known).map((id) => id.toUpperCase()),
    fc.constantFrom(...known).map((id) => `${id}%00`),
    fc.constantFrom(...known).map((id) => `{${id}}`),
    fc.constantFrom(...known).map((id) => id.replace(/-/g, '')),
    fc.uuid(),
    hostileString.map((s) => percentEncode(clip(s, 300))),
    fc.constantFrom(...RAW_SEGMENTS),
    fc.constantFrom(...SQL_FRAGMENTS, ...UNICODE_SAMPLES).map(percentEncode),
    fc.integer({ min: 300, max: 12_000 }).map((n) => 'a'.repeat(n)),
  );
}

/** Decoded as the router decodes it: a value that does not decode, is not a uuid, or names nothing is refused. */
function judgeSegment(segment: string, known: string[]): string | null {
  if (segment === '') return null; // `/deals/` is the list itself
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return `segment ${short(segment)} does not percent-decode`;
  }
  if (!isUuid(decoded)) return `segment ${short(segment)} is not a uuid`;
  return known.includes(decoded.toLowerCase()) ? null : `no such id ${decoded}`;
}

export function pathRequests(op: FuzzOperation, f: RequestFactory): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(fc.tuple(...op.pathParams.map((p) => pathValue(f.ctx, p.name))), validBase(op, f)).map(([values, base]) => {
    const refuse = op.pathParams.map((p, i) => judgeSegment(values[i], ID_POOLS(f.ctx, p.name))).find((r) => r !== null) ?? null;
    return request({
      family: `path: ${op.key}`,
      method: op.method,
      path: fillPath(op, values),
      headers: { Authorization: f.authorization, ...base.headers },
      body: base.body,
      expect: refuse ? 'refuse' : 'any',
      why: refuse ? `path (${refuse})` : 'path',
    });
  });
}

// ---- routes and methods that do not exist ----

const ODD_PATHS = [
  '/', '//', '/deals/', '/DEALS', '/deals.json', '/docs/../deals', '/%2e%2e/deals', '/deals%2F', '/deals;x=1', '/./deals', '/deals/./x',
  '/openapi.json/x', '/health/',
];

export function routeRequests(ops: FuzzOperation[], f: RequestFactory): fc.Arbitrary<FuzzRequest> {
  const paths = [...new Set(ops.map((op) => op.path))];
  const concrete = fc.constantFrom(...paths).chain((p) => knownPath({ ...ops.find((op) => op.path === p)!, path: p }, f.ctx));
  const wrongMethod = fc
    .tuple(concrete, fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'))
    .filter(([path, method]) => !ops.some((op) => op.method === method && matches(op, path)));
  const unknownPath = fc
    .array(hostileString.map((s) => percentEncode(clip(s, 200))), { minLength: 1, maxLength: 4 })
    .map((segments) => `/fuzz-${segments.join('/')}`);
  const oddPath = fc.constantFrom(...ODD_PATHS);
  const route = (method: string, path: string, expect: FuzzRequest['expect'], why: string) =>
    request({ family: 'routes', method, path, headers: { Authorization: f.authorization }, expect, why });
  return fc.oneof(
    wrongMethod.map(([path, method]) => route(method, path, 'refuse', `${method} is not a method of this path`)),
    fc.tuple(unknownPath, fc.constantFrom('GET', 'POST', 'DELETE')).map(([path, method]) => route(method, path, 'refuse', 'no such route')),
    fc.tuple(oddPath, fc.constantFrom('GET', 'POST')).map(([path, method]) => route(method, path, 'any', 'odd path')),
    fc.tuple(concrete, fc.constantFrom('HEAD', 'OPTIONS')).map(([path, method]) => route(method, path, 'any', `${method} of a route`)),
  );
}

function matches(op: FuzzOperation, path: string): boolean {
  const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return pattern.test(path);
}

