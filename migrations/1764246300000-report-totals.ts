import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DealWriteFunctions1764246200000 } from './1764246200000-deal-write-functions.js';

/**
 * Pre-aggregated totals for the league tables and volume statistics, so a dashboard sums a few thousand rows
 * instead of every deal: per basis, per day, month, quarter and year, per acquirer (acquirer_totals) and per
 * currency (volume_totals). A query covers its date range with whole years, then quarters, months and days.
 *
 * A statement-level trigger on deal_views keeps them exact whoever writes the views (deal writes, FX loads, a
 * rebuild's catch-up): it subtracts what the old rows contributed, adds what the new rows contribute, and applies
 * the differences in key order, so two writers never wait on each other's totals in a cycle. For that, the deal
 * write path now projects a whole batch's views in one statement, after all its appends (deal_append_batch).
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

    await db.query(`
      CREATE FUNCTION deal_views_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${applyDeltas(`SELECT ${CHANGE_COLUMNS}, 1 AS sign FROM new_rows`)}
        ELSIF TG_OP = 'UPDATE' THEN
          ${applyDeltas(`SELECT ${CHANGE_COLUMNS}, -1 AS sign FROM old_rows UNION ALL SELECT ${CHANGE_COLUMNS}, 1 FROM new_rows`)}
        ELSE
          ${applyDeltas(`SELECT ${CHANGE_COLUMNS}, -1 AS sign FROM old_rows`)}
        END IF;
        RETURN NULL;
      END
      $$`);
    // Fills empty totals from deal_views (as the search_path resolves both): this migration and every rebuild.
    // Plain inserts, with the memory to aggregate a whole table's deals without spilling to disk.
    const everyDeal = `SELECT ${CHANGE_COLUMNS}, 1 AS sign FROM deal_views`;
    await db.query(`
      CREATE FUNCTION fill_report_totals() RETURNS void LANGUAGE plpgsql SET work_mem = '256MB' AS $$
      BEGIN
        INSERT INTO acquirer_totals ${columnsOf('acquirer_totals')} ${acquirerDeltas(everyDeal)};
        INSERT INTO volume_totals ${columnsOf('volume_totals')} ${volumeDeltas(everyDeal)};
      END
      $$`);
    // Transition tables allow one event per trigger, hence three.
    await db.query(`
      CREATE FUNCTION create_report_totals_triggers(target regclass) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('CREATE TRIGGER deal_views_totals_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION deal_views_totals()', target);
        EXECUTE format('CREATE TRIGGER deal_views_totals_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows
          NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_views_totals()', target);
        EXECUTE format('CREATE TRIGGER deal_views_totals_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows
          FOR EACH STATEMENT EXECUTE FUNCTION deal_views_totals()', target);
      END
      $$`);
    await db.query('SELECT fill_report_totals()');
    await db.query(`SELECT create_report_totals_triggers('deal_views')`);

    await replaceWritePath(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER deal_views_totals_insert ON deal_views');
    await db.query('DROP TRIGGER deal_views_totals_update ON deal_views');
    await db.query('DROP TRIGGER deal_views_totals_delete ON deal_views');
    await db.query('DROP FUNCTION create_report_totals_triggers(regclass)');
    await db.query('DROP FUNCTION fill_report_totals()');
    await db.query('DROP FUNCTION deal_views_totals()');
    await db.query('DROP TABLE volume_totals');
    await db.query('DROP TABLE acquirer_totals');
    // Back to the write path as the previous migration made it.
    for (const fn of ['deal_append_batch', 'deal_append', 'project_company_names', 'project_deal_views']) {
      await db.query(`DROP FUNCTION ${fn}(jsonb)`);
    }
    await new DealWriteFunctions1764246200000().up(db);
  }
}

const CHANGE_COLUMNS = 'status, acquirer_id, announced_on, closed_on, value_amount, value_currency, value_usd';

const GRAINS = `(VALUES ('day'), ('month'), ('quarter'), ('year')) AS g(grain)`;
const PERIOD = `date_trunc(g.grain, f.day::timestamp)::date`;

/**
 * What a set of signed deal rows (+1 new, -1 old) adds to each total. The bases are those the queries read:
 * the league table credits an acquirer for announced deals that did not fall through, and for closed deals; the
 * volume statistics count every announced deal, and closed deals.
 */
