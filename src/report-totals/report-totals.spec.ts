// Given a deal_views row as it was and as it is, when the report totals trigger runs, then the differences it adds
// to each total (report-totals.sql: credit_deltas and volume_deltas). Run against the database the totals live in.
import type { DataSource } from 'typeorm';
import { openMigratedDatabase } from '../../test/support/test-database.js';

interface DealRow {
  status: string;
  acquirer_id?: string;
  announced_on?: string;
  closed_on?: string;
  value_amount?: string;
  value_currency?: string;
  value_usd?: string;
  enterprise_value_amount?: string;
  /** As deal_views computes it: the enterprise value in USD when there is one, else value_usd. */
  rank_value_usd?: string;
  financial_advisor_ids?: string[];
  legal_advisor_ids?: string[];
  acquirer_country?: string;
  target_country?: string;
  target_sector?: string;
  cross_border?: boolean;
  deal_type?: string;
}

const ACQUIRER = '0b7c3a52-6f1e-4c8e-9a4b-2f3d5e6a7b8c';
const pending: DealRow = {
  status: 'pending', acquirer_id: ACQUIRER, announced_on: '2024-02-15', value_amount: '100', value_currency: 'GBP', value_usd: '127', rank_value_usd: '127',
};
/** The rank value's figures of a deal ranked by its value, as the deltas list them. */
const rank = (usd: string, count: number) => ({ rank_value_usd: usd, rank_usd_count: count, rank_unconverted_count: 0 });
const volumeRank = (usd: string) => ({ rank_value_usd: usd, rank_unconverted_count: 0 });

let db: Awaited<ReturnType<typeof openMigratedDatabase>>;
let dataSource: DataSource;

beforeAll(async () => {
  db = await openMigratedDatabase();
  dataSource = db.dataSource;
});
afterAll(() => db?.close());

/** The totals' differences when a deal row goes from `was` to `is` (either may be absent: an insert, a delete). */
async function when(was: DealRow | null, is: DealRow | null, table: 'credit_deltas' | 'volume_deltas', grain = 'month', slice = '') {
  const changes = [...(was ? [{ ...was, sign: -1 }] : []), ...(is ? [{ ...is, sign: 1 }] : [])];
  const rows: Record<string, any>[] = await dataSource.query(
    `SELECT d.*, d.period_start::text AS period_start FROM ${table}(
       ARRAY(SELECT jsonb_populate_record(NULL::report_change, c) FROM jsonb_array_elements($1::jsonb) c)) d
     WHERE d.grain = $2 AND d.slice = $3 ORDER BY d.basis, d.period_start`,
    [JSON.stringify(changes), grain, slice],
  );
  return rows.map(({ slice: _slice, ...row }) => row);
}

/** The slices a change touches, whatever the grain. */
async function slicesOf(was: DealRow | null, is: DealRow | null, table: 'credit_deltas' | 'volume_deltas') {
  const changes = [...(was ? [{ ...was, sign: -1 }] : []), ...(is ? [{ ...is, sign: 1 }] : [])];
  const rows: { slice: string }[] = await dataSource.query(
    `SELECT DISTINCT d.slice FROM ${table}(ARRAY(SELECT jsonb_populate_record(NULL::report_change, c) FROM jsonb_array_elements($1::jsonb) c)) d
     WHERE d.grain = 'year' ORDER BY 1`,
    [JSON.stringify(changes)],
  );
  return rows.map((r) => r.slice);
}

