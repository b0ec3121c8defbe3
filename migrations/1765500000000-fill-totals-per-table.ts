import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rebuild fills its two totals tables at once, each with its own function (fill_credit_totals, fill_volume_totals in
 * report-totals.sql), so the one that filled both goes. Down has nothing to do: the release before applies its SQL
 * source at every start, which creates fill_report_totals again.
 */
export class FillTotalsPerTable1765500000000 implements MigrationInterface {
  name = 'FillTotalsPerTable1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION IF EXISTS fill_report_totals()');
  }

  async down(): Promise<void> {}
}
