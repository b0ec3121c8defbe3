import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API v1.1, part B (rank value): a deal's enterprise and equity values beside its transaction value, each converted
 * to USD like value_usd, and the rank value (enterprise value in USD when there is one, else the value in USD) that
 * league tables and volume statistics sum with `measure=rankValue`. The totals keep both measures. Filled by the
 * rebuild the projections version asks for.
 */
export class ValueBases1765000000000 implements MigrationInterface {
  name = 'ValueBases1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE deal_views
        ADD COLUMN enterprise_value_amount numeric, ADD COLUMN enterprise_value_currency text,
        ADD COLUMN enterprise_value_usd numeric,
        ADD COLUMN equity_value_amount numeric, ADD COLUMN equity_value_currency text, ADD COLUMN equity_value_usd numeric,
        ADD COLUMN rank_value_usd numeric GENERATED ALWAYS AS (coalesce(enterprise_value_usd, value_usd)) STORED`);
    await db.query(`
      ALTER TABLE acquirer_totals
        ADD COLUMN rank_value_usd numeric NOT NULL DEFAULT 0, ADD COLUMN rank_usd_count integer NOT NULL DEFAULT 0,
        ADD COLUMN rank_unconverted_count integer NOT NULL DEFAULT 0`);
    await db.query(`
      ALTER TABLE volume_totals
        ADD COLUMN rank_value_usd numeric NOT NULL DEFAULT 0, ADD COLUMN rank_unconverted_count integer NOT NULL DEFAULT 0`);
    await db.query(`
      ALTER TYPE report_change
        ADD ATTRIBUTE enterprise_value_amount numeric, ADD ATTRIBUTE rank_value_usd numeric`);
    // Their results gain the rank value's columns: the SQL source creates them again.
    await db.query('DROP FUNCTION IF EXISTS acquirer_deltas(report_change[]), volume_deltas(report_change[])');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TYPE report_change DROP ATTRIBUTE enterprise_value_amount, DROP ATTRIBUTE rank_value_usd');
    await db.query('ALTER TABLE volume_totals DROP COLUMN rank_value_usd, DROP COLUMN rank_unconverted_count');
    await db.query('ALTER TABLE acquirer_totals DROP COLUMN rank_value_usd, DROP COLUMN rank_usd_count, DROP COLUMN rank_unconverted_count');
    await db.query(`
      ALTER TABLE deal_views DROP COLUMN rank_value_usd, DROP COLUMN enterprise_value_amount, DROP COLUMN enterprise_value_currency,
        DROP COLUMN enterprise_value_usd, DROP COLUMN equity_value_amount, DROP COLUMN equity_value_currency, DROP COLUMN equity_value_usd`);
  }
}