describe('acquirer totals', () => {
  it('an announced deal credits its acquirer in the month of its announcement', async () => {
    expect(await when(null, pending, 'credit_deltas')).toEqual([
      { basis: 'announced', grain: 'month', period_start: '2024-02-01', credit: 'acquirer', company_id: ACQUIRER, deal_count: 1, value_usd: '127', usd_count: 1, unconverted_count: 0, ...rank('127', 1) },
    ]);
  });

  it('closing moves nothing on the announced basis and adds the deal on the closed basis, by its closing day', async () => {
    const closed = { ...pending, status: 'closed', closed_on: '2024-07-03' };
    expect(await when(pending, closed, 'credit_deltas', 'day')).toEqual([
      { basis: 'closed', grain: 'day', period_start: '2024-07-03', credit: 'acquirer', company_id: ACQUIRER, deal_count: 1, value_usd: '127', usd_count: 1, unconverted_count: 0, ...rank('127', 1) },
    ]);
  });

  it('a withdrawn or terminated deal no longer credits its acquirer', async () => {
    for (const status of ['withdrawn', 'terminated']) {
      expect(await when(pending, { ...pending, status }, 'credit_deltas')).toEqual([
        { basis: 'announced', grain: 'month', period_start: '2024-02-01', credit: 'acquirer', company_id: ACQUIRER, deal_count: -1, value_usd: '-127', usd_count: -1, unconverted_count: 0, ...rank('-127', -1) },
      ]);
    }
  });

  it('a rumour credits nobody; nor does a change no total sees', async () => {
    expect(await when(null, { status: 'rumored', acquirer_id: ACQUIRER, value_amount: '5', value_currency: 'USD', value_usd: '5' }, 'credit_deltas')).toEqual([]);
    expect(await when(pending, { ...pending }, 'credit_deltas')).toEqual([]);
  });

  it('a value converted later (an FX load) changes the sum and which deals have a USD figure, not the count', async () => {
    const unconverted = { ...pending, value_usd: undefined, rank_value_usd: undefined };
    expect(await when(unconverted, pending, 'credit_deltas', 'year')).toEqual([
      {
        basis: 'announced', grain: 'year', period_start: '2024-01-01', credit: 'acquirer', company_id: ACQUIRER, deal_count: 0, value_usd: '127', usd_count: 1,
        unconverted_count: -1, rank_value_usd: '127', rank_usd_count: 1, rank_unconverted_count: -1,
      },
    ]);
  });

  it('the rank value is the enterprise value in USD when there is one; unconverted, it counts as such for that measure only', async () => {
    const withEnterpriseValue = { ...pending, enterprise_value_amount: '200', rank_value_usd: '254' };
    expect(await when(null, withEnterpriseValue, 'credit_deltas')).toMatchObject([
      { deal_count: 1, value_usd: '127', usd_count: 1, unconverted_count: 0, rank_value_usd: '254', rank_usd_count: 1, rank_unconverted_count: 0 },
    ]);
    const enterpriseValueUnconverted = { ...pending, enterprise_value_amount: '200', value_amount: undefined, value_usd: undefined, rank_value_usd: undefined };
    expect(await when(null, enterpriseValueUnconverted, 'credit_deltas')).toMatchObject([
      { deal_count: 1, value_usd: '0', usd_count: 0, unconverted_count: 0, rank_value_usd: '0', rank_usd_count: 0, rank_unconverted_count: 1 },
    ]);
    expect(await when(null, enterpriseValueUnconverted, 'volume_deltas')).toMatchObject([
      { currency: '', deal_count: 1, value_usd: '0', unconverted_count: 0, rank_value_usd: '0', rank_unconverted_count: 1 },
    ]);
  });
});

describe('advisor credits', () => {
  const GOLDMAN = '1c6f0e4a-8d2b-4f3e-9a1c-5b7d9e0f2a3b';
  const WACHTELL = '2d7a1f5b-9e3c-4a4f-8b2d-6c8e0f1a3b4c';
  const advised = { ...pending, financial_advisor_ids: [GOLDMAN], legal_advisor_ids: [WACHTELL] };

  it('credits each advisor in its role with the deal, as the acquirer is credited', async () => {
    const rows = await when(null, advised, 'credit_deltas');
    expect(rows.map((r: Record<string, any>) => [r.credit, r.company_id])).toEqual(
      expect.arrayContaining([['acquirer', ACQUIRER], ['financial', GOLDMAN], ['legal', WACHTELL]]),
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ deal_count: 1, value_usd: '127', usd_count: 1 });
  });

  it('takes the credit back when the deal falls through, and credits nobody for a rumour', async () => {
    expect(await when(advised, { ...advised, status: 'terminated' }, 'credit_deltas')).toHaveLength(3);
    expect(await when(null, { ...advised, status: 'rumored', announced_on: undefined }, 'credit_deltas')).toEqual([]);
  });
});

