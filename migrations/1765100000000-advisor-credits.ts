import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API v1.1, part B (advisors): a deal's financial and legal advisors as columns of deal_views (for the deal list's
 * filter and the totals trigger), and the acquirer totals widened into credit_totals: the same sums per company
 * credited, for each kind of credit (the acquirer, a financial or a legal advisor), so the acquirer and advisor league
 * tables are read alike. The totals are a projection: the rebuild the projections version asks for fills them.
 */
export class AdvisorCredits1765100000000 implements MigrationInterface {
  name = 'AdvisorCredits1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE deal_views
        ADD COLUMN financial_advisor_ids uuid[] NOT NULL DEFAULT '{}', ADD COLUMN legal_advisor_ids uuid[] NOT NULL DEFAULT '{}'`);
    await db.query('CREATE INDEX deal_views_advisors ON deal_views USING gin ((financial_advisor_ids || legal_advisor_ids))');
    await db.query('DROP TABLE acquirer_totals');
    await db.query(`
      CREATE TABLE credit_totals (
        basis                  text    NOT NULL,
        -- 'acquirer', 'financial' or 'legal' (an advisor of that role).
        credit                 text    NOT NULL,
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
        PRIMARY KEY (basis, credit, grain, period_start, company_id)
      )`);
    await db.query('ALTER TYPE report_change ADD ATTRIBUTE financial_advisor_ids uuid[], ADD ATTRIBUTE legal_advisor_ids uuid[]');
    // Replaced by credit_deltas; report_entries' result column is renamed (credits_companies): the SQL source
    // creates it again.
    await db.query('DROP FUNCTION IF EXISTS acquirer_deltas(report_change[]), report_entries(text, date, date)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TYPE report_change DROP ATTRIBUTE financial_advisor_ids, DROP ATTRIBUTE legal_advisor_ids');
    await db.query('DROP TABLE credit_totals');
    await db.query(`
      CREATE TABLE acquirer_totals (
        basis text NOT NULL, grain text NOT NULL, period_start date NOT NULL, acquirer_id uuid NOT NULL,
        deal_count integer NOT NULL, value_usd numeric NOT NULL, usd_count integer NOT NULL, unconverted_count integer NOT NULL,
        rank_value_usd numeric NOT NULL DEFAULT 0, rank_usd_count integer NOT NULL DEFAULT 0,
        rank_unconverted_count integer NOT NULL DEFAULT 0,
        PRIMARY KEY (basis, grain, period_start, acquirer_id)
      )`);
    await db.query('DROP INDEX deal_views_advisors');
    await db.query('ALTER TABLE deal_views DROP COLUMN financial_advisor_ids, DROP COLUMN legal_advisor_ids');
  }
}
