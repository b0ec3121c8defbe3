-- Pre-aggregated totals for the league tables and volume statistics, so a dashboard sums a few thousand rows instead
-- of every deal: sums over deal_views per basis and per day, month, quarter and year, per company credited (the
-- acquirer, each financial and each legal advisor: credit_totals) and per currency (volume_totals). A query covers
-- its date range with whole years, then quarters, months and days
-- (totals-segments.ts).
--
-- A statement-level trigger on deal_views keeps them exact whoever writes the views (deal writes, FX loads, a
-- rebuild's catch-up): it subtracts what the old rows counted for, adds what the new rows count for, and applies
-- the net differences in key order, so two writers never wait on each other's totals in a cycle. A rebuild fills
-- its shadow totals with the same deltas, from every replayed view at once (fill_credit_totals, fill_volume_totals).

-- The inclusion rules, the one place they are written; deal lists and company profiles use them too.

-- Whether a deal counts at all: a voided one (entered by mistake or twice) counts nowhere.
CREATE OR REPLACE FUNCTION deal_counts(status text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT status <> 'voided'
$$;

-- Whether a deal credits its value to the companies in it: not once it fell through, or was voided.
CREATE OR REPLACE FUNCTION deal_credits_value(status text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT status NOT IN ('withdrawn', 'terminated', 'voided')
$$;

-- Which reports a deal counts in, and on which day. A deal counts on the announced basis on its announcement day
-- and, once closed, on the closed basis on its closing day. Every announced deal counts in the announced volume (the
-- volume of announcements, whatever happened later); only the deals that credit value credit their acquirer (and
-- advisors) there.
-- Competing bids are never deals of the bidder.
CREATE OR REPLACE FUNCTION report_entries(status text, announced_on date, closed_on date)
RETURNS TABLE (basis text, day date, credits_companies boolean) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'announced', announced_on, deal_credits_value(status) WHERE announced_on IS NOT NULL AND deal_counts(status)
  UNION ALL
  SELECT 'closed', closed_on, true WHERE status = 'closed' AND closed_on IS NOT NULL
$$;

-- The periods a day is totalled in.
CREATE OR REPLACE FUNCTION report_periods(day date) RETURNS TABLE (grain text, period_start date)
LANGUAGE sql IMMUTABLE AS $$
  SELECT g, date_trunc(g, day::timestamp)::date FROM unnest(ARRAY['day', 'month', 'quarter', 'year']) AS g
$$;

-- What a deal counts for, signed: +1 as it is, -1 as it was. From its deal_views columns (named, so a caller cannot
-- mix them up; and only these, not the whole row, whose view would have to be read too).
CREATE OR REPLACE FUNCTION report_change_from(sign integer, status text, acquirer_id uuid, announced_on date, closed_on date,
  value_amount numeric, value_currency text, value_usd numeric, enterprise_value_amount numeric, rank_value_usd numeric,
  financial_advisor_ids uuid[], legal_advisor_ids uuid[], acquirer_country text, target_country text, target_sector text,
  cross_border boolean, deal_type text) RETURNS report_change LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(status, acquirer_id, announced_on, closed_on, value_amount, value_currency, value_usd, sign,
    enterprise_value_amount, rank_value_usd, financial_advisor_ids, legal_advisor_ids, acquirer_country, target_country,
    target_sector, cross_border, deal_type)::report_change
$$;

-- The same for a deal_views row (of the live table or a rebuild's copy): the rows a trigger's transition tables hold.
CREATE OR REPLACE FUNCTION report_change_of(deal anyelement, sign integer) RETURNS report_change
LANGUAGE sql IMMUTABLE AS $$
  SELECT report_change_from(sign, (deal).status, (deal).acquirer_id, (deal).announced_on, (deal).closed_on,
    (deal).value_amount, (deal).value_currency, (deal).value_usd, (deal).enterprise_value_amount, (deal).rank_value_usd,
    (deal).financial_advisor_ids, (deal).legal_advisor_ids, (deal).acquirer_country, (deal).target_country,
    (deal).target_sector, (deal).cross_border, (deal).deal_type)
$$;

-- What the deals of `deal_ids` of deal_views, as the search_path resolves it, count for; their columns are read, never
-- their view. For a report summed from the deals themselves, and (every deal) a rebuild's fill.
CREATE OR REPLACE FUNCTION deal_report_changes(deal_ids uuid[]) RETURNS report_change[] LANGUAGE sql STABLE AS $$
  SELECT ARRAY(SELECT report_change_from(1, d.status, d.acquirer_id, d.announced_on, d.closed_on, d.value_amount,
      d.value_currency, d.value_usd, d.enterprise_value_amount, d.rank_value_usd, d.financial_advisor_ids,
      d.legal_advisor_ids, d.acquirer_country, d.target_country, d.target_sector, d.cross_border, d.deal_type)
    FROM deal_views d WHERE d.deal_id = ANY(deal_ids))
$$;

-- The slices of the totals a deal counts in: '' (every deal), and for each dimension it has a value for, that value
-- ('targetCountry:US'). The volume totals are sliced by every dimension, deal type included (for breakdowns); the
-- credit totals by the parties' dimensions (league tables take no deal type). Values never hold ':'.
CREATE OR REPLACE FUNCTION report_slices(acquirer_country text, target_country text, target_sector text,
  cross_border boolean, deal_type text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT '' UNION ALL
  SELECT d || ':' || v FROM (VALUES ('acquirerCountry', acquirer_country), ('targetCountry', target_country),
    ('targetSector', target_sector), ('crossBorder', cross_border::text), ('dealType', deal_type)) AS s(d, v)
  WHERE v IS NOT NULL
$$;

-- Whether a deal has an amount to rank by (a value or an enterprise value) but no USD figure for it.
CREATE OR REPLACE FUNCTION rank_unconverted(c report_change) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT (c.value_amount IS NOT NULL OR c.enterprise_value_amount IS NOT NULL) AND c.rank_value_usd IS NULL
$$;

-- The companies a deal credits in the league tables, each once: its acquirer, and each of its advisors per role
-- (whatever the number of sides it advised). A competing bidder is never credited.
CREATE OR REPLACE FUNCTION deal_credits(acquirer_id uuid, financial_advisor_ids uuid[], legal_advisor_ids uuid[])
RETURNS TABLE (credit text, company_id uuid) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'acquirer', acquirer_id WHERE acquirer_id IS NOT NULL
  UNION ALL
  SELECT 'financial', a FROM unnest(financial_advisor_ids) AS a
  UNION ALL
  SELECT 'legal', a FROM unnest(legal_advisor_ids) AS a
$$;

-- What signed changes add to each company's credit total, per slice and for each measure (value, rankValue): the
-- deals, their USD value, how many of them have a USD figure and how many have an amount but none. Totals left
-- unchanged are not listed. `day_totals_only`: only the day totals of every deal (slice ''), for a report summed from
-- the deals themselves. PL/pgSQL (as volume_deltas), so a session plans the query once, not on every call as a SQL
-- function's body is: a write's totals cost half as much.
CREATE OR REPLACE FUNCTION credit_deltas(changes report_change[], day_totals_only boolean DEFAULT false)
RETURNS TABLE (basis text, credit text, slice text, grain text, period_start date, company_id uuid, deal_count integer,
  value_usd numeric, usd_count integer, unconverted_count integer, rank_value_usd numeric, rank_usd_count integer,
  rank_unconverted_count integer)
LANGUAGE plpgsql IMMUTABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT * FROM (
    SELECT e.basis, k.credit, sl.slice, p.grain, p.period_start, k.company_id,
      sum(c.sign)::integer AS deal_count, trim_scale(coalesce(sum(c.sign * c.value_usd), 0)) AS value_usd,
      coalesce(sum(c.sign) FILTER (WHERE c.value_usd IS NOT NULL), 0)::integer AS usd_count,
      coalesce(sum(c.sign) FILTER (WHERE c.value_amount IS NOT NULL AND c.value_usd IS NULL), 0)::integer AS unconverted,
      trim_scale(coalesce(sum(c.sign * c.rank_value_usd), 0)) AS rank_value_usd,
      coalesce(sum(c.sign) FILTER (WHERE c.rank_value_usd IS NOT NULL), 0)::integer AS rank_usd_count,
      coalesce(sum(c.sign) FILTER (WHERE rank_unconverted(c)), 0)::integer AS rank_unconverted
    FROM unnest(changes) AS c
    CROSS JOIN LATERAL report_entries(c.status, c.announced_on, c.closed_on) AS e
    CROSS JOIN LATERAL (SELECT * FROM report_periods(e.day) p WHERE NOT day_totals_only OR p.grain = 'day') AS p
    CROSS JOIN LATERAL deal_credits(c.acquirer_id, c.financial_advisor_ids, c.legal_advisor_ids) AS k
    CROSS JOIN LATERAL (
      SELECT '' AS slice WHERE day_totals_only
      UNION ALL SELECT * FROM report_slices(c.acquirer_country, c.target_country, c.target_sector, c.cross_border, NULL) WHERE NOT day_totals_only
    ) AS sl
    WHERE e.credits_companies
    GROUP BY 1, 2, 3, 4, 5, 6
  ) d
  WHERE d.deal_count <> 0 OR d.value_usd <> 0 OR d.usd_count <> 0 OR d.unconverted <> 0
    OR d.rank_value_usd <> 0 OR d.rank_usd_count <> 0 OR d.rank_unconverted <> 0;
END
$$;

-- What signed changes add to each volume total: per slice and per currency of the value ('' for deals with no value
-- yet), the deals, their USD value, those with a value but no USD figure, and the amounts in that currency; and the
-- same USD figures for the rank value.
CREATE OR REPLACE FUNCTION volume_deltas(changes report_change[], day_totals_only boolean DEFAULT false)
RETURNS TABLE (basis text, slice text, grain text, period_start date, currency text, deal_count integer, value_usd numeric,
  unconverted_count integer, amount numeric, rank_value_usd numeric, rank_unconverted_count integer)
LANGUAGE plpgsql IMMUTABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT * FROM (
    SELECT e.basis, sl.slice, p.grain, p.period_start, CASE WHEN c.value_amount IS NULL THEN '' ELSE c.value_currency END,
      sum(c.sign)::integer AS deal_count, trim_scale(coalesce(sum(c.sign * c.value_usd), 0)) AS value_usd,
      coalesce(sum(c.sign) FILTER (WHERE c.value_amount IS NOT NULL AND c.value_usd IS NULL), 0)::integer AS unconverted,
      trim_scale(coalesce(sum(c.sign * c.value_amount), 0)) AS amount,
      trim_scale(coalesce(sum(c.sign * c.rank_value_usd), 0)) AS rank_value_usd,
      coalesce(sum(c.sign) FILTER (WHERE rank_unconverted(c)), 0)::integer AS rank_unconverted
    FROM unnest(changes) AS c
    CROSS JOIN LATERAL report_entries(c.status, c.announced_on, c.closed_on) AS e
    CROSS JOIN LATERAL (SELECT * FROM report_periods(e.day) p WHERE NOT day_totals_only OR p.grain = 'day') AS p
    CROSS JOIN LATERAL (
      SELECT '' AS slice WHERE day_totals_only
      UNION ALL SELECT * FROM report_slices(c.acquirer_country, c.target_country, c.target_sector, c.cross_border, c.deal_type) WHERE NOT day_totals_only
    ) AS sl
    GROUP BY 1, 2, 3, 4, 5
  ) d
  WHERE d.deal_count <> 0 OR d.value_usd <> 0 OR d.unconverted <> 0 OR d.amount <> 0
    OR d.rank_value_usd <> 0 OR d.rank_unconverted <> 0;
END
$$;

-- Adds the differences in key order, then deletes the totals they emptied, so the tables hold exactly what a rebuild
-- fills them with (every total counts at least one deal). Sums are stored with trailing zeros trimmed for the same
-- reason: 1.50 - 0.50 is kept as 1, as a rebuild would sum it.
CREATE OR REPLACE FUNCTION apply_report_changes(changes report_change[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  emptied jsonb;
BEGIN
  WITH upserted AS (
    INSERT INTO credit_totals AS t (basis, credit, slice, grain, period_start, company_id, deal_count, value_usd, usd_count,
      unconverted_count, rank_value_usd, rank_usd_count, rank_unconverted_count)
    SELECT * FROM credit_deltas(changes) d ORDER BY d.basis, d.credit, d.slice, d.grain, d.period_start, d.company_id
    ON CONFLICT (basis, credit, slice, grain, period_start, company_id) DO UPDATE SET
      deal_count = t.deal_count + EXCLUDED.deal_count, value_usd = trim_scale(t.value_usd + EXCLUDED.value_usd),
      usd_count = t.usd_count + EXCLUDED.usd_count, unconverted_count = t.unconverted_count + EXCLUDED.unconverted_count,
      rank_value_usd = trim_scale(t.rank_value_usd + EXCLUDED.rank_value_usd),
      rank_usd_count = t.rank_usd_count + EXCLUDED.rank_usd_count,
      rank_unconverted_count = t.rank_unconverted_count + EXCLUDED.rank_unconverted_count
    RETURNING t.*
  )
  SELECT jsonb_agg(to_jsonb(upserted)) INTO emptied FROM upserted WHERE upserted.deal_count = 0;
  IF emptied IS NOT NULL THEN
    DELETE FROM credit_totals t USING jsonb_populate_recordset(NULL::credit_totals, emptied) e
    WHERE (t.basis, t.credit, t.slice, t.grain, t.period_start, t.company_id)
      = (e.basis, e.credit, e.slice, e.grain, e.period_start, e.company_id)
      AND t.deal_count = 0;
  END IF;

  WITH upserted AS (
    INSERT INTO volume_totals AS t (basis, slice, grain, period_start, currency, deal_count, value_usd, unconverted_count,
      amount, rank_value_usd, rank_unconverted_count)
    SELECT * FROM volume_deltas(changes) d ORDER BY d.basis, d.slice, d.grain, d.period_start, d.currency
    ON CONFLICT (basis, slice, grain, period_start, currency) DO UPDATE SET
      deal_count = t.deal_count + EXCLUDED.deal_count, value_usd = trim_scale(t.value_usd + EXCLUDED.value_usd),
      unconverted_count = t.unconverted_count + EXCLUDED.unconverted_count, amount = trim_scale(t.amount + EXCLUDED.amount),
      rank_value_usd = trim_scale(t.rank_value_usd + EXCLUDED.rank_value_usd),
      rank_unconverted_count = t.rank_unconverted_count + EXCLUDED.rank_unconverted_count
    RETURNING t.*
  )
  SELECT jsonb_agg(to_jsonb(upserted)) INTO emptied FROM upserted WHERE upserted.deal_count = 0;
  IF emptied IS NOT NULL THEN
    DELETE FROM volume_totals t USING jsonb_populate_recordset(NULL::volume_totals, emptied) e
    WHERE (t.basis, t.slice, t.grain, t.period_start, t.currency) = (e.basis, e.slice, e.grain, e.period_start, e.currency)
      AND t.deal_count = 0;
  END IF;
END
$$;

-- The trigger: the old rows of the statement subtract, the new ones add. A transition table's rows are anonymous
-- records: each is cast to the deal_views row type the search_path resolves, the table the trigger is on.
-- Most writes change nothing a report counts (a regulatory step, a vote, a rumour without dates): a deal whose old and
-- new rows count for the same is left out, and so is a row that counts on no day, so such a write costs no totals
-- work at all.
CREATE OR REPLACE FUNCTION deal_views_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes report_change[];
BEGIN
  -- Each statement names only the transition tables its trigger has.
  IF TG_OP = 'UPDATE' THEN
    changes := ARRAY(
      SELECT report_change_of(o::deal_views, -1) FROM old_rows o
      WHERE EXISTS (SELECT FROM report_entries(o.status, o.announced_on, o.closed_on)) AND NOT EXISTS (
        SELECT FROM new_rows n WHERE n.deal_id = o.deal_id
          AND report_change_of(n::deal_views, 1) IS NOT DISTINCT FROM report_change_of(o::deal_views, 1))
    ) || ARRAY(
      SELECT report_change_of(n::deal_views, 1) FROM new_rows n
      WHERE EXISTS (SELECT FROM report_entries(n.status, n.announced_on, n.closed_on)) AND NOT EXISTS (
        SELECT FROM old_rows o WHERE o.deal_id = n.deal_id
          AND report_change_of(o::deal_views, 1) IS NOT DISTINCT FROM report_change_of(n::deal_views, 1)));
  ELSIF TG_OP = 'DELETE' THEN
    changes := ARRAY(SELECT report_change_of(o::deal_views, -1) FROM old_rows o
      WHERE EXISTS (SELECT FROM report_entries(o.status, o.announced_on, o.closed_on)));
  ELSE
    changes := ARRAY(SELECT report_change_of(n::deal_views, 1) FROM new_rows n
      WHERE EXISTS (SELECT FROM report_entries(n.status, n.announced_on, n.closed_on)));
  END IF;
  -- An upsert fires the INSERT and the UPDATE trigger, one of them with no rows: nothing to add.
  IF cardinality(changes) = 0 THEN
    RETURN NULL;
  END IF;
  PERFORM apply_report_changes(changes);
  RETURN NULL;
END
$$;

-- Fill empty totals from deal_views (as the search_path resolves each): a rebuild, once its views are replayed. One
-- function per table, so a rebuild fills the two at once on two connections. Plain inserts, not apply_report_changes'
-- upsert: the tables are empty, the deltas of every deal hold each key once, and every total counts a deal (the signs
-- are all +1). A quarter less time than the upsert on a million events, and the credit totals, the larger, no longer
-- wait for the volume totals.
-- The credit totals, the larger (three quarters of a million rows from a million events), are written without their
-- primary key, which is built afterwards over them all: 10.0 -> 8.7 s in a rebuild of a million events.
CREATE OR REPLACE FUNCTION fill_credit_totals() RETURNS void LANGUAGE plpgsql SET work_mem = '256MB'
  SET maintenance_work_mem = '256MB' AS $$
BEGIN
  ALTER TABLE credit_totals DROP CONSTRAINT credit_totals_pkey;
  INSERT INTO credit_totals (basis, credit, slice, grain, period_start, company_id, deal_count, value_usd, usd_count,
    unconverted_count, rank_value_usd, rank_usd_count, rank_unconverted_count)
  SELECT * FROM credit_deltas(deal_report_changes(ARRAY(SELECT deal_id FROM deal_views)));
  ALTER TABLE credit_totals ADD CONSTRAINT credit_totals_pkey PRIMARY KEY (basis, credit, slice, grain, period_start, company_id);
END
$$;

CREATE OR REPLACE FUNCTION fill_volume_totals() RETURNS void LANGUAGE plpgsql SET work_mem = '256MB' AS $$
BEGIN
  INSERT INTO volume_totals (basis, slice, grain, period_start, currency, deal_count, value_usd, unconverted_count,
    amount, rank_value_usd, rank_unconverted_count)
  SELECT * FROM volume_deltas(deal_report_changes(ARRAY(SELECT deal_id FROM deal_views)));
END
$$;

-- Puts the trigger on a deal_views table: the live one below, and a rebuild's copy. Transition tables allow one event
-- per trigger, hence three.
CREATE OR REPLACE FUNCTION create_report_totals_triggers(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE OR REPLACE TRIGGER deal_views_totals_insert AFTER INSERT ON %s
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_views_totals()', target);
  EXECUTE format('CREATE OR REPLACE TRIGGER deal_views_totals_update AFTER UPDATE ON %s
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_views_totals()', target);
  EXECUTE format('CREATE OR REPLACE TRIGGER deal_views_totals_delete AFTER DELETE ON %s
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_views_totals()', target);
END
$$;

SELECT create_report_totals_triggers('deal_views');
