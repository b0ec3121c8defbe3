// GET /companies and GET /companies/{companyId}: how names resolve to companies (normalised spellings, companyId
// pins), the names seen, deal counts, and deals by role with USD totals summed as decimals.
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { companyNameRows } from '../src/deals/projections/company-names.projection.js';
import { normalizeCompanyName } from '../src/deals/domain/company-id.js';
import type { RecordedDealEvent } from '../src/deals/domain/deal.events.js';
import { acmeHistory, acmeRumour, createDeal, postEvent } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

const usd = (amount: string) => ({ amount, currency: 'USD' });

interface Company {
  companyId: string;
  name: string;
  names: string[];
  dealCount: number;
}


/** A deal party as a company reference: the counterparty of a company profile names the company only. */
const refOf = ({ companyId, name }: { companyId: string; name: string }) => ({ companyId, name });
describe('companies', () => {
  let t: TestApp;
  const deal: Record<string, string> = {};
  const view = async (dealId: string) => (await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200)).body;
  const list = (query = '') => t.http.get(`/companies${query}`).set(auth('viewer'));
  const detail = (companyId: string) => t.http.get(`/companies/${companyId}`).set(auth('viewer'));

  async function post(label: string, [first, ...rest]: object[]): Promise<void> {
    deal[label] = await createDeal(t, first);
    for (const event of rest) await postEvent(t, deal[label], event).expect(201);
  }

  async function allCompanies(limit: number): Promise<{ items: Company[]; pages: number }> {
    const items: Company[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Response = await list(`?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    return { items, pages };
  }

  beforeAll(async () => {
    t = await startTestApp();
    // Acme Corp buys Widget Ltd (a rival bid from Rival plc on the way), then "ACME corp." is rumoured to buy Gizmo GmbH.
    await post('widget', [acmeRumour, ...acmeHistory]);
    await post('gizmo', [{ type: 'rumored', occurredOn: '2024-09-02', acquirer: { name: 'ACME corp.' }, target: { name: 'Gizmo GmbH' } }]);

    await post('instagram', [
      { type: 'announced', occurredOn: '2012-04-09', acquirer: { name: 'Facebook' }, target: { name: 'Instagram' }, value: usd('1000000000'), consideration: 'mixed' },
      { type: 'closed', occurredOn: '2012-09-06', finalValue: usd('715000000.50') },
    ]);
    await post('whatsapp', [
      { type: 'announced', occurredOn: '2014-02-19', acquirer: { name: 'Facebook' }, target: { name: 'WhatsApp' }, value: usd('19000000000') },
      { type: 'closed', occurredOn: '2014-10-06', finalValue: usd('21800000000') },
    ]);
    const facebook = (await view(deal.instagram)).acquirer.companyId;
    // After the rename, the analyst pins the new name to the company already known.
    await post('within', [
      { type: 'announced', occurredOn: '2021-10-29', acquirer: { name: 'Meta Platforms', companyId: facebook }, target: { name: 'Within Unlimited' } },
      { type: 'regulatory', occurredOn: '2022-07-27', authority: 'FTC', jurisdiction: 'US', decision: 'blocked' },
      { type: 'closed', occurredOn: '2023-02-08' },
    ]);

    // Arm: bought by SoftBank in GBP (no FX rate: no USD value), later sold by SoftBank to NVIDIA, a deal withdrawn.
    await post('softbankArm', [
      { type: 'announced', occurredOn: '2016-07-18', acquirer: { name: 'SoftBank Group' }, target: { name: 'ARM Holdings' }, value: { amount: '24300000000', currency: 'GBP' } },
      { type: 'closed', occurredOn: '2016-09-05' },
    ]);
    await post('nvidiaArm', [
      { type: 'announced', occurredOn: '2020-09-13', acquirer: { name: 'NVIDIA' }, target: { name: 'Arm Limited' }, seller: { name: 'SoftBank Corp', companyId: (await view(deal.softbankArm)).acquirer.companyId }, value: usd('40000000000') },
      { type: 'withdrawn', occurredOn: '2022-02-08', reason: 'Significant regulatory challenges' },
    ]);
  });
  afterAll(() => t?.close());

  describe('company resolution', () => {
    it('makes "Acme Corp" and "ACME corp." one company with both names', async () => {
      const [widget, gizmo] = [await view(deal.widget), await view(deal.gizmo)];
      expect(gizmo.acquirer.companyId).toBe(widget.acquirer.companyId);
      const { body } = await list('?q=acme').expect(200);
      expect(body.items).toEqual([
        { companyId: widget.acquirer.companyId, name: 'ACME corp.', names: ['ACME corp.', 'Acme Corp'], dealCount: 2 },
      ]);
    });

    it('joins a pinned name to the existing company, whose latest name it becomes', async () => {
      const facebook = (await view(deal.instagram)).acquirer.companyId;
      expect((await view(deal.within)).acquirer).toEqual({ companyId: facebook, name: 'Meta Platforms', country: null, sector: null });
      const { body } = await detail(facebook).expect(200);
      expect(body).toMatchObject({ companyId: facebook, name: 'Meta Platforms', names: ['Facebook', 'Meta Platforms'] });
      const found = (await list('?q=meta').expect(200)).body.items;
      expect(found.map((c: Company) => c.companyId)).toEqual([facebook]);
    });

    it('keeps names that normalise differently apart unless pinned', async () => {
      const [older, newer] = [await view(deal.softbankArm), await view(deal.nvidiaArm)];
      expect(newer.target.companyId).not.toBe(older.target.companyId);
      expect(newer.seller.companyId).toBe(older.acquirer.companyId);
    });
  });

  describe('GET /companies', () => {
    it('lists every company seen, bidders too, by name then id, paged through exactly once', async () => {
      const { items, pages } = await allCompanies(3);
      expect(pages).toBe(4); // 12 companies, 3 a page: the last page is full and has no next cursor
      const ids = items.map((c) => c.companyId);
      expect(new Set(ids).size).toBe(ids.length);
      // Acme, Widget, Rival, Gizmo, Facebook/Meta, Instagram, WhatsApp, Within, SoftBank, ARM Holdings, NVIDIA, Arm Limited.
      expect(items).toHaveLength(12);
      const key = (c: Company) => [normalizeCompanyName(c.name), c.name, c.companyId];
      const sorted = [...items].sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        const i = x.findIndex((part, n) => part !== y[n]);
        return i < 0 ? 0 : x[i] < y[i] ? -1 : 1;
      });
      expect(items).toEqual(sorted);
      expect(items.find((c) => c.name === 'Rival plc')).toMatchObject({ names: ['Rival plc'], dealCount: 0 });
      expect(items.find((c) => c.name === 'SoftBank Corp')).toMatchObject({ names: ['SoftBank Corp', 'SoftBank Group'], dealCount: 2 });
    });

    it.each([
      ['a name it no longer goes by', '?q=faceBOOK', ['Meta Platforms']],
      ['accents ignored', '?q=WHATS%C3%81PP', ['WhatsApp']],
      ['punctuation ignored', '?q=meta-platforms', ['Meta Platforms']],
      ['a substring of several names', '?q=arm', ['ARM Holdings', 'Arm Limited']],
      ['no match', '?q=Berkshire', []],
      ['a LIKE wildcard taken literally', '?q=%25', []],
    ])('q finds %s', async (_case, query, names) => {
      const { body } = await list(query).expect(200);
      expect(body.items.map((c: Company) => c.name).sort()).toEqual([...names].sort());
    });

    it.each([
      ['?q=', 'q'],
      ['?q=a&q=b', 'q'],
      ['?limit=0', 'limit'],
      ['?cursor=bogus', 'cursor'],
      ['?name=Acme', 'name'],
    ])('%s is a 400 naming %s', async (query, field) => {
      const res = await list(query).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    });
  });

  describe('GET /companies/{companyId}', () => {
    it('lists deals by role, newest first, with counts and USD totals summed as decimals', async () => {
      const facebook = (await view(deal.instagram)).acquirer.companyId;
      const { body } = await detail(facebook).expect(200);
      const target = (name: string) => expect.objectContaining({ companyId: expect.any(String), name });
      expect(body.roles.acquirer).toEqual({
        dealCount: 3,
        valueUsd: '22515000000.5',
        unconvertedCount: 0,
        dealCountByStatus: { rumored: 0, pending: 0, closed: 3, terminated: 0, withdrawn: 0, voided: 0 },
        deals: [
          { dealId: deal.within, status: 'closed', announcedOn: '2021-10-29', value: null, valueUsd: null, counterparty: target('Within Unlimited') },
          { dealId: deal.whatsapp, status: 'closed', announcedOn: '2014-02-19', value: usd('21800000000'), valueUsd: '21800000000', counterparty: target('WhatsApp') },
          { dealId: deal.instagram, status: 'closed', announcedOn: '2012-04-09', value: usd('715000000.50'), valueUsd: '715000000.50', counterparty: target('Instagram') },
        ],
      });
      const none = { dealCount: 0, valueUsd: null, unconvertedCount: 0, dealCountByStatus: { rumored: 0, pending: 0, closed: 0, terminated: 0, withdrawn: 0, voided: 0 }, deals: [] };
      expect(body.roles.target).toEqual(none);
      expect(body.roles.seller).toEqual(none);
    });

    it('counts a withdrawn deal in its role but not in its USD total, as league tables do; a deal without a USD value as unconverted, the total null', async () => {
      const [bought, sold] = [await view(deal.softbankArm), await view(deal.nvidiaArm)];
      const { body } = await detail(bought.acquirer.companyId).expect(200);
      expect(body.roles.acquirer).toMatchObject({
        dealCount: 1,
        valueUsd: null,
        unconvertedCount: 1,
        deals: [{ dealId: deal.softbankArm, status: 'closed', announcedOn: '2016-07-18', value: { amount: '24300000000', currency: 'GBP' }, valueUsd: null, counterparty: refOf(bought.target) }],
      });
      expect(body.roles.seller).toMatchObject({
        dealCount: 1,
        valueUsd: null,
        unconvertedCount: 0,
        dealCountByStatus: { withdrawn: 1, closed: 0 },
        deals: [{ dealId: deal.nvidiaArm, status: 'withdrawn', counterparty: refOf(sold.acquirer) }],
      });
      expect(body.roles.target.dealCount).toBe(0);
    });

    it('shows a target with its acquirer as counterparty, and a rumoured deal without announcedOn', async () => {
      const gizmo = await view(deal.gizmo);
      const { body } = await detail(gizmo.target.companyId).expect(200);
      expect(body).toMatchObject({ name: 'Gizmo GmbH', names: ['Gizmo GmbH'] });
      expect(body.roles.target.deals).toEqual([
        { dealId: deal.gizmo, status: 'rumored', announcedOn: null, value: null, valueUsd: null, counterparty: refOf(gizmo.acquirer) },
      ]);
    });

    it('answers 404 for an unknown company and 400 for a malformed id', async () => {
      const unknown = randomUUID();
      const missing = await detail(unknown).expect(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(missing.body.detail).toContain(unknown);
      const bad = await detail('acme-corp').expect(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'companyId' })] });
    });
  });

  it('answers a viewer and refuses requests without a key', async () => {
    await list().expect(200);
    expect((await t.http.get('/companies').expect(401)).body.code).toBe('UNAUTHENTICATED');
    const company = (await view(deal.widget)).target.companyId;
    await detail(company).expect(200);
    await t.http.get(`/companies/${company}`).expect(401);
  });

  it('keeps the earliest and latest recorded times of a spelling, whatever order the events arrive in', async () => {
    // Two instances commit in their own order and a rebuild reads in stream order: neither is recorded order.
    const companyId = randomUUID();
    const seen = (recordedAt: string): RecordedDealEvent =>
      ({
        type: 'competing_bid', occurredOn: '2024-01-01', bidder: { name: 'Out Of Order plc', companyId },
        eventId: randomUUID(), version: 1, recordedAt, actor: 'test',
      }) as unknown as RecordedDealEvent;
    const project = (events: RecordedDealEvent[]) =>
      t.dataSource.query('SELECT project_company_names($1::jsonb)', [JSON.stringify(companyNameRows(events))]);
    await project([seen('2026-01-02T00:00:00.000Z'), seen('2026-01-01T00:00:00.000Z'), seen('2026-01-03T00:00:00.000Z'), seen('2026-01-02T12:00:00.000Z')]);
    await project([seen('2025-12-31T00:00:00.000Z')]);
    const [row] = await t.dataSource.query(
      `SELECT first_seen_at AS "first", last_seen_at AS "last" FROM company_names WHERE company_id = $1`,
      [companyId],
    );
    expect({ first: row.first.toISOString(), last: row.last.toISOString() }).toEqual({
      first: '2025-12-31T00:00:00.000Z',
      last: '2026-01-03T00:00:00.000Z',
    });
  });
});
