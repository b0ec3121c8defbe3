// GET /pipeline: pending deals only, oldest announcement first, with the whole days they have been outstanding.
import type { Response } from 'supertest';
import { announced, createDeal, postEvent, seedDeal, usd } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';


/** Deals still pending at the end of their posted history. */
const PENDING: Record<string, object[]> = {
  // Two announced the same Sunday: ties are ordered by dealId.
  arm: [
    { ...announced('2020-09-13', 'NVIDIA', 'Arm Limited', '40000000000'), seller: { name: 'SoftBank Group' } },
    { type: 'regulatory', occurredOn: '2021-08-20', authority: 'CMA', jurisdiction: 'GB', decision: 'referred' },
  ],
  immunomedics: [announced('2020-09-13', 'Gilead Sciences', 'Immunomedics', '21000000000')],
  albertsons: [
    announced('2022-10-14', 'Kroger', 'Albertsons', '24600000000'),
    // A block is not terminal: the deal stays in the pipeline.
    { type: 'regulatory', occurredOn: '2024-12-10', authority: 'US District Court (Oregon)', jurisdiction: 'US', decision: 'blocked' },
  ],
  usSteel: [
    announced('2023-12-18', 'Nippon Steel', 'United States Steel', '14900000000'),
    { type: 'shareholder_vote', occurredOn: '2024-04-12', party: 'target', outcome: 'approved' },
    { type: 'regulatory', occurredOn: '2024-09-01', authority: 'CFIUS', jurisdiction: 'US', decision: 'referred' },
  ],
  norfolk: [announced('2025-07-29', 'Union Pacific', 'Norfolk Southern', '85000000000')],
  cyberark: [announced('2025-07-30', 'Palo Alto Networks', 'CyberArk', '25000000000')],
  kenvue: [announced('2025-11-03', 'Kimberly-Clark', 'Kenvue', '48700000000')],
};

/** Deals that are not pending: closed, rumoured only, terminated, withdrawn. */
const NOT_PENDING: object[][] = [
  [seedDeal, { type: 'closed', occurredOn: '2025-03-28' }],
  [{ type: 'rumored', occurredOn: '2024-09-20', acquirer: { name: 'Qualcomm' }, target: { name: 'Intel' } }],
  [announced('2022-09-15', 'Adobe', 'Figma', '20000000000'), { type: 'terminated', occurredOn: '2023-12-18', terminationFee: usd('1000000000') }],
  [
    { type: 'rumored', occurredOn: '2024-08-19', acquirer: { name: 'Alimentation Couche-Tard' }, target: { name: 'Seven & i Holdings' } },
    { type: 'withdrawn', occurredOn: '2025-07-16' },
  ],
];

const todayUtc = () => new Date().toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

