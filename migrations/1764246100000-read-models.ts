import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read tables the acquisition views are served from. All are projections of the log: they can be dropped
 * and rebuilt from `events` (npm run projections:rebuild), and each row records what it last applied.
 */
export class ReadModels1764246100000 implements MigrationInterface {
  name = 'ReadModels1764246100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE deal_views (
        deal_id            uuid        PRIMARY KEY,
        status             text        NOT NULL,
        acquirer_id        uuid,
        acquirer_name      text,
        target_id          uuid,
        target_name        text,
        seller_id          uuid,
        seller_name        text,
        rumored_on         date,
        announced_on       date,
        closed_on          date,
        ended_on           date,
        -- The deal's current value, and the USD amount the same event reported for it (if any).
        value_amount       numeric,
        value_currency     text,
        value_usd_reported numeric,
        -- The value in USD: reported, else converted at the FX rate on or before the announcement (or rumour).
        value_usd          numeric,
        -- The whole deal view as GET /deals/{dealId} serves it, but for valueUsd, which is read from value_usd.
        view               json        NOT NULL,
        -- The last stream version applied: re-applying an older or equal version changes nothing.
        version            integer     NOT NULL,
        updated_at         timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX deal_views_announced ON deal_views (announced_on, deal_id)');
    await db.query('CREATE INDEX deal_views_closed ON deal_views (closed_on, deal_id) WHERE closed_on IS NOT NULL');
    await db.query('CREATE INDEX deal_views_value_usd ON deal_views (value_usd, deal_id)');
    await db.query('CREATE INDEX deal_views_updated ON deal_views (updated_at, deal_id)');
    await db.query('CREATE INDEX deal_views_status ON deal_views (status, announced_on)');
    await db.query('CREATE INDEX deal_views_acquirer ON deal_views (acquirer_id)');
    await db.query('CREATE INDEX deal_views_target ON deal_views (target_id)');
    await db.query('CREATE INDEX deal_views_seller ON deal_views (seller_id) WHERE seller_id IS NOT NULL');
    await db.query('CREATE INDEX deal_views_fx ON deal_views (value_currency) WHERE value_usd_reported IS NULL');

    // Every spelling a company has been seen under, and its normalised form (case, accents, punctuation, spacing)
    // that new parties are matched on.
    await db.query(`
      CREATE TABLE company_names (
        company_id      uuid        NOT NULL,
        name            text        NOT NULL,
        normalized_name text        NOT NULL,
        first_seen_at   timestamptz NOT NULL,
        last_seen_at    timestamptz NOT NULL,
        PRIMARY KEY (company_id, name)
      )`);
    await db.query('CREATE INDEX company_names_normalized ON company_names (normalized_name, first_seen_at)');

    // FX reference rates: the USD value of one unit of `currency` on `rate_date` (projected from fx-rates events).
    await db.query(`
      CREATE TABLE fx_rates (
        currency  text    NOT NULL,
        rate_date date    NOT NULL,
        usd       numeric NOT NULL CHECK (usd > 0),
        PRIMARY KEY (currency, rate_date)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE fx_rates');
    await db.query('DROP TABLE company_names');
    await db.query('DROP TABLE deal_views');
  }
}
