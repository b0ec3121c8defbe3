// Value bases over HTTP: a deal's enterprise and equity values in USD (converted like valueUsd, again when rates load,
// and as known at a time), its rank value, and league tables and volume statistics summing either measure.
import { broadcomVmware, createDeal, microsoftActivision, usd } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

/** Swisscom–Vodafone Italia, 15 March 2024: an enterprise value of EUR 8bn. */
const swisscomVodafoneItalia = {
  type: 'announced',
  occurredOn: '2024-03-15',
  acquirer: { name: 'Swisscom AG' },
  target: { name: 'Vodafone Italia' },
  value: eur('8000000000'),
  enterpriseValue: eur('8000000000'),
  equityValue: eur('7600000000'),
};

describe('value bases: enterprise, equity and rank values in USD (v1.1)', () => {
  let t: TestApp;
  let broadcom: string;
  let swisscom: string;

  beforeAll(async () => {
    t = await startTestApp();
    broadcom = await createDeal(t, broadcomVmware);
    await createDeal(t, microsoftActivision);
    swisscom = await createDeal(t, swisscomVodafoneItalia);
  });
  afterAll(() => t?.close());

  const get = async (path: string) => (await t.http.get(path).set(auth('viewer')).expect(200)).body;
  const loadEur = () => t.http.post('/fx-rates').set(auth('admin')).send({ rates: [{ date: '2024-03-15', currency: 'EUR', usd: '1.0890' }] }).expect(201);
  const table = async (query: string) =>
    (await get(`/league-tables/acquirers?${query}`)).items.map((row: { company: { name: string }; valueUsd: string | null; unconvertedCount: number }) => [
      row.company.name,
      row.valueUsd,
      row.unconvertedCount,
    ]);

  it('gives each USD amount as its USD figure, and ranks by the enterprise value when there is one', async () => {
    expect(await get(`/deals/${broadcom}`)).toMatchObject({
      valueUsd: '61000000000',
      enterpriseValueUsd: '69000000000',
      equityValueUsd: '61000000000',
      rankValueUsd: '69000000000',
    });
  });

  it('leaves amounts in another currency without a USD figure until a rate is loaded', async () => {
    expect(await get(`/deals/${swisscom}`)).toMatchObject({ valueUsd: null, enterpriseValueUsd: null, equityValueUsd: null, rankValueUsd: null });
    expect(await table('basis=announced&measure=rankValue&from=2024-01-01')).toEqual([['Swisscom AG', null, 1]]);
  });

  it('ranks by value or by rank value, as asked', async () => {
    expect(await table('from=2022-01-01&to=2022-12-31')).toEqual([
      ['Microsoft Corporation', '68700000000', 0],
      ['Broadcom Inc.', '61000000000', 0],
    ]);
    expect(await table('from=2022-01-01&to=2022-12-31&measure=rankValue')).toEqual([
      ['Broadcom Inc.', '69000000000', 0],
      ['Microsoft Corporation', '68700000000', 0],
    ]);
  });

  it('sums either measure in the volume statistics', async () => {
    const year = async (measure: string) => (await get(`/stats/volume?interval=year&from=2022-01-01&to=2022-12-31&measure=${measure}`)).items[0];
    expect(await year('value')).toMatchObject({ dealCount: 2, valueUsd: '129700000000', unconvertedCount: 0 });
    expect(await year('rankValue')).toMatchObject({ dealCount: 2, valueUsd: '137700000000', unconvertedCount: 0, byCurrency: { USD: '129700000000' } });
  });

  describe('once rates are loaded', () => {
    beforeAll(loadEur);

    it('converts the enterprise and equity values on the announcement date, and the rank value with them', async () => {
      expect(await get(`/deals/${swisscom}`)).toMatchObject({
        valueUsd: '8712000000',
        enterpriseValueUsd: '8712000000',
        equityValueUsd: '8276400000',
        rankValueUsd: '8712000000',
      });
      expect(await table('measure=rankValue&from=2024-01-01')).toEqual([['Swisscom AG', '8712000000', 0]]);
    });

    it('answers a knownAt read with the rates loaded by then', async () => {
      const [announced] = (await get(`/deals/${swisscom}/events`)).items;
      expect(await get(`/deals/${swisscom}?knownAt=${announced.recordedAt}`)).toMatchObject({ enterpriseValueUsd: null, equityValueUsd: null, rankValueUsd: null });
      expect(await get(`/deals/${swisscom}?asOf=2024-12-31`)).toMatchObject({ enterpriseValueUsd: '8712000000', rankValueUsd: '8712000000' });
    });
  });

  it('refuses a measure it does not know, naming the parameter', async () => {
    for (const path of ['/league-tables/acquirers?measure=ev', '/stats/volume?measure=RankValue']) {
      const res = await t.http.get(path).set(auth('viewer')).expect(400);
      expect(res.body.errors).toEqual([{ field: 'measure', message: expect.stringContaining('rankValue') }]);
    }
  });
});
