import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API v1.1, part B (companies as reference data): company_views, the facts and merges of each company projected from
 * its own stream; company_names.match_key, the legal-form-blind spelling names are matched by; and the parties'
 * countries and sectors denormalised into deal_views (with cross_border derived from them), so deal lists filter on
 * them with an index. Read tables: the rebuild the projections version asks for fills them.
 */
export class CompanyReferenceData1765200000000 implements MigrationInterface {
  name = 'CompanyReferenceData1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE company_views (
        company_id   uuid        PRIMARY KEY,
        country      text,
        sector       text,
        naics        text,
        listing      text,
        ticker       text,
        lei          text,
        display_name text,
        -- Set once the company was merged into another (always one not merged itself).
        merged_into  uuid,
        version      integer     NOT NULL,
        updated_at   timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX company_views_merged_into ON company_views (merged_into) WHERE merged_into IS NOT NULL');
    await db.query("ALTER TABLE company_names ADD COLUMN match_key text NOT NULL DEFAULT ''");
    await db.query('ALTER TABLE company_names ALTER COLUMN match_key DROP DEFAULT');
    await db.query('CREATE INDEX company_names_match_key ON company_names (match_key, first_seen_at)');
    await db.query(`
      ALTER TABLE deal_views
        ADD COLUMN acquirer_country text, ADD COLUMN acquirer_sector text,
        ADD COLUMN target_country text, ADD COLUMN target_sector text,
        ADD COLUMN seller_country text, ADD COLUMN seller_sector text,
        ADD COLUMN cross_border boolean GENERATED ALWAYS AS (
          CASE WHEN acquirer_country IS NOT NULL AND target_country IS NOT NULL THEN acquirer_country <> target_country END
        ) STORED`);
    for (const column of ['acquirer_country', 'acquirer_sector', 'target_country', 'target_sector']) {
      await db.query(`CREATE INDEX deal_views_${column} ON deal_views (${column}, announced_on) WHERE ${column} IS NOT NULL`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE deal_views DROP COLUMN cross_border, DROP COLUMN acquirer_country, DROP COLUMN acquirer_sector,
        DROP COLUMN target_country, DROP COLUMN target_sector, DROP COLUMN seller_country, DROP COLUMN seller_sector`);
    await db.query('ALTER TABLE company_names DROP COLUMN match_key');
    await db.query('DROP TABLE company_views');
  }
}
