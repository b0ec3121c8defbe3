import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API v1.1, part B (slicing GET /deals): the deal type and the target board's attitude as columns of deal_views, so
 * the list filters on them with an index rather than reading every view. Filled by the rebuild the projections
 * version asks for.
 */
export class DealListSlicing1764900000000 implements MigrationInterface {
  name = 'DealListSlicing1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE deal_views ADD COLUMN deal_type text, ADD COLUMN attitude text');
    await db.query('CREATE INDEX deal_views_deal_type ON deal_views (deal_type, announced_on) WHERE deal_type IS NOT NULL');
    await db.query('CREATE INDEX deal_views_attitude ON deal_views (attitude, announced_on) WHERE attitude IS NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE deal_views DROP COLUMN deal_type, DROP COLUMN attitude');
  }
}
