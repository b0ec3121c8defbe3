import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two deal_views indexes that no query's plan uses (bench/workloads/index-plans.mjs, 100,000 deals), each a cost on
 * every write of a deal. deal_views_closed: a closing-date range on GET /deals is read in the list's own order
 * (announced_on) and filtered. deal_views_fx: it was for an FX load's re-conversion, which now looks for three
 * currencies per deal (value, enterprise value, equity value) and reads the table whole.
 */
export class UnusedDealViewIndexes1765400000000 implements MigrationInterface {
  name = 'UnusedDealViewIndexes1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS deal_views_closed');
    await db.query('DROP INDEX IF EXISTS deal_views_fx');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('CREATE INDEX deal_views_closed ON deal_views (closed_on, deal_id) WHERE closed_on IS NOT NULL');
    await db.query('CREATE INDEX deal_views_fx ON deal_views (value_currency) WHERE value_usd_reported IS NULL');
  }
}
