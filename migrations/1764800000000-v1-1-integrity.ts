import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API v1.1, part A (integrity):
 * - league-table rows say how many of their deals have a USD figure and how many have a value but none
 *   (acquirer_totals.usd_count, unconverted_count; filled by the rebuild the projections version asks for);
 * - `knownAt` reads leave out FX rates recorded after it: every load's rates are kept with their recording time
 *   (fx_rate_history, filled by the rebuild from the fx-rates stream);
 * - the functions whose arguments changed for that are dropped here; the SQL source creates them again.
 */
export class V11Integrity1764800000000 implements MigrationInterface {
  name = 'V11Integrity1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE acquirer_totals
        ADD COLUMN usd_count integer NOT NULL DEFAULT 0,
        ADD COLUMN unconverted_count integer NOT NULL DEFAULT 0`);
    await db.query(`
      CREATE TABLE fx_rate_history (
        currency    text        NOT NULL,
        rate_date   date        NOT NULL,
        usd         numeric     NOT NULL CHECK (usd > 0),
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (currency, rate_date, recorded_at)
      )`);
    await db.query('DROP FUNCTION IF EXISTS deal_value_usd(numeric, numeric, text, date, date)');
    await db.query('DROP FUNCTION IF EXISTS project_fx_rates(jsonb)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE fx_rate_history');
    await db.query('ALTER TABLE acquirer_totals DROP COLUMN usd_count, DROP COLUMN unconverted_count');
  }
}