describe('slices', () => {
  const profiled = { ...pending, acquirer_country: 'CH', target_country: 'IT', target_sector: 'communication_services', cross_border: true, deal_type: 'acquisition' };

  it('counts a deal in every deal, and once per dimension it has a value for; credits by every dimension but the deal type', async () => {
    expect(await slicesOf(null, profiled, 'credit_deltas')).toEqual([
      '', 'acquirerCountry:CH', 'crossBorder:true', 'targetCountry:IT', 'targetSector:communication_services',
    ]);
    expect(await slicesOf(null, profiled, 'volume_deltas')).toEqual([
      '', 'acquirerCountry:CH', 'crossBorder:true', 'dealType:acquisition', 'targetCountry:IT', 'targetSector:communication_services',
    ]);
    expect(await slicesOf(null, pending, 'volume_deltas')).toEqual(['']);
  });

  it('moves a deal between slices when a company is profiled again', async () => {
    const moved = { ...profiled, target_country: 'CH', cross_border: false };
    expect(await when(profiled, moved, 'volume_deltas', 'year', 'crossBorder:true')).toMatchObject([{ deal_count: -1, value_usd: '-127' }]);
    expect(await when(profiled, moved, 'volume_deltas', 'year', 'crossBorder:false')).toMatchObject([{ deal_count: 1, value_usd: '127' }]);
    expect(await when(profiled, moved, 'volume_deltas', 'year', '')).toEqual([]);
  });
});

describe('volume totals', () => {
  it('counts an announced deal per currency, with its amount, USD value and whether it lacks a USD figure', async () => {
    expect(await when(null, pending, 'volume_deltas', 'quarter')).toEqual([
      { basis: 'announced', grain: 'quarter', period_start: '2024-01-01', currency: 'GBP', deal_count: 1, value_usd: '127', unconverted_count: 0, amount: '100', ...volumeRank('127') },
    ]);
  });

  it('unconverted_count: a value with no USD figure counts once, then not once it is converted', async () => {
    const unconverted = { ...pending, value_usd: undefined, rank_value_usd: undefined };
    expect(await when(null, unconverted, 'volume_deltas')).toMatchObject([{ deal_count: 1, value_usd: '0', unconverted_count: 1, amount: '100' }]);
    expect(await when(unconverted, pending, 'volume_deltas')).toMatchObject([{ deal_count: 0, value_usd: '127', unconverted_count: -1, amount: '0' }]);
  });

  it("a deal with no value yet counts under currency '' and is not unconverted", async () => {
    const noValue = { status: 'pending', acquirer_id: ACQUIRER, announced_on: '2024-02-15' };
    expect(await when(null, noValue, 'volume_deltas')).toMatchObject([{ currency: '', deal_count: 1, value_usd: '0', unconverted_count: 0, amount: '0' }]);
  });

  it('a withdrawn deal still counts in the announced volume (announcements, whatever happened later)', async () => {
    expect(await when(pending, { ...pending, status: 'withdrawn' }, 'volume_deltas')).toEqual([]);
  });

  it('dates a closed deal by its closing, and converts its value as the view did (at the announcement)', async () => {
    const closed = { ...pending, status: 'closed', closed_on: '2025-01-02' };
    expect(await when(pending, closed, 'volume_deltas', 'year')).toEqual([
      { basis: 'closed', grain: 'year', period_start: '2025-01-01', currency: 'GBP', deal_count: 1, value_usd: '127', unconverted_count: 0, amount: '100', ...volumeRank('127') },
    ]);
  });
});
