// The league tables and volume statistics read pre-aggregated totals (per day, month and year). Whatever the date
// range, the measure and whom the table credits (acquirers, financial or legal advisors), they must answer what
// summing the deals themselves answers: checked against deal_views for random histories (with FX loads, withdrawals,
// terminations, retracted closings and advisors) and random ranges.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { DealWriter } from '../src/deals/commands/deal-writer.js';
import { type Interval, periodLabel } from '../src/stats/period.js';
import { dealHistory, fxLoads, postGenerated, statusCoverage } from './support/random-histories.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

interface DealRow {
  status: string;
  acquirer_id: string | null;
  announced_on: string | null;
  closed_on: string | null;
  value_amount: string | null;
  value_currency: string | null;
  value_usd: string | null;
  enterprise_value_amount: string | null;
  rank_value_usd: string | null;
  advisors: { advisor: { companyId: string }; role: string }[];
  acquirer_country: string | null;
  target_country: string | null;
  target_sector: string | null;
  cross_border: boolean | null;
  deal_type: string | null;
}

/** Report filters on the parties, as the API takes them: any of a list of values, or cross-border or not. */
interface Slicing {
  acquirerCountry?: string[];
  targetCountry?: string[];
  targetSector?: string[];
  crossBorder?: boolean;
}

/** The contract: a deal is in a slice when its party's fact is known and one of those asked. */
const inSlice = (d: DealRow, s: Slicing) =>
  (!s.acquirerCountry || s.acquirerCountry.includes(d.acquirer_country!)) &&
  (!s.targetCountry || s.targetCountry.includes(d.target_country!)) &&
  (!s.targetSector || s.targetSector.includes(d.target_sector!)) &&
  (s.crossBorder === undefined || d.cross_border === s.crossBorder);
const slicingParams = (s: Slicing) => ({
  acquirerCountry: s.acquirerCountry?.join(','),
  targetCountry: s.targetCountry?.join(','),
  targetSector: s.targetSector?.join(','),
  crossBorder: s.crossBorder === undefined ? undefined : String(s.crossBorder),
});
const COUNTRIES = ['US', 'GB', 'FR', 'DE'];
const SECTORS = ['energy', 'financials', 'health_care'];

type Basis = 'announced' | 'closed';
type Measure = 'value' | 'rankValue';
type Credit = 'acquirer' | 'financial' | 'legal';

/** The contract, stated again: the rank value is the enterprise value in USD when there is one, else the value's. */
const usdOf = (d: DealRow, measure: Measure) => (measure === 'value' ? d.value_usd : d.rank_value_usd);
const hasAmount = (d: DealRow, measure: Measure) => d.value_amount !== null || (measure === 'rankValue' && d.enterprise_value_amount !== null);
/** Whom a deal credits: its acquirer, or each advisor of the role once. */
const creditedIn = (d: DealRow, credit: Credit): string[] =>
  credit === 'acquirer' ? [d.acquirer_id].filter((id): id is string => id !== null) : [...new Set(d.advisors.filter((a) => a.role === credit).map((a) => a.advisor.companyId))];

/** The contract, stated again: a voided deal counts nowhere; the announced basis dates by announcement, closed by closing. */
const dateOf = (basis: Basis, d: DealRow) =>
  d.status === 'voided' ? null : basis === 'announced' ? d.announced_on : d.status === 'closed' ? d.closed_on : null;
const within = (date: string | null, from?: string, to?: string): date is string =>
  date !== null && (!from || date >= from) && (!to || date <= to);
const periodOf = (date: string, interval: Interval) =>
  periodLabel(interval === 'year' ? `${date.slice(0, 4)}-01-01` : interval === 'month' ? `${date.slice(0, 7)}-01` : quarterStart(date), interval);
