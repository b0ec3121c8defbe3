import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pre-aggregated totals for the league tables and volume statistics: per basis, per day, month, quarter and year,
 * per acquirer (acquirer_totals) and per currency (volume_totals). What they sum and the trigger that keeps them
 * are in src/report-totals/report-totals.sql; a database upgraded past this migration has its read tables rebuilt
 * at start, which fills them (src/rebuild/read-tables-version.ts).
 */
export class ReportTotals1764246300000 implements MigrationInterface {
  name = 'ReportTotals1764246300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE acquirer_totals (
        basis        text    NOT NULL,
        grain        text    NOT NULL,
        period_start date    NOT NULL,
        acquirer_id  uuid    NOT NULL,
        deal_count   integer NOT NULL,
        value_usd    numeric NOT NULL,
        PRIMARY KEY (basis, grain, period_start, acquirer_id)
      )`);
    await db.query(`
      CREATE TABLE volume_totals (
        basis             text    NOT NULL,
        grain             text    NOT NULL,
        period_start      date    NOT NULL,
        -- '' for the deals with no value yet.
        currency          text    NOT NULL,
        deal_count        integer NOT NULL,
        value_usd         numeric NOT NULL,
        unconverted_count integer NOT NULL,
        amount            numeric NOT NULL,
        PRIMARY KEY (basis, grain, period_start, currency)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE volume_totals');
    await db.query('DROP TABLE acquirer_totals');
  }
}
