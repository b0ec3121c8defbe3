// Given FX rates, when a deal's value is converted (deal_value_usd, fx-rates.sql: what deal_views.value_usd and
// therefore the report totals hold), then the USD figure of the right day. Run against the database the rule lives in.
import type { DataSource } from 'typeorm';
import { openMigratedDatabase } from '../../test/support/test-database.js';

let db: Awaited<ReturnType<typeof openMigratedDatabase>>;
let dataSource: DataSource;

beforeAll(async () => {
  db = await openMigratedDatabase();
  dataSource = db.dataSource;
  await dataSource.query(`SELECT project_fx_rates($1::jsonb)`, [
    JSON.stringify([
      { date: '2024-01-31', currency: 'GBP', usd: '1.25' },
      { date: '2024-06-28', currency: 'GBP', usd: '1.5' },
    ]),
  ]);
});
afterAll(() => db?.close());

const converted = async (deal: { reported?: string; amount?: string; currency?: string; announcedOn?: string; rumoredOn?: string }) => {
  const [row] = await dataSource.query('SELECT deal_value_usd($1::numeric, $2::numeric, $3, $4::date, $5::date)::text AS usd', [
    deal.reported ?? null,
    deal.amount ?? null,
    deal.currency ?? null,
    deal.announcedOn ?? null,
    deal.rumoredOn ?? null,
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
});