const acquirerDeltas = (changes: string) => `
  WITH changes AS (${changes}), f AS (
    SELECT 'announced' AS basis, announced_on AS day, acquirer_id, value_usd, sign FROM changes
    WHERE acquirer_id IS NOT NULL AND announced_on IS NOT NULL AND status NOT IN ('withdrawn', 'terminated')
    UNION ALL
    SELECT 'closed', closed_on, acquirer_id, value_usd, sign FROM changes
    WHERE acquirer_id IS NOT NULL AND status = 'closed' AND closed_on IS NOT NULL
  )
  SELECT f.basis, g.grain, ${PERIOD} AS period_start, f.acquirer_id,
    sum(f.sign)::int AS deal_count, trim_scale(coalesce(sum(f.sign * f.value_usd), 0)) AS value_usd
  FROM f CROSS JOIN ${GRAINS}
  GROUP BY 1, 2, 3, 4
  HAVING sum(f.sign) <> 0 OR coalesce(sum(f.sign * f.value_usd), 0) <> 0`;

const volumeDeltas = (changes: string) => `
  WITH changes AS (${changes}), f AS (
    SELECT 'announced' AS basis, announced_on AS day, value_amount, value_currency, value_usd, sign FROM changes
    WHERE announced_on IS NOT NULL
    UNION ALL
    SELECT 'closed', closed_on, value_amount, value_currency, value_usd, sign FROM changes
    WHERE status = 'closed' AND closed_on IS NOT NULL
  ), d AS (
    SELECT f.basis, g.grain, ${PERIOD} AS period_start,
      CASE WHEN f.value_amount IS NULL THEN '' ELSE f.value_currency END AS currency,
      sum(f.sign)::int AS deal_count, trim_scale(coalesce(sum(f.sign * f.value_usd), 0)) AS value_usd,
      coalesce(sum(f.sign) FILTER (WHERE f.value_amount IS NOT NULL AND f.value_usd IS NULL), 0)::int AS unconverted_count,
      trim_scale(coalesce(sum(f.sign * f.value_amount), 0)) AS amount
    FROM f CROSS JOIN ${GRAINS}
    GROUP BY 1, 2, 3, 4
  )
  SELECT * FROM d WHERE deal_count <> 0 OR value_usd <> 0 OR unconverted_count <> 0 OR amount <> 0`;

/**
 * Adds the deltas in key order, then deletes the totals they emptied, so the tables hold exactly what a rebuild
 * fills them with (every total counts at least one deal: a count of zero means nothing is left). For the same
 * reason sums are stored with trailing zeros trimmed: 1.50 - 0.50 is kept as 1, as a rebuild would sum it.
 */
const applyDeltas = (changes: string) => `
  DECLARE emptied jsonb;
  BEGIN
    ${addToTotals('acquirer_totals', acquirerDeltas(changes))}
    ${addToTotals('volume_totals', volumeDeltas(changes))}
  END;`;

/** Each totals table: its key after basis, grain and period_start, and what it sums besides deal_count. */
const TOTALS = {
  acquirer_totals: { keys: ['acquirer_id'], sums: ['value_usd'] },
  volume_totals: { keys: ['currency'], sums: ['value_usd', 'unconverted_count', 'amount'] },
};
type TotalsTable = keyof typeof TOTALS;
const keyOf = (table: TotalsTable) => ['basis', 'grain', 'period_start', ...TOTALS[table].keys];
/** The columns, in the order the delta queries select them. */
const columnsOf = (table: TotalsTable) => `(${[...keyOf(table), 'deal_count', ...TOTALS[table].sums].join(', ')})`;

function addToTotals(table: TotalsTable, deltas: string): string {
  const key = keyOf(table);
  const sums = TOTALS[table].sums;
  const add = (column: string) => (column.endsWith('_count') ? `t.${column} + EXCLUDED.${column}` : `trim_scale(t.${column} + EXCLUDED.${column})`);
  const of = (alias: string) => `(${key.map((column) => `${alias}.${column}`).join(', ')})`;
  return `
    WITH upserted AS (
      INSERT INTO ${table} AS t ${columnsOf(table)}
      SELECT * FROM (${deltas}) d ORDER BY ${key.join(', ')}
      ON CONFLICT (${key.join(', ')}) DO UPDATE
        SET ${['deal_count', ...sums].map((column) => `${column} = ${add(column)}`).join(', ')}
      RETURNING t.*
    )
    SELECT jsonb_agg(to_jsonb(upserted)) INTO emptied FROM upserted WHERE deal_count = 0;
    IF emptied IS NOT NULL THEN
      DELETE FROM ${table} t USING jsonb_populate_recordset(NULL::${table}, emptied) AS e
      WHERE ${of('t')} = ${of('e')} AND t.deal_count = 0;
    END IF;`;
}

