// Security: every documented route refuses a missing key and a too-low role, the document lists every keyed
// route, keys are kept as hashes and never logged, writes are rate limited per key, and responses carry the
// security headers.
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { ApiKeysService } from '../src/auth/api-keys.service.js';
import { acmeHistory, acmeRumour, eventCount, seedDeal } from './support/deals.js';
import { KEYS, type TestApp, auth, startTestApp } from './support/test-app.js';

type Role = keyof typeof KEYS;

interface Operation {
  method: string;
  /** The OpenAPI path template, e.g. /deals/{dealId}/events. */
  path: string;
}

/** Operations that answer without a key on purpose: documented with `security: []`. */
const PUBLIC_OPERATIONS = ['GET /health', 'GET /metrics'];
/** The document itself, its page, the licence it names and the dashboard's page: public, and not operations of the API. */
const PUBLIC_UNDOCUMENTED = ['GET /openapi.json', 'GET /docs', 'GET /license', 'GET /'];
/** Swagger UI's files under /docs/ (its page, scripts, licence) and the dashboard's bundle, public like their pages. */
const isPageFile = (route: string) => route.startsWith('GET /docs/') || route === 'GET /ui/{file}';

/** The admin routes; every other write needs analyst, every read viewer. */
const ADMIN_ONLY = ['POST /fx-rates', 'POST /projections/rebuild', 'POST /companies/{companyId}/merge'];

/** A valid body per write route, so a route that forgot its guard would really append. */
const VALID_BODIES: Record<string, object> = {
  'POST /deals': seedDeal,
  'POST /deals/{dealId}/events': { type: 'priced', occurredOn: '2025-04-01', value: { amount: '46000000000', currency: 'USD' } },
  'POST /fx-rates': { rates: [{ date: '2025-03-28', currency: 'EUR', usd: '1.0811' }] },
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const label = (op: Operation) => `${op.method} ${op.path}`;

/** The documented operations; `keyed: false` for those whose own security requirement is empty (no key). */
function documentedOperations(doc: { paths: Record<string, Record<string, { security?: unknown[] }>> }): (Operation & { keyed: boolean })[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, keyed: op.security?.length !== 0 })),
  );
}

/** Every route Express actually serves, in the document's notation ({param}). */
function servedRoutes(t: TestApp): string[] {
  const expressApp = t.app.getHttpAdapter().getInstance() as unknown as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return expressApp.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`)
      : [],
  );
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
  headers: Headers;
}

/** One request with fetch, so an event stream that is let in can be read up to its headers and then dropped. */
async function send(t: TestApp, op: Operation, headers: Record<string, string>): Promise<Answer> {
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${op.path.replace(/\{\w+\}/g, () => randomUUID())}`;
  const body = VALID_BODIES[label(op)];
  const res = await fetch(url, {
    method: op.method,
    headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, contentType, body: '', headers: res.headers };
  }
  return { status: res.status, contentType, body: await res.text(), headers: res.headers };
}

function expectProblem(answer: Answer, status: number, code: string, op: Operation): void {
  const seen = { op: label(op), status: answer.status, contentType: answer.contentType, code: safeJson(answer.body)?.code };
  expect(seen).toEqual({ op: label(op), status, contentType: expect.stringMatching(/^application\/problem\+json/), code });
}

const safeJson = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const neededRole = (op: Operation): Role => (ADMIN_ONLY.includes(label(op)) ? 'admin' : op.method === 'GET' ? 'viewer' : 'analyst');
const ROLES: Role[] = ['viewer', 'analyst', 'admin'];
const rolesBelow = (role: Role) => ROLES.slice(0, ROLES.indexOf(role));

