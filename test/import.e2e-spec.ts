// The bulk import (npm run import): NDJSON lines under the same rules as the REST writes, refused lines reported
// with their line numbers and codes, views updated, and a second run of the same file appending nothing twice.
import { randomUUID } from 'node:crypto';
import { DealImporter, type ImportReport } from '../src/import/deal-importer.js';
import { acmeHistory, acmeRumour, seedDeal } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

async function* linesOf(lines: string[]) {
  yield* lines;
}

describe('bulk import', () => {
  let t: TestApp;
  const xai = randomUUID();
  const acme = randomUUID();
  const stuck = randomUUID();
  const lines = [
    JSON.stringify({ ...seedDeal, dealId: xai }), // 1
    JSON.stringify({ ...acmeRumour, dealId: acme }), // 2
    '{"type": "closed", "occurredOn": ', // 3: not JSON
    ...acmeHistory.map((event) => JSON.stringify({ ...event, dealId: acme })), // 4-9
    JSON.stringify({ type: 'closed', occurredOn: '2024-01-02', dealId: xai }), // 10: before the announcement
    JSON.stringify({ ...acmeRumour, acquirer: { name: 'Stuck Holdings' }, dealId: stuck }), // 11
    JSON.stringify({ type: 'closed', occurredOn: '2024-02-01', dealId: stuck }), // 12: a rumour cannot close
    JSON.stringify({ type: 'priced', occurredOn: '2025-04-01', value: { amount: '44000000000', currency: 'USD' } }), // 13: no dealId
    '', // 14: blank lines are skipped
    JSON.stringify({ type: 'priced', occurredOn: '2025-04-01', dealId: xai, value: { amount: 'lots', currency: 'USD' } }), // 15
    JSON.stringify({ type: 'priced', occurredOn: '2025-04-02', dealId: xai, stakePercent: 90, colour: 'blue' }), // 16
  ];
  let first: ImportReport;

  beforeAll(async () => {
    t = await startTestApp();
    first = await new DealImporter(t.dataSource, 'import:test.ndjson').run(linesOf(lines));
  });
  afterAll(() => t?.close());

  it('appends every acceptable line and reports each refused one with its line and code', () => {
    expect(first).toMatchObject({ lines: 16, appended: 9, alreadyImported: 0, deals: 3 });
    expect(first.refused.map((r) => [r.line, r.code])).toEqual([
      [3, 'VALIDATION_FAILED'],
      [10, 'RULE_VIOLATED'],
      [12, 'INVALID_TRANSITION'],
      [13, 'VALIDATION_FAILED'],
      [15, 'VALIDATION_FAILED'],
      [16, 'VALIDATION_FAILED'],
    ]);
    const byLine = Object.fromEntries(first.refused.map((r) => [r.line, r]));
    expect(byLine[13].message).toContain('dealId');
    expect(byLine[15].message).toContain('value.amount');
    expect(byLine[16].message).toContain('colour');
    expect(byLine[12].dealId).toBe(stuck);
  });

  it('leaves the views as the same events posted over REST would', async () => {
    const view = (await t.http.get(`/deals/${acme}`).set(auth('viewer')).expect(200)).body;
    expect(view).toMatchObject({
      status: 'closed',
      version: 7,
      value: { amount: '1400000000', currency: 'GBP' },
      initialValue: { amount: '1200000000', currency: 'GBP' },
      closedOn: '2024-07-01',
    });
    expect(view.competingBids).toHaveLength(1);
    const timeline = (await t.http.get(`/deals/${acme}/events`).set(auth('viewer')).expect(200)).body.items;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(['rumored', ...acmeHistory.map((e) => e.type)]);
    expect(new Set(timeline.map((e: { actor: string }) => e.actor))).toEqual(new Set(['import:test.ndjson']));
    expect((await t.http.get(`/deals/${xai}`).set(auth('viewer')).expect(200)).body).toMatchObject({ status: 'pending', version: 1 });
    expect((await t.http.get(`/deals/${stuck}`).set(auth('viewer')).expect(200)).body).toMatchObject({ status: 'rumored', version: 1 });
    const companies = (await t.http.get('/companies?q=stuck').set(auth('viewer')).expect(200)).body.items;
    expect(companies.map((c: { name: string }) => c.name)).toEqual(['Stuck Holdings']);
  });

  it('appends nothing twice when the same file is imported again', async () => {
    const [{ count: before }] = await t.dataSource.query('SELECT count(*)::int AS count FROM events');
    const again = await new DealImporter(t.dataSource, 'import:test.ndjson').run(linesOf(lines));
    expect(again).toMatchObject({ appended: 0, alreadyImported: 9 });
    expect(again.refused.map((r) => r.line)).toEqual(first.refused.map((r) => r.line));
    const [{ count: after }] = await t.dataSource.query('SELECT count(*)::int AS count FROM events');
    expect(after).toBe(before);
  });

  it('puts a big file in chunks of at least 100 events per transaction', async () => {
    const many = Array.from({ length: 1_200 }, (_, i) =>
      JSON.stringify({ ...acmeRumour, target: { name: `Target ${i}` }, dealId: randomUUID() }),
    );
    const report = await new DealImporter(t.dataSource, 'import:big.ndjson').run(linesOf(many));
    expect(report).toMatchObject({ lines: 1_200, appended: 1_200, refused: [] });
    const transactions: { events: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS events FROM events WHERE metadata->>'actor' = 'import:big.ndjson' GROUP BY transaction_id`,
    );
    expect(transactions.map((tx) => tx.events).sort((a, b) => b - a)).toEqual([500, 500, 200]);
  });

  // The next chunk is validated while one is written; it must still be decided on what the one before wrote.
  it('decides a chunk on what the chunk before it wrote: a deal and a company named across the boundary', async () => {
    const spanning = randomUUID();
    const filler = Array.from({ length: 499 }, (_, i) =>
      JSON.stringify({ ...acmeRumour, acquirer: { name: `Filler Buyer ${i}` }, target: { name: `Filler ${i}` }, dealId: randomUUID() }),
    );
    const across = [
      ...filler,
      JSON.stringify({ ...acmeRumour, acquirer: { name: 'Boundary Holdings' }, target: { name: 'Edge Ltd' }, dealId: spanning }), // line 500
      JSON.stringify({ ...acmeRumour, acquirer: { name: 'boundary holdings' }, target: { name: 'Rim plc' }, dealId: randomUUID() }), // 501
      JSON.stringify({ type: 'announced', occurredOn: '2024-02-01', acquirer: { name: 'Boundary Holdings' }, target: { name: 'Edge Ltd' }, dealId: spanning }), // 502
    ];
    const report = await new DealImporter(t.dataSource, 'import:across.ndjson').run(linesOf(across));
    expect(report).toMatchObject({ lines: 502, appended: 502, refused: [] });
    const views: { acquirer_id: string; status: string }[] = await t.dataSource.query(
      `SELECT acquirer_id, status FROM deal_views WHERE acquirer_name ILIKE 'boundary holdings' ORDER BY status`,
    );
    expect(views).toHaveLength(2);
    expect(views[0].acquirer_id).toBe(views[1].acquirer_id); // one company, not one per chunk
    expect(views.map((v) => v.status)).toEqual(['pending', 'rumored']);
  });

  it('counts only the deals its events went into, not one whose every line was refused', async () => {
    const refusedOnly = JSON.stringify({ type: 'closed', occurredOn: '2024-01-01', dealId: randomUUID() });
    const accepted = JSON.stringify({ ...acmeRumour, target: { name: 'Counted Ltd' }, dealId: randomUUID() });
    const report = await new DealImporter(t.dataSource, 'import:counted.ndjson').run(linesOf([refusedOnly, accepted]));
    expect(report).toMatchObject({ lines: 2, appended: 1, deals: 1 });
    expect(report.refused.map((r) => r.code)).toEqual(['INVALID_TRANSITION']);
  });

  it('fails when its input fails, with the chunks read before written in full and nothing left running', async () => {
    async function* failingAfterOneChunk() {
      for (let i = 0; i < 500; i++) {
        yield JSON.stringify({ ...acmeRumour, target: { name: `Read ${i}` }, dealId: randomUUID() });
      }
      throw new Error('the file went away');
    }
    await expect(new DealImporter(t.dataSource, 'import:broken.ndjson').run(failingAfterOneChunk())).rejects.toThrow('the file went away');
    const [{ events }] = await t.dataSource.query(`SELECT count(*)::int AS events FROM events WHERE metadata->>'actor' = 'import:broken.ndjson'`);
    expect(events).toBe(500);
  });
});

describe('bulk import of the v1.1 terms', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('takes every new field as the REST writes do, and refuses a bad one by line', async () => {
    const dealId = randomUUID();
    const usd = (amount: string) => ({ amount, currency: 'USD' });
    const lines = [
      { dealId, type: 'announced', occurredOn: '2022-05-26', acquirer: { name: 'Broadcom Inc.' }, target: { name: 'VMware, Inc.' }, value: usd('61000000000'), enterpriseValue: usd('69000000000'), cashPercent: 50, targetTerminationFee: usd('1500000000'), reverseTerminationFee: usd('1500000000'), attitude: 'friendly', offerStructure: 'one_step_merger', outsideDate: '2023-05-26' },
      { dealId, type: 'regulatory', occurredOn: '2023-07-12', authority: 'European Commission', jurisdiction: 'eu', decision: 'approved_with_remedies', remedies: 'Interoperability commitments' },
      { dealId, type: 'priced', occurredOn: '2023-08-01', outsideDate: '2023-11-26' },
      { dealId, type: 'priced', occurredOn: '2023-08-02', premiumPercent: 'high' },
    ].map((line) => JSON.stringify(line));
    const report = await new DealImporter(t.dataSource, 'import:terms').run(linesOf(lines));
    expect(report.refused.map((r) => [r.line, r.code, r.message.includes('premiumPercent')])).toEqual([[4, 'VALIDATION_FAILED', true]]);
    const view = (await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200)).body;
    expect(view).toMatchObject({
      enterpriseValue: usd('69000000000'),
      cashPercent: 50,
      outsideDate: '2023-11-26',
      initialOutsideDate: '2023-05-26',
      reverseTerminationFee: usd('1500000000'),
      regulatory: [expect.objectContaining({ jurisdiction: 'EU', remedies: 'Interoperability commitments' })],
    });
  });
});

describe('bulk import of a vendor export: advisors and company profile lines', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const dealId = randomUUID();
  const lines = [
    { dealId, type: 'announced', occurredOn: '2022-05-26', acquirer: { name: 'Broadcom Inc.' }, target: { name: 'VMware, Inc.' }, value: { amount: '61000000000', currency: 'USD' } },
    { dealId, type: 'advisor_retained', occurredOn: '2022-05-26', advisor: { name: 'Goldman Sachs' }, side: 'target', role: 'financial' },
    { type: 'company_profiled', name: 'Broadcom', country: 'us', sector: 'information_technology', ticker: 'AVGO' }, // 3: matched by name
    { type: 'company_profiled', name: 'VMware Inc', country: 'US', sector: 'information_technology' }, // 4
    { type: 'company_profiled', name: 'Unknown Widgets plc', country: 'GB' }, // 5: no deal names it
    { type: 'company_profiled', name: 'VMware', companyId: randomUUID(), country: 'US' }, // 6: both
    { type: 'company_profiled', name: 'Goldman Sachs', sector: 'banks' }, // 7: not a sector
  ].map((line) => JSON.stringify(line));

  it('profiles the companies its deals name, refusing the lines it cannot take, by line', async () => {
    const report = await new DealImporter(t.dataSource, 'import:vendor').run(linesOf(lines));
    expect(report).toMatchObject({ lines: 7, appended: 4, alreadyImported: 0, deals: 1 });
    expect(report.refused.map((r) => [r.line, r.code])).toEqual([
      [5, 'RULE_VIOLATED'],
      [6, 'VALIDATION_FAILED'],
      [7, 'VALIDATION_FAILED'],
    ]);
    const view = (await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200)).body;
    expect(view).toMatchObject({
      acquirer: { name: 'Broadcom Inc.', country: 'US', sector: 'information_technology' },
      target: { name: 'VMware, Inc.', country: 'US' },
      crossBorder: false,
      advisors: [expect.objectContaining({ advisor: expect.objectContaining({ name: 'Goldman Sachs' }), side: 'target', role: 'financial' })],
    });
    const broadcom = (await t.http.get(`/companies/${view.acquirer.companyId}`).set(auth('viewer')).expect(200)).body;
    expect(broadcom).toMatchObject({ ticker: 'AVGO', version: 1 });
  });

  it('appends no profile twice when the same file is imported again', async () => {
    const again = await new DealImporter(t.dataSource, 'import:vendor').run(linesOf(lines));
    expect(again).toMatchObject({ appended: 0, alreadyImported: 4 });
  });
});