/**
 * deal_append_batch appends every item first and projects the views of those that went in afterwards, in one
 * statement per table, deduplicated and in key order: the totals trigger then runs once per batch.
 */
async function replaceWritePath(db: QueryRunner): Promise<void> {
  await db.query(`
    CREATE OR REPLACE FUNCTION project_deal_views(rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      -- No rows, no statement: the totals trigger would fire even for an empty insert.
      IF rows IS NULL OR jsonb_array_length(rows) = 0 THEN
        RETURN;
      END IF;
      INSERT INTO deal_views (deal_id, status, acquirer_id, acquirer_name, target_id, target_name, seller_id,
        seller_name, rumored_on, announced_on, closed_on, ended_on, value_amount, value_currency, value_usd_reported,
        value_usd, view, version, updated_at)
      SELECT DISTINCT ON (r.deal_id) r.deal_id, r.status, r.acquirer_id, r.acquirer_name, r.target_id, r.target_name,
        r.seller_id, r.seller_name, r.rumored_on, r.announced_on, r.closed_on, r.ended_on, r.value_amount,
        r.value_currency, r.value_usd_reported,
        coalesce(r.value_usd_reported, usd_value(r.value_amount, r.value_currency, coalesce(r.announced_on, r.rumored_on))),
        r.view::json, r.version, r.updated_at
      FROM jsonb_to_recordset(rows) AS r(deal_id uuid, status text, acquirer_id uuid, acquirer_name text,
        target_id uuid, target_name text, seller_id uuid, seller_name text, rumored_on date, announced_on date,
        closed_on date, ended_on date, value_amount numeric, value_currency text, value_usd_reported numeric,
        view text, version integer, updated_at timestamptz)
      ORDER BY r.deal_id, r.version DESC
      -- The version guard makes re-applying an event (or an older state) a no-op.
      ON CONFLICT (deal_id) DO UPDATE SET
        status = EXCLUDED.status, acquirer_id = EXCLUDED.acquirer_id, acquirer_name = EXCLUDED.acquirer_name,
        target_id = EXCLUDED.target_id, target_name = EXCLUDED.target_name, seller_id = EXCLUDED.seller_id,
        seller_name = EXCLUDED.seller_name, rumored_on = EXCLUDED.rumored_on, announced_on = EXCLUDED.announced_on,
        closed_on = EXCLUDED.closed_on, ended_on = EXCLUDED.ended_on, value_amount = EXCLUDED.value_amount,
        value_currency = EXCLUDED.value_currency, value_usd_reported = EXCLUDED.value_usd_reported,
        value_usd = EXCLUDED.value_usd, view = EXCLUDED.view, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
      WHERE deal_views.version < EXCLUDED.version;
    END
    $$`);

  await db.query(`
    CREATE OR REPLACE FUNCTION project_company_names(rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO company_names (normalized_name, company_id, name, first_seen_at, last_seen_at)
      SELECT min(r.normalized_name), r.company_id, r.name, min(r.first_seen_at), max(r.last_seen_at)
      FROM jsonb_to_recordset(rows)
        AS r(normalized_name text, company_id uuid, name text, first_seen_at timestamptz, last_seen_at timestamptz)
      GROUP BY r.company_id, r.name
      ORDER BY r.company_id, r.name
      ON CONFLICT (company_id, name) DO UPDATE SET
        first_seen_at = least(company_names.first_seen_at, EXCLUDED.first_seen_at),
        last_seen_at = greatest(company_names.last_seen_at, EXCLUDED.last_seen_at);
    END
    $$`);

  await db.query(`
    CREATE OR REPLACE FUNCTION deal_append_batch(items jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
    DECLARE
      outcomes jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(items)]);
      names jsonb := '[]';
      views jsonb := '[]';
      item record;
    BEGIN
      FOR item IN
        SELECT value, ordinality FROM jsonb_array_elements(items) WITH ORDINALITY
        ORDER BY hashtextextended(value->>'streamId', 0), ordinality
      LOOP
        -- Without its rows for the read tables: deal_append then projects nothing, the batch does it below.
        outcomes[item.ordinality] := deal_append(item.value - 'companyNames' - 'dealViews');
        IF outcomes[item.ordinality] ? 'events' THEN
          names := names || coalesce(item.value->'companyNames', '[]');
          views := views || coalesce(item.value->'dealViews', '[]');
        END IF;
      END LOOP;
      PERFORM project_company_names(names);
      PERFORM project_deal_views(views);
      RETURN to_jsonb(outcomes);
    END
    $$`);
}
