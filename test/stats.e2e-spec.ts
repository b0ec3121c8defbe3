// GET /stats/volume over realistic histories posted as an analyst would. Two dates are moved onto the
// quarter boundary (Home Depot / SRS to 31 March 2024, International Paper / DS Smith to 1 April 2024).
import { validationFields } from './support/problems.js';
import { postEvent } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

const usd = (amount: string) => ({ amount, currency: 'USD' });
const gbp = (amount: string) => ({ amount, currency: 'GBP' });
const eur = (amount: string) => ({ amount, currency: 'EUR' });
const announced = (occurredOn: string, acquirer: string, target: string, value: object, extra: object = {}) => ({
  type: 'announced',
  occurredOn,
  acquirer: { name: acquirer },
  target: { name: target },
  value,
  ...extra,
});

async function postHistory(t: TestApp, first: object, ...rest: object[]): Promise<{ dealId: string; eventIds: string[] }> {
  const created = await t.http.post('/deals').set(auth('analyst')).send(first).expect(201);
  const eventIds = [created.body.eventId as string];
  for (const event of rest) eventIds.push((await postEvent(t, created.body.dealId, event).expect(201)).body.eventId);
  return { dealId: created.body.dealId, eventIds };
}

const empty = (period: string) => ({ period, dealCount: 0, valueUsd: '0', unconvertedCount: 0, byCurrency: {} });

