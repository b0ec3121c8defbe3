// Query strings per GET operation: documented parameters with valid and hostile values, repeated or bracketed
// names, encoding garbage, and next-page requests with a real cursor damaged; judged as the app's own parser reads them.
import fc from 'fast-check';
import type { FuzzRequest } from './fuzz-client.js';
import type { FuzzOperation, ParamSpec } from './fuzz-openapi.js';
import { cursorMutation, encodedValue, judge, mutateCursor, paramValues, percentEncode } from './fuzz-params.js';
import { type RequestFactory, knownPath, request } from './fuzz-requests.js';
import { PROTO_KEYS, clip, hostileKey, hostileString, short } from './fuzz-values.js';

/** Longest query string or path the URL families send (the protocol family tries longer ones). */
const MAX_TARGET = 12_000;

const BRACKETS = ['[]', '[0]', '[x]', '[__proto__]', '[constructor][prototype]', '[][]', '[', ']'];

function extraEntries(op: FuzzOperation, f: RequestFactory): fc.Arbitrary<string> {
  const names = op.queryParams.map((p) => p.name);
  const value = (p?: ParamSpec) => encodedValue(p ? paramValues(p, f.ctx) : hostileString);
  const pick = names.length > 0 ? fc.constantFrom(...op.queryParams) : fc.constant(undefined);
  return fc.oneof(
    pick.chain((p) => fc.tuple(value(p), value(p)).map(([a, b]) => (p ? `${p.name}=${a}&${p.name}=${b}` : `a=${a}&a=${b}`))),
    fc.tuple(pick, fc.constantFrom(...BRACKETS), value()).map(([p, bracket, v]) => `${p?.name ?? 'a'}${bracket}=${v}`),
    fc.tuple(fc.constantFrom(...PROTO_KEYS), fc.constantFrom(...BRACKETS)).map(([key, bracket]) => `${key}${bracket}=1`),
    fc.tuple(hostileKey, hostileString).map(([k, v]) => `${percentEncode(clip(k, 100))}=${percentEncode(clip(v, 300))}`),
    fc.constantFrom('&', '&&', '=', '==', '=x', '?', '#frag', ...names),
    fc
      .tuple(pick, fc.constantFrom('a', "'", 'é', '\u0000'), fc.integer({ min: 201, max: 1_000 }))
      .map(([p, c, n]) => `${p?.name ?? 'q'}=${percentEncode(c.repeat(n))}`),
  );
}

/** Why the route must refuse this query, as the app's own parser reads it; null when it may be fine. */
export function judgeQuery(op: FuzzOperation, query: Record<string, unknown>): string | null {
  for (const [name, value] of Object.entries(query)) {
    const param = op.queryParams.find((p) => p.name === name);
    if (!param) {
      if (op.refusesUnknownQuery) return `unknown parameter ${short(name)}`;
      continue;
    }
    const problem = judge(param, value);
    if (problem) return problem;
  }
  return null;
}

/** The request that got a real cursor, asking for its next page with the cursor damaged (or not). */
function continuations(op: FuzzOperation, f: RequestFactory): fc.Arbitrary<string> | null {
  const issued = f.ctx.cursors.filter((c) => c.opKey === op.key);
  if (issued.length === 0) return null;
  return fc
    .tuple(fc.constantFrom(...issued), cursorMutation)
    .map(([c, m]) => `${c.path}?${[c.query, `${c.param}=${percentEncode(mutateCursor(c.cursor, m))}`].filter(Boolean).join('&')}`);
}

export function queryRequests(op: FuzzOperation, f: RequestFactory): fc.Arbitrary<FuzzRequest> {
  const nextPages = continuations(op, f);
  const fresh = freshQueries(op, f);
  const targets = nextPages ? fc.oneof({ arbitrary: fresh, weight: 3 }, { arbitrary: nextPages, weight: 1 }) : fresh;
  return targets.map((target) => {
    const parsed = f.parseQuery(target.includes('?') ? target.slice(target.indexOf('?') + 1).split('#')[0] : '');
    const refuse = judgeQuery(op, parsed);
    return request({
      family: `query: ${op.key}`,
      method: op.method,
      path: target,
      headers: { Authorization: f.authorization },
      expect: refuse ? 'refuse' : 'any',
      why: refuse ? `query (${refuse})` : 'query',
    });
  });
}

/** A query built from scratch: a few documented parameters, valid or hostile, and maybe some junk. */
function freshQueries(op: FuzzOperation, f: RequestFactory): fc.Arbitrary<string> {
  // About two documented parameters per request, so that some queries are valid and get as far as the database.
  const absent = Math.max(1, op.queryParams.length - 2);
  const documented = op.queryParams.map((p) =>
    fc.oneof(
      { arbitrary: fc.constant(undefined), weight: absent },
      { arbitrary: encodedValue(paramValues(p, f.ctx)).map((v) => `${p.name}=${v}`), weight: 2 },
    ),
  );
  return fc
    .tuple(knownPath(op, f.ctx), fc.tuple(...documented), fc.array(extraEntries(op, f), { maxLength: 2 }), fc.boolean())
    .map(([path, given, extras, bareMark]) => {
      const entries = [...given.filter((e): e is string => e !== undefined), ...extras];
      while (entries.join('&').length > MAX_TARGET) entries.pop(); // past Node's 16 KiB header limit the app never sees it
      const query = entries.join('&');
      return query ? `${path}?${query}` : bareMark ? `${path}?` : path;
    });
}