describe('GET /pipeline', () => {
  let t: TestApp;
  const id: Record<string, string> = {};
  const everyDeal: string[] = [];
  const get = (query = '') => t.http.get(`/pipeline${query}`).set(auth('viewer'));

  async function post(history: object[]): Promise<string> {
    const [first, ...rest] = history;
    const dealId = await createDeal(t, first);
    for (const event of rest) await postEvent(t, dealId, event).expect(201);
    everyDeal.push(dealId);
    return dealId;
  }

  async function pageThrough(limit: number, asOf?: string): Promise<{ items: { dealId: string; announcedOn: string }[]; pages: number }> {
    const items = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Response = await get(`?limit=${limit}${asOf ? `&asOf=${asOf}` : ''}${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    return { items, pages };
  }

  beforeAll(async () => {
    t = await startTestApp();
    for (const [label, history] of Object.entries(PENDING)) id[label] = await post(history);
    for (const history of NOT_PENDING) await post(history);
  });
  afterAll(() => t?.close());

  it('lists only pending deals, oldest announcement first, ties by dealId, paged through exactly once', async () => {
    const { items, pages } = await pageThrough(2);
    expect(pages).toBe(4); // 7 pending deals, 2 a page
    const sameDay = [id.arm, id.immunomedics].sort();
    expect(items.map((d) => d.dealId)).toEqual([
      ...sameDay, id.albertsons, id.usSteel, id.norfolk, id.cyberark, id.kenvue,
    ]);
  });

  it('gives each item the full deal view plus whole days outstanding to today (UTC)', async () => {
    const before = todayUtc();
    const { body } = await get().expect(200);
    const after = todayUtc();
    for (const item of body.items) {
      const { daysOutstanding, ...view } = item;
      expect(view).toEqual((await t.http.get(`/deals/${item.dealId}`).set(auth('viewer')).expect(200)).body);
      expect(view.status).toBe('pending');
      expect(Number.isInteger(daysOutstanding)).toBe(true);
      expect([daysBetween(view.announcedOn, before), daysBetween(view.announcedOn, after)]).toContain(daysOutstanding);
    }
    const albertsons = body.items.find((d: { dealId: string }) => d.dealId === id.albertsons);
    expect(albertsons.regulatory).toEqual([expect.objectContaining({ decision: 'blocked' })]);
  });

  it('drops a deal once it closes', async () => {
    await postEvent(t, id.usSteel, { type: 'closed', occurredOn: '2025-06-18' }).expect(201);
    const { items } = await pageThrough(50);
    expect(items.map((d) => d.dealId)).not.toContain(id.usSteel);
    expect(items).toHaveLength(Object.keys(PENDING).length - 1);
  });

  // After 'drops a deal once it closes': United States Steel closed on 2025-06-18.
  it.each(['2020-09-12', '2020-09-13', '2023-12-17', '2023-12-18', '2025-03-28', '2025-06-17', '2025-06-18', todayUtc()])(
    '?asOf=%s lists the deals pending at the end of that day, each as it stood then, days counted to it',
    async (asOf) => {
      // The oracle: every deal as GET /deals/{dealId}?asOf= answers it, kept when pending.
      const expected = [];
      for (const dealId of everyDeal) {
        const res = await t.http.get(`/deals/${dealId}?asOf=${asOf}`).set(auth('viewer'));
        if (res.status === 200 && res.body.status === 'pending') expected.push({ ...res.body, daysOutstanding: daysBetween(res.body.announcedOn, asOf) });
      }
      expected.sort((a, b) => (a.announcedOn === b.announcedOn ? (a.dealId < b.dealId ? -1 : 1) : a.announcedOn < b.announcedOn ? -1 : 1));
      const { items, pages } = await pageThrough(2, asOf);
      expect(items).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 2)));
    },
  );

  it('shows a deal pending on a day before it closed or was terminated, as it stood then', async () => {
    const { items } = await pageThrough(50, '2023-12-17');
    const figma = items.find((d) => (d as { target?: { name: string } }).target?.name === 'Figma');
    expect(figma).toMatchObject({ status: 'pending', endedOn: null, daysOutstanding: daysBetween('2022-09-15', '2023-12-17') });
    expect((await pageThrough(50, '2025-06-17')).items.map((d) => d.dealId)).toContain(id.usSteel);
    expect((await pageThrough(50, '2025-06-18')).items.map((d) => d.dealId)).not.toContain(id.usSteel);
  });

  it.each([
    ['?asOf=2025-02-30', 'must be a date YYYY-MM-DD'],
    [`?asOf=${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}`, 'must not be after today (UTC): the pipeline of a day to come is not known'],
  ])('%s is a 400 naming asOf', async (query, message) => {
    const res = await get(query).expect(400);
    expect(res.body.errors).toEqual([{ field: 'asOf', message }]);
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=201', 'limit'],
    ['?cursor=bogus', 'cursor'],
    [`?cursor=${Buffer.from(JSON.stringify(['2024-13-01', '00000000-0000-4000-8000-000000000000'])).toString('base64url')}`, 'cursor'],
    ['?status=closed', 'status'],
  ])('%s is a 400 naming %s', async (query, field) => {
    const res = await get(query).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('answers a viewer and refuses a request without a key', async () => {
    await get().expect(200);
    expect((await t.http.get('/pipeline').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });
});