// One application with the default settings serves the route, stored-key and header checks; the rate limit and
// the log capture need settings of their own.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('every route from the OpenAPI document', () => {
  let operations: Operation[];
  let publicOperations: Operation[];
  beforeAll(async () => {
    const all = documentedOperations((await t.http.get('/openapi.json').expect(200)).body);
    operations = all.filter((op) => op.keyed);
    publicOperations = all.filter((op) => !op.keyed);
  });

  it('lists every route the server serves; only the document itself is left out; the public ones answer without a key', async () => {
    const documented = [...operations, ...publicOperations].map(label);
    const undocumented = [...new Set(servedRoutes(t))]
      .filter((route) => !documented.includes(route) && !isPageFile(route))
      .sort();
    expect(undocumented).toEqual([...PUBLIC_UNDOCUMENTED].sort());
    expect(publicOperations.map(label).sort()).toEqual([...PUBLIC_OPERATIONS].sort());
    for (const route of [...PUBLIC_OPERATIONS, ...PUBLIC_UNDOCUMENTED]) {
      const [method, path] = route.split(' ');
      const res = await send(t, { method, path }, {});
      expect({ route, status: res.status }).toEqual({ route, status: 200 });
    }
    expect(ADMIN_ONLY.every((route) => documented.includes(route))).toBe(true);
  });

  it('refuses each of them without a key, with a wrong key and with a too-low role, appending nothing', async () => {
    const before = await eventCount(t);
    let checked = 0;
    let roleChecks = 0;
    for (const op of operations) {
      expectProblem(await send(t, op, {}), 401, 'UNAUTHENTICATED', op);
      expectProblem(await send(t, op, { Authorization: 'Bearer not-a-real-key-0001' }), 401, 'UNAUTHENTICATED', op);
      expectProblem(await send(t, op, { Authorization: `Basic ${KEYS.admin}` }), 401, 'UNAUTHENTICATED', op);
      for (const role of rolesBelow(neededRole(op))) {
        expectProblem(await send(t, op, auth(role)), 403, 'FORBIDDEN', op);
        roleChecks++;
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(operations.length);
    expect(operations.length).toBeGreaterThanOrEqual(15);
    // Every write has a role below it (viewer at least); admin routes have two.
    const writes = operations.filter((op) => op.method !== 'GET').length;
    expect(roleChecks).toBe(writes + ADMIN_ONLY.length);
    expect(await eventCount(t)).toBe(before);
  });

  it('lets the needed role through each of them (the refusals above are the guard, not a broken route)', async () => {
    for (const op of operations) {
      const res = await send(t, op, auth(neededRole(op)));
      expect({ op: label(op), refused: [401, 403].includes(res.status) }).toEqual({ op: label(op), refused: false });
    }
  });
});

describe('API keys', () => {
  const secrets = Object.values(KEYS);

  it('are held as SHA-256 hashes, and no secret is stored anywhere in the database', async () => {
    const held = (t.app.get(ApiKeysService) as unknown as { byHash: Map<string, unknown> }).byHash;
    const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
    expect([...held.keys()].sort()).toEqual(secrets.map(sha256).sort());
    expect(JSON.stringify([...held.values()])).not.toMatch(new RegExp(secrets.join('|')));

    // Writes by every role, idempotent ones included (their keys are scoped to the API key).
    const created = await t.http.post('/deals').set(auth('analyst')).set('Idempotency-Key', 'acme-1').send(acmeRumour).expect(201);
    await t.http.post(`/deals/${created.body.dealId}/events`).set(auth('admin')).send(acmeHistory[0]).expect(201);
    await t.http.post('/fx-rates').set(auth('admin')).set('Idempotency-Key', 'fx-1').send(VALID_BODIES['POST /fx-rates']).expect(201);

    const tables: { table_name: string }[] = await t.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((r) => r.table_name)).toEqual(expect.arrayContaining(['events', 'api_keys', 'idempotency_keys']));
    let rows = 0;
    for (const { table_name } of tables) {
      const dump: { row: string }[] = await t.dataSource.query(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
      rows += dump.length;
      for (const { row } of dump) for (const secret of secrets) expect(row).not.toContain(secret);
    }
    expect(rows).toBeGreaterThan(3);
  });

  it('never reach the log, at trace level, whether the request is let in or refused', async () => {
    let output = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output += String(chunk);
      return true;
    });
    // pino picks process.stdout (instead of writing to fd 1 itself) only when its write is replaced before the
    // logger is created, so the spy goes first.
    let logged: TestApp | undefined;
    const wrongSecret = 'dt_presented-but-unknown-7f3a9c';
    try {
      logged = await startTestApp({ logLevel: 'trace' });
      await logged.http.get('/deals').set(auth('viewer')).set('X-Request-Id', 'log-audit-read').expect(200);
      await logged.http.post('/deals').set(auth('analyst')).set('X-Request-Id', 'log-audit-write').send(acmeRumour).expect(201);
      await logged.http.post('/deals').set(auth('viewer')).send(acmeRumour).expect(403);
      await logged.http.post('/deals').set(auth('analyst')).send({ type: 'announced' }).expect(400);
      await logged.http.post('/deals').set(auth('analyst')).set('Content-Type', 'application/json').send('{"type":').expect(400);
      await logged.http.get('/deals').set('Authorization', `Bearer ${wrongSecret}`).set('X-Request-Id', 'log-audit-wrong').expect(401);
      await logged.http.get('/deals').set('Authorization', wrongSecret).expect(401);
      await logged.http.get('/deals').set('Authorization', `bearer  ${KEYS.admin} extra`).expect(401);
    } finally {
      await logged?.close();
      write.mockRestore();
    }
    // The log really was captured: the request lines are there, with the header censored.
    expect(output).toContain('log-audit-read');
    expect(output).toContain('log-audit-write');
    expect(output).toContain('log-audit-wrong');
    expect(output).toContain('[redacted]');
    for (const secret of [...secrets, wrongSecret]) expect(output).not.toContain(secret);
  });
});