describe('GET /stats/volume', () => {
  let t: TestApp;
  const volume = (query = '') => t.http.get(`/stats/volume${query}`).set(auth('viewer'));
  const periods = (items: { period: string }[]) => items.map((b) => b.period);

  beforeAll(async () => {
    t = await startTestApp();

    // 2022: two Spirit Airlines deals, both terminated; JetBlue's rival bid on Frontier's deal is not a deal.
    await postHistory(
      t,
      announced('2022-02-07', 'Frontier Group', 'Spirit Airlines', usd('2900000000')),
      { type: 'competing_bid', occurredOn: '2022-04-05', bidder: { name: 'JetBlue Airways' }, value: usd('3600000000') },
      { type: 'shareholder_vote', occurredOn: '2022-07-27', party: 'target', outcome: 'rejected' },
      { type: 'terminated', occurredOn: '2022-07-27' },
    );
    await postHistory(t, announced('2022-07-28', 'JetBlue Airways', 'Spirit Airlines', usd('3800000000')), {
      type: 'terminated',
      occurredOn: '2024-03-04',
      reason: 'Blocked by a federal court',
    });

    // 2023.
    await postHistory(t, announced('2023-09-21', 'Cisco', 'Splunk', usd('28000000000')), { type: 'closed', occurredOn: '2024-03-18' });
    await postHistory(t, announced('2023-10-11', 'ExxonMobil', 'Pioneer Natural Resources', usd('59500000000')), {
      type: 'closed',
      occurredOn: '2024-05-03',
    });
    await postHistory(t, announced('2023-10-23', 'Chevron', 'Hess', usd('53000000000')));

    // 2024 Q1. Synopsys / Ansys: rumoured in Q4 2023 (not counted there), announced in Q1; a mistaken `closed` is retracted.
    const ansys = await postHistory(
      t,
      { type: 'rumored', occurredOn: '2023-12-22', acquirer: { name: 'Synopsys' }, target: { name: 'Ansys' } },
      announced('2024-01-16', 'Synopsys', 'Ansys', usd('35000000000')),
      { type: 'closed', occurredOn: '2024-06-28' },
    );
    await postEvent(t, ansys.dealId, { type: 'retracted', occurredOn: '2024-07-01', eventId: ansys.eventIds[2], reason: 'Posted in error' }).expect(201);
    await postHistory(t, announced('2024-02-19', 'Capital One', 'Discover Financial', usd('35300000000'), { consideration: 'stock' }));
    await postHistory(
      t,
      announced('2024-03-15', 'Swisscom', 'Vodafone Italia', eur('8000000000'), { equivalents: [usd('8700000000.25')], seller: { name: 'Vodafone Group' } }),
      { type: 'closed', occurredOn: '2024-12-31' },
    );
    await postHistory(t, announced('2024-03-31', 'The Home Depot', 'SRS Distribution', usd('18250000000.25')));

    // 2024 Q2: a GBP deal with no USD figure at all (no FX rates loaded); BHP's approach was only ever a rumour.
    await postHistory(t, announced('2024-04-01', 'International Paper', 'DS Smith', gbp('7200000000'), { consideration: 'stock' }), {
      type: 'closed',
      occurredOn: '2025-01-31',
    });
    await postHistory(
      t,
      { type: 'rumored', occurredOn: '2024-04-25', acquirer: { name: 'BHP' }, target: { name: 'Anglo American' }, value: gbp('31100000000') },
      { type: 'withdrawn', occurredOn: '2024-05-29' },
    );

    // 2024 Q3: Couche-Tard raised its offer, then withdrew it; it was announced, so it counts on that basis.
    await postHistory(t, announced('2024-08-14', 'Mars', 'Kellanova', usd('35900000000')));
    await postHistory(
      t,
      announced('2024-08-19', 'Alimentation Couche-Tard', 'Seven & i Holdings', usd('38500000000')),
      { type: 'priced', occurredOn: '2024-10-09', value: usd('47000000000') },
      { type: 'withdrawn', occurredOn: '2025-07-16', reason: 'Lack of constructive engagement' },
    );
  });
  afterAll(() => t?.close());

  it('buckets announced deals by quarter, every quarter of the range listed, currencies kept apart', async () => {
    const { body } = await volume('?interval=quarter&from=2023-07-01&to=2024-12-31').expect(200);
    expect(body.items).toEqual([
      { period: '2023-Q3', dealCount: 1, valueUsd: '28000000000', unconvertedCount: 0, byCurrency: { USD: '28000000000' } },
      { period: '2023-Q4', dealCount: 2, valueUsd: '112500000000', unconvertedCount: 0, byCurrency: { USD: '112500000000' } },
      {
        period: '2024-Q1',
        dealCount: 4,
        valueUsd: '97250000000.5',
        unconvertedCount: 0,
        byCurrency: { EUR: '8000000000', USD: '88550000000.25' },
      },
      { period: '2024-Q2', dealCount: 1, valueUsd: '0', unconvertedCount: 1, byCurrency: { GBP: '7200000000' } },
      { period: '2024-Q3', dealCount: 2, valueUsd: '82900000000', unconvertedCount: 0, byCurrency: { USD: '82900000000' } },
      empty('2024-Q4'),
    ]);
    expect(body.nextCursor).toBeNull();
  });

  it('counts withdrawn and terminated deals on the announced basis, by year', async () => {
    const { body } = await volume('?interval=year&from=2022-01-01&to=2024-12-31').expect(200);
    expect(body.items).toEqual([
      { period: '2022', dealCount: 2, valueUsd: '6700000000', unconvertedCount: 0, byCurrency: { USD: '6700000000' } },
      { period: '2023', dealCount: 3, valueUsd: '140500000000', unconvertedCount: 0, byCurrency: { USD: '140500000000' } },
      {
        period: '2024',
        dealCount: 7,
        valueUsd: '180150000000.5',
        unconvertedCount: 1,
        byCurrency: { EUR: '8000000000', GBP: '7200000000', USD: '171450000000.25' },
      },
    ]);
  });

  it('puts 31 March and 1 April in different months and quarters; dates are inclusive', async () => {
    const months = await volume('?from=2024-03-31&to=2024-04-01').expect(200);
    expect(months.body.items).toEqual([
      { period: '2024-03', dealCount: 1, valueUsd: '18250000000.25', unconvertedCount: 0, byCurrency: { USD: '18250000000.25' } },
      { period: '2024-04', dealCount: 1, valueUsd: '0', unconvertedCount: 1, byCurrency: { GBP: '7200000000' } },
    ]);
    const quarters = await volume('?interval=quarter&from=2024-03-31&to=2024-04-01').expect(200);
    expect(quarters.body.items.map((b: { period: string; dealCount: number }) => [b.period, b.dealCount])).toEqual([
      ['2024-Q1', 1],
      ['2024-Q2', 1],
    ]);
    // A period cut by the range counts only the deals inside it: Swisscom (15 March) is left out here.
    expect((await volume('?from=2024-03-16&to=2024-03-31').expect(200)).body.items).toEqual([
      expect.objectContaining({ period: '2024-03', dealCount: 1 }),
    ]);
  });

  it('lists empty months between from and to with zeros', async () => {
    const { body } = await volume('?basis=announced&interval=month&from=2024-04-01&to=2024-08-31').expect(200);
    expect(periods(body.items)).toEqual(['2024-04', '2024-05', '2024-06', '2024-07', '2024-08']);
    expect(body.items[1]).toEqual(empty('2024-05'));
    expect(body.items[2]).toEqual(empty('2024-06'));
    expect(body.items[4]).toMatchObject({ dealCount: 2, valueUsd: '82900000000' });
  });

  it('without both ends, lists only the periods that have deals, in order (month by default)', async () => {
    const { body } = await volume().expect(200);
    expect(periods(body.items)).toEqual([
      '2022-02', '2022-07', '2023-09', '2023-10', '2024-01', '2024-02', '2024-03', '2024-04', '2024-08',
    ]);
    expect(body.items.find((b: { period: string }) => b.period === '2023-10')).toMatchObject({ dealCount: 2 });
    expect(periods((await volume('?interval=quarter&from=2024-01-01').expect(200)).body.items)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3']);
    expect(periods((await volume('?interval=year&to=2023-10-11').expect(200)).body.items)).toEqual(['2022', '2023']);
  });

  it('counts closed deals by closing date; a retracted closing does not count', async () => {
    const { body } = await volume('?basis=closed&interval=quarter&from=2024-01-01&to=2025-03-31').expect(200);
    expect(body.items).toEqual([
      { period: '2024-Q1', dealCount: 1, valueUsd: '28000000000', unconvertedCount: 0, byCurrency: { USD: '28000000000' } },
      // Synopsys / Ansys would be here (28 June) had its `closed` not been retracted.
      { period: '2024-Q2', dealCount: 1, valueUsd: '59500000000', unconvertedCount: 0, byCurrency: { USD: '59500000000' } },
      empty('2024-Q3'),
      { period: '2024-Q4', dealCount: 1, valueUsd: '8700000000.25', unconvertedCount: 0, byCurrency: { EUR: '8000000000' } },
      { period: '2025-Q1', dealCount: 1, valueUsd: '0', unconvertedCount: 1, byCurrency: { GBP: '7200000000' } },
    ]);
    expect(periods((await volume('?basis=closed&interval=year').expect(200)).body.items)).toEqual(['2024', '2025']);
  });

  it('pages by period, with or without empty periods', async () => {
    const first = await volume('?interval=month&from=2024-01-01&to=2024-12-31&limit=5').expect(200);
    expect(periods(first.body.items)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    const second = await volume(`?interval=month&from=2024-01-01&to=2024-12-31&limit=5&cursor=${first.body.nextCursor}`).expect(200);
    expect(periods(second.body.items)).toEqual(['2024-06', '2024-07', '2024-08', '2024-09', '2024-10']);
    const third = await volume(`?interval=month&from=2024-01-01&to=2024-12-31&limit=5&cursor=${second.body.nextCursor}`).expect(200);
    expect(periods(third.body.items)).toEqual(['2024-11', '2024-12']);
    expect(third.body.nextCursor).toBeNull();

    const sparse = await volume('?limit=8').expect(200);
    expect(sparse.body.items).toHaveLength(8);
    const rest = await volume(`?limit=8&cursor=${sparse.body.nextCursor}`).expect(200);
    expect(periods(rest.body.items)).toEqual(['2024-08']);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('refuses bad parameters with a 400 naming each field', async () => {
    const fieldsOf = async (query: string) => validationFields(await volume(query));
    expect(await fieldsOf('?basis=foo')).toEqual(['basis']);
    expect(await fieldsOf('?interval=week')).toEqual(['interval']);
    // An unknown parameter would otherwise answer unfiltered totals as if filtered.
    expect(await fieldsOf('?status=closed')).toEqual(['status']);
    // Unknown parameters are refused before the values are read: the typo first, then the rest.
    expect(await fieldsOf('?intervl=quarter&basis=x')).toEqual(['intervl']);
    expect(await fieldsOf('?from=2024-07-01&to=2024-06-30')).toEqual(['to']);
    expect(await fieldsOf('?from=01/04/2024')).toEqual(['from']);
    expect(await fieldsOf('?limit=abc')).toEqual(['limit']);
    expect(await fieldsOf('?basis=foo&interval=week&limit=0')).toEqual(['basis', 'interval', 'limit']);
    expect(await fieldsOf('?cursor=%%%')).toEqual(['cursor']);
    // A cursor of a monthly listing is not one of a quarterly listing.
    const monthly = await volume('?limit=1').expect(200);
    expect(await fieldsOf(`?interval=quarter&cursor=${monthly.body.nextCursor}`)).toEqual(['cursor']);
  });

  it('needs an API key', async () => {
    const none = await t.http.get('/stats/volume').expect(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    await t.http.get('/stats/volume').set('Authorization', 'Bearer not-a-key').expect(401);
  });

  it('is documented in the OpenAPI document', async () => {
    const { body } = await t.http.get('/openapi.json').expect(200);
    const op = body.paths['/stats/volume'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['acquirerCountry', 'basis', 'crossBorder', 'cursor', 'from', 'interval', 'limit', 'measure', 'targetCountry', 'targetSector', 'to']);
    const bucket = op.responses['200'].content['application/json'].schema.properties.items.items;
    expect(Object.keys(bucket.properties)).toEqual(['period', 'dealCount', 'valueUsd', 'unconvertedCount', 'byCurrency']);
  });
});
