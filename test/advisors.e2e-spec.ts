// Advisors over HTTP: advisor_retained events (back-filled, after the closing, retracted), the deal view's advisors,
// and the advisor league table: full credit per deal, once per deal whatever the number of sides, deals included as
// in the acquirer table.
import { announced, broadcomVmware, createDeal, eventCount, microsoftActivision, postEvent } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

const retained = (occurredOn: string, name: string, side: string, role: string) => ({
  type: 'advisor_retained',
  occurredOn,
  advisor: { name },
  side,
  role,
});

/** Kroger–Albertsons, 14 October 2022, terminated 10 December 2024. */
const krogerAlbertsons = announced('2022-10-14', 'The Kroger Co.', 'Albertsons Companies, Inc.', '24600000000');

interface Row {
  rank: number;
  company: { name: string };
  dealCount: number;
  valueUsd: string | null;
}

describe('advisors (v1.1)', () => {
  let t: TestApp;
  let broadcom: string;
  let microsoft: string;
  let kroger: string;

  beforeAll(async () => {
    t = await startTestApp();
    broadcom = await createDeal(t, broadcomVmware);
    microsoft = await createDeal(t, microsoftActivision);
    kroger = await createDeal(t, krogerAlbertsons);
    for (const event of [
      retained('2022-05-26', 'Barclays', 'acquirer', 'financial'),
      retained('2022-05-26', 'Wachtell, Lipton, Rosen & Katz', 'acquirer', 'legal'),
      retained('2022-05-26', 'Goldman Sachs', 'target', 'financial'),
      retained('2022-05-26', 'J.P. Morgan', 'target', 'financial'),
    ]) {
      await postEvent(t, broadcom, event).expect(201);
    }
    await postEvent(t, microsoft, retained('2022-01-18', 'Allen & Company', 'target', 'financial')).expect(201);
    await postEvent(t, kroger, retained('2022-10-14', 'Citigroup', 'acquirer', 'financial')).expect(201);
    await postEvent(t, kroger, retained('2022-10-14', 'Goldman Sachs', 'target', 'financial')).expect(201);
    await postEvent(t, kroger, { type: 'terminated', occurredOn: '2024-12-10' }).expect(201);
  });
  afterAll(() => t?.close());

  const get = async (path: string) => (await t.http.get(path).set(auth('viewer')).expect(200)).body;
  const table = async (query = '') =>
    (await get(`/league-tables/advisors?${query}`)).items.map((r: Row) => [r.rank, r.company.name, r.dealCount, r.valueUsd]);

  it('lists each advisor on the deal view with its side and role, as a company', async () => {
    const { advisors } = await get(`/deals/${broadcom}`);
    expect(advisors).toHaveLength(4);
    expect(advisors[2]).toEqual({
      eventId: expect.any(String),
      occurredOn: '2022-05-26',
      advisor: { companyId: expect.any(String), name: 'Goldman Sachs' },
      side: 'target',
      role: 'financial',
    });
  });

  it('ranks financial advisors by the value of the deals they advised; a terminated deal credits nobody', async () => {
    expect(await table()).toEqual([
      [1, 'Allen & Company', 1, '68700000000'],
      [2, 'Barclays', 1, '61000000000'],
      [2, 'Goldman Sachs', 1, '61000000000'],
      [2, 'J.P. Morgan', 1, '61000000000'],
    ]);
  });

  it('ranks legal advisors apart', async () => {
    expect(await table('role=legal')).toEqual([[1, 'Wachtell, Lipton, Rosen & Katz', 1, '61000000000']]);
  });

  it('credits an advisor once per deal, whatever the number of sides it advised', async () => {
    await postEvent(t, microsoft, retained('2022-01-18', 'Goldman Sachs', 'acquirer', 'financial')).expect(201);
    await postEvent(t, microsoft, retained('2022-01-18', 'Goldman Sachs', 'target', 'financial')).expect(201);
    expect((await table())[0]).toEqual([1, 'Goldman Sachs', 2, '129700000000']);
  });

  it('takes a credit published after the closing, on the closed basis too, and ranks by rank value when asked', async () => {
    await postEvent(t, broadcom, { type: 'closed', occurredOn: '2023-11-22' }).expect(201);
    await postEvent(t, broadcom, retained('2023-12-01', 'Lazard', 'acquirer', 'financial')).expect(201);
    expect(await table('basis=closed')).toEqual([
      [1, 'Barclays', 1, '61000000000'],
      [1, 'Goldman Sachs', 1, '61000000000'],
      [1, 'J.P. Morgan', 1, '61000000000'],
      [1, 'Lazard', 1, '61000000000'],
    ]);
    expect((await table('basis=closed&measure=rankValue'))[0]).toEqual([1, 'Barclays', 1, '69000000000']);
  });

  it('drops a retracted credit', async () => {
    const { eventId } = (await postEvent(t, microsoft, retained('2022-01-18', 'Moelis & Company', 'acquirer', 'financial')).expect(201)).body;
    expect((await table()).map((row: unknown[]) => row[1])).toContain('Moelis & Company');
    await postEvent(t, microsoft, { type: 'retracted', occurredOn: '2022-01-18', eventId, reason: 'Wrong deal' }).expect(201);
    expect((await table()).map((row: unknown[]) => row[1])).not.toContain('Moelis & Company');
  });

  it('pages through the table with a cursor, ranks intact', async () => {
    const paged: Row[] = [];
    let page = await get('/league-tables/advisors?limit=2');
    paged.push(...page.items);
    while (page.nextCursor) {
      page = await get(`/league-tables/advisors?limit=2&cursor=${page.nextCursor}`);
      paged.push(...page.items);
    }
    expect(paged.map((r) => [r.rank, r.company.name, r.dealCount, r.valueUsd])).toEqual(await table());
    expect(paged.length).toBeGreaterThan(4);
  });

  it('refuses a credit on a voided deal, and bad fields, naming them and appending nothing', async () => {
    const mistaken = await createDeal(t, { ...microsoftActivision, acquirer: { name: 'Microsoft Corp' }, target: { name: 'Activision' } });
    await postEvent(t, mistaken, { type: 'voided', occurredOn: '2022-01-19', reason: 'Entered twice' }).expect(201);
    const before = await eventCount(t);
    const refused = await postEvent(t, mistaken, retained('2022-01-20', 'Goldman Sachs', 'acquirer', 'financial')).expect(409);
    expect(refused.body.code).toBe('INVALID_TRANSITION');
    const bad = await postEvent(t, microsoft, { type: 'advisor_retained', occurredOn: '2022-01-18', advisor: { name: ' ' }, side: 'bidder' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['advisor.name', 'role', 'side']);
    expect(await eventCount(t)).toBe(before);
  });

  it('refuses an unknown role, and a role on the acquirer table', async () => {
    const wrongRole = await t.http.get('/league-tables/advisors?role=Financial&rank=size').set(auth('viewer')).expect(400);
    expect(wrongRole.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['rank', 'role']);
    const onAcquirers = await t.http.get('/league-tables/acquirers?role=legal').set(auth('viewer')).expect(400);
    expect(onAcquirers.body.errors).toEqual([{ field: 'role', message: expect.stringContaining('not a parameter') }]);
  });

  it('is documented in the OpenAPI document', async () => {
    const { body } = await t.http.get('/openapi.json').expect(200);
    const op = body.paths['/league-tables/advisors'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['acquirerCountry', 'basis', 'crossBorder', 'cursor', 'from', 'limit', 'measure', 'rank', 'role', 'targetCountry', 'targetSector', 'to']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
    expect(body.components.schemas.AdvisorRetainedEventDto.required).toEqual(expect.arrayContaining(['advisor', 'side', 'role']));
    expect(body.components.schemas.AdvisorRole.enum).toEqual(['financial', 'legal']);
    expect(body.components.schemas.AdvisorSide.enum).toEqual(['acquirer', 'target', 'seller']);
  });
});
