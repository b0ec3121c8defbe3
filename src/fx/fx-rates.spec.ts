// Given FX rates, when a deal's value is converted (deal_value_usd, fx-rates.sql: what deal_views.value_usd and
// therefore the report totals hold), then the USD figure of the right day. Run against the database the rule lives in.
import type { DataSource } from 'typeorm';
import { openMigratedDatabase } from '../../test/support/test-database.js';

let db: Awaited<ReturnType<typeof openMigratedDatabase>>;
let dataSource: DataSource;

beforeAll(async () => {
  db = await openMigratedDatabase();
  dataSource = db.dataSource;
  const load = (rates: object[], recordedAt: string) =>
    dataSource.query('SELECT project_fx_rates($1::jsonb, $2::timestamptz)', [JSON.stringify(rates), recordedAt]);
  await load(
    [
      { date: '2024-01-31', currency: 'GBP', usd: '1.25' },
      { date: '2024-06-28', currency: 'GBP', usd: '1.5' },
    ],
    '2024-07-01T00:00:00Z',
  );
  // A correction of the January rate, loaded later: today's figure; a knownAt read before it keeps the first one.
  await load([{ date: '2024-01-31', currency: 'EUR', usd: '1.08' }], '2024-07-01T00:00:00Z');
  await load([{ date: '2024-01-31', currency: 'EUR', usd: '1.09' }], '2024-08-01T00:00:00Z');
});
afterAll(() => db?.close());

const converted = async (deal: { reported?: string; amount?: string; currency?: string; announcedOn?: string; rumoredOn?: string; knownAt?: string }) => {
  const [row] = await dataSource.query('SELECT deal_value_usd($1::numeric, $2::numeric, $3, $4::date, $5::date, $6::timestamptz)::text AS usd', [
    deal.reported ?? null,
    deal.amount ?? null,
    deal.currency ?? null,
    deal.announcedOn ?? null,
    deal.rumoredOn ?? null,
    deal.knownAt ?? null,
  ]);
  return row.usd as string | null;
};

describe('a deal value in USD', () => {
  it('is converted at the latest rate on or before the announcement, whenever the deal closes', async () => {
    expect(await converted({ amount: '100', currency: 'GBP', announcedOn: '2024-03-01' })).toBe('125');
    expect(await converted({ amount: '100', currency: 'GBP', announcedOn: '2024-06-28' })).toBe('150');
  });

  it('is dated by the announcement even when the rumour came before the rate changed', async () => {
    expect(await converted({ amount: '100', currency: 'GBP', rumoredOn: '2024-02-01', announcedOn: '2024-07-01' })).toBe('150');
  });

  it('is dated by the rumour when the deal was never announced', async () => {
    expect(await converted({ amount: '100', currency: 'GBP', rumoredOn: '2024-02-01' })).toBe('125');
  });

  it('is the USD figure reported with the value, when there is one, whatever the rates', async () => {
    expect(await converted({ reported: '130', amount: '100', currency: 'GBP', announcedOn: '2024-03-01' })).toBe('130');
  });

  it('is unknown before the first rate of its currency, or in a currency with no rates', async () => {
    expect(await converted({ amount: '100', currency: 'GBP', announcedOn: '2024-01-30' })).toBeNull();
    expect(await converted({ amount: '100', currency: 'JPY', announcedOn: '2024-03-01' })).toBeNull();
  });

  it('is rounded to cents without trailing zeros', async () => {
    expect(await converted({ amount: '10.005', currency: 'GBP', announcedOn: '2024-03-01' })).toBe('12.51');
  });

  describe('as it was known at a time (knownAt)', () => {
    const eurDeal = { amount: '100', currency: 'EUR', announcedOn: '2024-03-01' };

    it('uses only the rates loaded by then', async () => {
      expect(await converted({ ...eurDeal, knownAt: '2024-06-30T23:59:59Z' })).toBeNull();
      expect(await converted({ ...eurDeal, knownAt: '2024-07-15T00:00:00Z' })).toBe('108');
      expect(await converted({ ...eurDeal, knownAt: '2024-08-01T00:00:00Z' })).toBe('109');
    });

    it('is today’s figure without a time', async () => {
      expect(await converted(eurDeal)).toBe('109');
    });
  });
});