describe('write rate limit per API key', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ writeRateLimitPerMinute: 3 });
  });
  afterAll(() => limited?.close());

  it('allows a key its writes per minute, then answers 429 with Retry-After and appends nothing; other keys and reads go on', async () => {
    const remaining: string[] = [];
    const dealIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await limited.http.post('/deals').set(auth('analyst')).send({ ...acmeRumour, note: `rumour ${i}` }).expect(201);
      expect(res.headers['ratelimit-limit']).toBe('3');
      remaining.push(res.headers['ratelimit-remaining']);
      dealIds.push(res.body.dealId);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const before = await eventCount(limited);
    const refused = await limited.http.post(`/deals/${dealIds[0]}/events`).set(auth('analyst')).send(VALID_BODIES['POST /deals/{dealId}/events']);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(refused.text)).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    // 3 a minute: the next write is possible within 20 s.
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(20);
    expect(refused.headers).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '0' });
    await limited.http.post('/deals').set(auth('analyst')).send(acmeRumour).expect(429);
    expect(await eventCount(limited)).toBe(before);

    // Reads are not limited and carry no rate-limit headers.
    const read = await limited.http.get(`/deals/${dealIds[0]}`).set(auth('analyst')).expect(200);
    expect(read.headers['ratelimit-limit']).toBeUndefined();
    // Another key has its own allowance.
    const other = await limited.http.post('/deals').set(auth('admin')).send(seedDeal).expect(201);
    expect(other.headers['ratelimit-remaining']).toBe('2');
    expect(await eventCount(limited)).toBe(before + 1);
  });

  it('counts only writes that got past the key and role checks', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await limited.http.post('/deals').set(auth('viewer')).send(acmeRumour).expect(403);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
    await limited.http.post('/deals').send(acmeRumour).expect(401);
    // The admin key used one write above; a viewer's refusals took none of its allowance.
    const res = await limited.http.post('/deals').set(auth('admin')).send(acmeRumour).expect(201);
    expect(res.headers['ratelimit-remaining']).toBe('1');
  });
});

describe('security headers', () => {

  const API_HEADERS = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none';frame-ancestors 'none'",
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  };

  it('are on API answers and refusals, including those sent before routing', async () => {
    const answers = [
      await t.http.get('/deals').set(auth('viewer')).expect(200),
      await t.http.get('/deals').expect(401),
      await t.http.post('/deals').set(auth('analyst')).send({ note: 'x'.repeat(70_000) }).expect(413),
      await t.http.get('/no-such-route').set(auth('viewer')).expect(404),
      await t.http.get('/openapi.json').expect(200),
    ];
    for (const res of answers) {
      expect(res.headers).toMatchObject(API_HEADERS);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('still let Swagger UI load at /docs: its scripts are same-origin files, its styles may be inline', async () => {
    const page = await t.http.get('/docs').redirects(1).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    // script-src 'self' allows no inline script: every <script> must load a file, and each must be served.
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => /src=["']([^"']+)["']/.exec(m[1])?.[1]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts).not.toContain(undefined);
    for (const src of scripts as string[]) {
      expect(src).not.toMatch(/^(https?:)?\/\//);
      const js = await t.http.get(new URL(src, 'http://host/docs').pathname).expect(200);
      expect(js.headers['content-type']).toMatch(/javascript/);
    }
  });
});