const quarterStart = (date: string) => `${date.slice(0, 4)}-${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
const plus = (a: string | undefined, b: string | null) => new Decimal(a ?? 0).plus(b ?? 0).toFixed();

function expectedVolume(deals: DealRow[], basis: Basis, interval: Interval, measure: Measure, slicing: Slicing, from?: string, to?: string) {
  const buckets: Record<string, { dealCount: number; valueUsd: string; unconvertedCount: number; byCurrency: Record<string, string> }> = {};
  for (const deal of deals) {
    const date = dateOf(basis, deal);
    if (!within(date, from, to) || !inSlice(deal, slicing)) continue;
    const bucket = (buckets[periodOf(date, interval)] ??= { dealCount: 0, valueUsd: '0', unconvertedCount: 0, byCurrency: {} });
    bucket.dealCount += 1;
    bucket.valueUsd = plus(bucket.valueUsd, usdOf(deal, measure));
    if (hasAmount(deal, measure) && usdOf(deal, measure) === null) bucket.unconvertedCount += 1;
    if (deal.value_amount !== null) bucket.byCurrency[deal.value_currency!] = plus(bucket.byCurrency[deal.value_currency!], deal.value_amount);
  }
  return buckets;
}

function expectedLeague(deals: DealRow[], basis: Basis, credit: Credit, measure: Measure, from?: string, to?: string, slicing: Slicing = {}) {
  const rows: Record<string, { dealCount: number; valueUsd: string | null; unconvertedCount: number }> = {};
  for (const deal of deals) {
    const credits = basis === 'closed' || !['withdrawn', 'terminated'].includes(deal.status);
    if (!credits || !within(dateOf(basis, deal), from, to) || !inSlice(deal, slicing)) continue;
    for (const companyId of creditedIn(deal, credit)) {
      const row = (rows[companyId] ??= { dealCount: 0, valueUsd: null, unconvertedCount: 0 });
      row.dealCount += 1;
      // Null until one of the row's deals has a USD figure.
      const usd = usdOf(deal, measure);
      if (usd !== null) row.valueUsd = plus(row.valueUsd ?? '0', usd);
      else if (hasAmount(deal, measure)) row.unconvertedCount += 1;
    }
  }
  return rows;
}

const byKey = (a: { key: string | null }, b: { key: string | null }) => String(a.key).localeCompare(String(b.key));

/** Decimal strings compared by value, so "5.0" and "5" agree. */
const normalised = (amounts: Record<string, string>) => Object.fromEntries(Object.entries(amounts).map(([k, v]) => [k, new Decimal(v).toFixed()]));

describe('report totals', () => {
  let t: TestApp;
  let deals: DealRow[];

  beforeAll(async () => {
    t = await startTestApp();
    const writer = t.app.get(DealWriter, { strict: false });
    const [histories, loads] = fc.sample(fc.tuple(fc.array(dealHistory, { minLength: 40, maxLength: 40 }), fxLoads), { numRuns: 1, seed: 5 })[0];
    for (const [i, history] of histories.entries()) {
      await postGenerated(writer, history);
      // Rates arrive midway, so some totals change when a later load converts deals already counted.
      if (i % 20 === 10) for (const rates of loads) await t.http.post('/fx-rates').set(auth('admin')).send({ rates }).expect(201);
      // Companies are profiled midway and again at the end: deals move between slices after they were counted.
      if (i === 20 || i === histories.length - 1) await profileCompanies(i === 20 ? 0 : 1);
    }
    // An acquirer whose only deal is in a currency no rate is loaded for: a league row valued null.
    const francs = { type: 'announced', occurredOn: '2023-06-15', acquirer: { name: 'Only Francs AG' }, target: { name: 'Swiss Target SA' } };
    await t.http.post('/deals').set(auth('analyst')).send({ ...francs, value: { amount: '2500000000', currency: 'CHF' } }).expect(201);
    deals = await t.dataSource.query(
      `SELECT status, acquirer_id, announced_on, closed_on, value_amount::text, value_currency, value_usd::text,
         enterprise_value_amount::text, rank_value_usd::text, view->'advisors' AS advisors, acquirer_country, target_country,
         target_sector, cross_border, deal_type FROM deal_views`,
    );
  });

  /** Gives most companies a country and a sector (some none), shifted by `round` so a second round moves deals. */
  async function profileCompanies(round: number): Promise<void> {
    const { items } = (await t.http.get('/companies?limit=200').set(auth('viewer')).expect(200)).body;
    for (const [i, company] of (items as { companyId: string }[]).entries()) {
      if ((i + round) % 5 === 0) continue;
      const facts = { country: COUNTRIES[(i + round) % COUNTRIES.length], ...((i + round) % 4 === 0 ? {} : { sector: SECTORS[(i + round) % SECTORS.length] }) };
      await t.http.patch(`/companies/${company.companyId}`).set(auth('analyst')).send(facts).expect(200);
    }
  }
  afterAll(() => t?.close());

  const day = fc.integer({ min: 0, max: 1_000 }).map((n) => new Date(Date.UTC(2022, 6, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const range = fc
    .record({ from: fc.option(day, { nil: undefined }), to: fc.option(day, { nil: undefined }) })
    .filter(({ from, to }) => !(from && to && from > to));
  const measures = fc.constantFrom<Measure>('value', 'rankValue');
  // No filter, one dimension (one or two values), or two dimensions at once (summed from the deals themselves).
  const someOf = (values: string[]) => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 2 });
  const slicings: fc.Arbitrary<Slicing> = fc.oneof(
    fc.constant({}),
    someOf(COUNTRIES).map((targetCountry) => ({ targetCountry })),
    someOf(COUNTRIES).map((acquirerCountry) => ({ acquirerCountry })),
    someOf(SECTORS).map((targetSector) => ({ targetSector })),
    fc.boolean().map((crossBorder) => ({ crossBorder })),
    fc.tuple(someOf(SECTORS), fc.boolean()).map(([targetSector, crossBorder]) => ({ targetSector, crossBorder })),
  );
  const query = (params: Record<string, string | undefined>) =>
    new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();

  it('has deals of every kind to sum: every status several times, converted and unconverted values', async () => {
    expect(deals.length).toBe(41);
    const coverage = await statusCoverage(t.dataSource);
    for (const [status, n] of Object.entries(coverage)) expect({ status, enough: n >= 3 }).toEqual({ status, enough: true });
    expect(deals.filter((d) => d.value_amount !== null && d.value_usd === null).length).toBeGreaterThanOrEqual(3);
    expect(deals.filter((d) => d.value_usd !== null && d.value_currency !== 'USD').length).toBeGreaterThanOrEqual(3);
    // Acquirers whose deals have no USD figure at all: league rows valued null.
    expect(Object.values(expectedLeague(deals, 'announced', 'acquirer', 'value')).filter((row) => row.valueUsd === null).length).toBeGreaterThanOrEqual(1);
    // Parties in every slice asked for, and deals with and without each fact.
    for (const column of ['acquirer_country', 'target_country', 'target_sector', 'cross_border'] as const) {
      expect(new Set(deals.map((d) => d[column])).size).toBeGreaterThanOrEqual(3);
    }
    // Rank values apart from values, and advisors of both roles, some on several deals.
    expect(deals.filter((d) => d.rank_value_usd !== d.value_usd).length).toBeGreaterThanOrEqual(3);
    for (const role of ['financial', 'legal'] as const) {
      expect(Object.values(expectedLeague(deals, 'announced', role, 'value')).filter((row) => row.dealCount >= 2).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('serves volume buckets equal to the deals summed, for any range and interval', async () => {
    await fc.assert(
      fc.asyncProperty(range, fc.constantFrom<Basis>('announced', 'closed'), fc.constantFrom<Interval>('month', 'quarter', 'year'), measures, slicings, async ({ from, to }, basis, interval, measure, slicing) => {
        const params = { basis, interval, measure, from, to, limit: '200', ...slicingParams(slicing) };
        const res = await t.http.get(`/stats/volume?${query(params)}`).set(auth('viewer')).expect(200);
        const served = Object.fromEntries(
          (res.body.items as { period: string; dealCount: number; valueUsd: string; unconvertedCount: number; byCurrency: Record<string, string> }[])
            .filter((b) => b.dealCount > 0)
            .map(({ period, ...b }) => [period, { ...b, valueUsd: new Decimal(b.valueUsd).toFixed(), byCurrency: normalised(b.byCurrency) }]),
        );
        expect(served).toEqual(expectedVolume(deals, basis, interval, measure, slicing, from, to));
      }),
      { numRuns: 60 },
    );
  });

  it('serves league rows equal to the deals summed, for any range, measure and table', async () => {
    const credits = fc.constantFrom<Credit>('acquirer', 'financial', 'legal');
    await fc.assert(
      fc.asyncProperty(range, fc.constantFrom<Basis>('announced', 'closed'), credits, measures, slicings, async ({ from, to }, basis, credit, measure, slicing) => {
        const table = credit === 'acquirer' ? 'acquirers' : 'advisors';
        const role = credit === 'acquirer' ? undefined : credit;
        const params = { basis, role, measure, from, to, limit: '200', ...slicingParams(slicing) };
        const res = await t.http.get(`/league-tables/${table}?${query(params)}`).set(auth('viewer')).expect(200);
        const served = Object.fromEntries(
          (res.body.items as { company: { companyId: string }; dealCount: number; valueUsd: string | null; unconvertedCount: number }[]).map((row) => [
            row.company.companyId,
            { dealCount: row.dealCount, valueUsd: row.valueUsd && new Decimal(row.valueUsd).toFixed(), unconvertedCount: row.unconvertedCount },
          ]),
        );
        expect(served).toEqual(expectedLeague(deals, basis, credit, measure, from, to, slicing));
      }),
      { numRuns: 60 },
    );
  });

  it('serves breakdowns equal to the deals grouped, for any range, measure and dimension', async () => {
    const dimensions = fc.constantFrom(['targetSector', 'target_sector'], ['targetCountry', 'target_country'], ['acquirerCountry', 'acquirer_country'], ['dealType', 'deal_type']);
    await fc.assert(
      fc.asyncProperty(range, fc.constantFrom<Basis>('announced', 'closed'), measures, dimensions, async ({ from, to }, basis, measure, [by, column]) => {
        const res = await t.http.get(`/stats/breakdown?${query({ by, basis, measure, from, to })}`).set(auth('viewer')).expect(200);
        const groups = new Map<string | null, { key: string | null; dealCount: number; valueUsd: string; unconvertedCount: number }>();
        for (const deal of deals) {
          if (!within(dateOf(basis, deal), from, to)) continue;
          const key = deal[column as keyof DealRow] as string | null;
          const group = groups.get(key) ?? { key, dealCount: 0, valueUsd: '0', unconvertedCount: 0 };
          group.dealCount += 1;
          group.valueUsd = plus(group.valueUsd, usdOf(deal, measure));
          if (hasAmount(deal, measure) && usdOf(deal, measure) === null) group.unconvertedCount += 1;
          groups.set(key, group);
        }
        const served = (res.body.items as { key: string | null; valueUsd: string }[]).map((item) => ({ ...item, valueUsd: new Decimal(item.valueUsd).toFixed() }));
        // Ties in value and count come in key order; compared as sets, then the order by value checked.
        expect([...served].sort(byKey)).toEqual([...groups.values()].sort(byKey));
        const values = served.map((item) => new Decimal(item.valueUsd));
        expect(values.every((v, i) => i === 0 || values[i - 1].greaterThanOrEqualTo(v))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
