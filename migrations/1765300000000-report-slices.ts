import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API v1.1, part B (slicing reports): the totals kept per slice as well, so league tables and volume statistics
 * filtered by a country, a sector or cross-border (and the breakdowns) sum a few rows as the unfiltered ones do. A
 * slice is '' (every deal) or one dimension's value ('targetCountry:US'); each deal counts in '' and in one slice of
 * each dimension it has a value for (report_slices says which dimensions each table is sliced by). The totals are a projection: recreated empty here, filled by the rebuild the
 * projections version asks for.
 */
export class ReportSlices1765300000000 implements MigrationInterface {
  name = 'ReportSlices1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TYPE report_change
        ADD ATTRIBUTE acquirer_country text, ADD ATTRIBUTE target_country text, ADD ATTRIBUTE target_sector text,
        ADD ATTRIBUTE cross_border boolean, ADD ATTRIBUTE deal_type text`);
    // Their results gain the slice (and they take day_totals_only): the SQL source creates them again.
    await db.query('DROP FUNCTION IF EXISTS credit_deltas(report_change[]), volume_deltas(report_change[])');
    await db.query('DROP TABLE credit_totals');
    await db.query(`
      CREATE TABLE credit_totals (
        basis                  text    NOT NULL,
        credit                 text    NOT NULL,
        slice                  text    NOT NULL,
        grain                  text    NOT NULL,
        period_start           date    NOT NULL,
        company_id             uuid    NOT NULL,
        deal_count             integer NOT NULL,
        value_usd              numeric NOT NULL,
        usd_count              integer NOT NULL,
        unconverted_count      integer NOT NULL,
        rank_value_usd         numeric NOT NULL,
        rank_usd_count         integer NOT NULL,
        rank_unconverted_count integer NOT NULL,
        PRIMARY KEY (basis, credit, slice, grain, period_start, company_id)
      )`);
    await db.query('DROP TABLE volume_totals');
    await db.query(`
      CREATE TABLE volume_totals (
        basis                  text    NOT NULL,
        slice                  text    NOT NULL,
        grain                  text    NOT NULL,
        period_start           date    NOT NULL,
        -- '' for the deals with no value yet.
        currency               text    NOT NULL,
        deal_count             integer NOT NULL,
        value_usd              numeric NOT NULL,
        unconverted_count      integer NOT NULL,
        amount                 numeric NOT NULL,
        rank_value_usd         numeric NOT NULL,
        rank_unconverted_count integer NOT NULL,
        PRIMARY KEY (basis, slice, grain, period_start, currency)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE credit_totals DROP CONSTRAINT credit_totals_pkey, DROP COLUMN slice');
    await db.query('ALTER TABLE credit_totals ADD PRIMARY KEY (basis, credit, grain, period_start, company_id)');
    await db.query('ALTER TABLE volume_totals DROP CONSTRAINT volume_totals_pkey, DROP COLUMN slice');
    await db.query('ALTER TABLE volume_totals ADD PRIMARY KEY (basis, grain, period_start, currency)');
    await db.query(`
      ALTER TYPE report_change DROP ATTRIBUTE acquirer_country, DROP ATTRIBUTE target_country,
        DROP ATTRIBUTE target_sector, DROP ATTRIBUTE cross_border, DROP ATTRIBUTE deal_type`);
  }
}
