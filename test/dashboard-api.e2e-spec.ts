// What the dashboard needs from the server beyond the API of API.md: the page and its bundle at / (no key, a CSP that
// allows only this origin's scripts and styles), who a key is (GET /me), the pipeline's size (GET /stats/pending), and
// the newest events with the cursor to follow the log from (GET /events/latest).
import { announced, createDeal, postEvent, seedDeal } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';
import { waitFor } from './support/wait-for.js';

describe('the dashboard page and its bundle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the page at / without a key, with a CSP that allows no inline script or style and no other origin', async () => {
    const res = await t.http.get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<script type="module" src="/ui/main.js"></script>');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('serves the bundle by file name only', async () => {
    const js = await t.http.get('/ui/main.js').expect(200);
    expect(js.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    await t.http.get('/ui/main.css').expect(200).expect('Content-Type', /^text\/css/);
    for (const path of ['/ui/nothing.js', '/ui/..%2Fpackage.json', '/ui/index.html', '/ui/.env']) {
      const res = await t.http.get(path).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(res.body.detail).not.toContain('package.json');
    }
  });

  it('takes no writes at /', async () => {
    const res = await t.http.post('/').set(auth('analyst')).send({}).expect(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

describe('GET /me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(['viewer', 'analyst', 'admin'] as const)('names the %s key and its role', async (role) => {
    const res = await t.http.get('/me').set(auth(role)).expect(200);
    expect(res.body).toEqual({ name: role, role });
  });

  it('is a 401 without a valid key, and takes no parameters', async () => {
    await t.http.get('/me').expect(401);
    await t.http.get('/me').set({ Authorization: 'Bearer not-a-key' }).expect(401);
    const res = await t.http.get('/me?role=admin').set(auth('viewer')).expect(400);
    expect(res.body.errors).toEqual([{ field: 'role', message: 'is not a parameter of this endpoint (it takes none)' }]);
  });
});

describe('GET /stats/pending', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('counts the pending deals and sums their USD values; a value with no USD figure is counted apart', async () => {
    expect((await t.http.get('/stats/pending').set(auth('viewer')).expect(200)).body).toEqual({ dealCount: 0, valueUsd: '0', unconvertedCount: 0 });
    await createDeal(t, seedDeal); // USD 45bn, pending
    await createDeal(t, announced('2022-05-26', 'Broadcom Inc.', 'VMware, Inc.', '61000000000.50'));
    await createDeal(t, { ...announced('2023-08-01', 'Swisscom', 'Vodafone Italia', '8000000000'), value: { amount: '8000000000', currency: 'EUR' } });
    const closed = await createDeal(t, announced('2020-09-13', 'Gilead Sciences', 'Immunomedics', '21000000000'));
    await postEvent(t, closed, { type: 'closed', occurredOn: '2020-10-23' }).expect(201);
    await createDeal(t, { type: 'rumored', occurredOn: '2024-09-20', acquirer: { name: 'Qualcomm' }, target: { name: 'Intel' } });
    const voided = await createDeal(t, announced('2024-01-01', 'Acme', 'Widgets', '1000000000'));
    await postEvent(t, voided, { type: 'voided', occurredOn: '2024-01-02', reason: 'Entered by mistake' }).expect(201);
    const res = await t.http.get('/stats/pending').set(auth('viewer')).expect(200);
    expect(res.body).toEqual({ dealCount: 3, valueUsd: '106000000000.5', unconvertedCount: 1 });
  });
});

describe('GET /events/latest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers the newest events, oldest of them first, and a cursor that follows the log from there', async () => {
    const empty = await t.http.get('/events/latest').set(auth('viewer')).expect(200);
    expect(empty.body.items).toEqual([]);
    expect((await t.http.get(`/events?after=${empty.body.nextCursor}`).set(auth('viewer')).expect(200)).body.items).toEqual([]);

    const dealId = await createDeal(t, seedDeal);
    await postEvent(t, dealId, { type: 'regulatory', occurredOn: '2025-04-02', authority: 'CMA', jurisdiction: 'GB', decision: 'approved' }).expect(201);
    await postEvent(t, dealId, { type: 'shareholder_vote', occurredOn: '2025-04-03', party: 'target', outcome: 'approved' }).expect(201);
    // On a PostgreSQL server shared with other databases (the suite's other files), a transaction running in any of
    // them holds the gap-safe feed back for a moment: wait for the newest event rather than read once.
    type Item = { type: string; version: number };
    const newest = () => t.http.get('/events/latest?limit=2').set(auth('viewer')).expect(200);
    let latest = await newest();
    await waitFor(async () => (latest = await newest()).body.items.at(-1)?.version === 3, 'the vote in the feed');
    expect(latest.body.items.map((i: Item) => [i.type, i.version])).toEqual([
      ['regulatory', 2],
      ['shareholder_vote', 3],
    ]);
    // Nothing after the newest; the next event written is the next one read from there.
    const after = (cursor: string) => t.http.get(`/events?after=${cursor}`).set(auth('viewer')).expect(200);
    expect((await after(latest.body.nextCursor)).body.items).toEqual([]);
    await postEvent(t, dealId, { type: 'closed', occurredOn: '2025-04-10' }).expect(201);
    let next = await after(latest.body.nextCursor);
    await waitFor(async () => (next = await after(latest.body.nextCursor)).body.items.length > 0, 'the closing in the feed');
    expect(next.body.items.map((i: Item) => i.type)).toEqual(['closed']);
  });

  it('refuses a limit out of range, like every page', async () => {
    const res = await t.http.get('/events/latest?limit=0').set(auth('viewer')).expect(400);
    expect(res.body.errors[0].field).toBe('limit');
  });
});
