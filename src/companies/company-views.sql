-- company_views: each company's facts and merge, projected from its stream (company-<companyId>), and what they
-- change in deal_views: the parties' countries and sectors, and, after a merge, the company every deal credits.
-- Tables resolve through the search_path, so a rebuild projects into its own copies.

-- The company an id answers as: the one it was merged into (never itself merged: merges are flattened), else itself.
CREATE OR REPLACE FUNCTION company_alias(company_id uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT v.merged_into FROM company_views v WHERE v.company_id = company_alias.company_id), company_id)
$$;

-- The same for a list of ids, each once, in order.
CREATE OR REPLACE FUNCTION company_aliases(ids uuid[]) RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT company_alias(id) ORDER BY company_alias(id)), '{}') FROM unnest(ids) AS id
$$;

-- The company a party answers as (company_alias), with its country and sector: one row, nulls for no party. Written
-- so the planner inlines it into the calling statement, as two lookups by key (LIMIT keeps each one a lookup: as a
-- join, a write's generic plan hashed the whole company table); called, it would be planned again on every call.
CREATE OR REPLACE FUNCTION company_facts(party uuid) RETURNS TABLE (company_id uuid, country text, sector text)
LANGUAGE sql STABLE AS $$
  SELECT coalesce(m.merged_into, party), f.country, f.sector
  FROM (SELECT) AS one
  LEFT JOIN LATERAL (SELECT v.merged_into FROM company_views v WHERE v.company_id = party LIMIT 1) m ON true
  LEFT JOIN LATERAL (
    SELECT v.country, v.sector FROM company_views v WHERE v.company_id = coalesce(m.merged_into, party) LIMIT 1
  ) f ON true
$$;

-- A deal view's JSON text with the id of every company merged away replaced by the one it was merged into.
CREATE OR REPLACE FUNCTION view_after_merges(view text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  merge record;
BEGIN
  FOR merge IN
    SELECT company_id::text AS merged, merged_into::text AS survivor FROM company_views
    WHERE merged_into IS NOT NULL AND strpos(view, company_id::text) > 0
  LOOP
    view := replace(view, merge.merged, merge.survivor);
  END LOOP;
  RETURN view;
END
$$;

-- Copies a company's country and sector into every deal it is a party of (the totals trigger follows).
CREATE OR REPLACE FUNCTION spread_company_facts(company uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE deal_views d SET
    acquirer_country = CASE WHEN d.acquirer_id = company THEN f.country ELSE d.acquirer_country END,
    acquirer_sector = CASE WHEN d.acquirer_id = company THEN f.sector ELSE d.acquirer_sector END,
    target_country = CASE WHEN d.target_id = company THEN f.country ELSE d.target_country END,
    target_sector = CASE WHEN d.target_id = company THEN f.sector ELSE d.target_sector END,
    seller_country = CASE WHEN d.seller_id = company THEN f.country ELSE d.seller_country END,
    seller_sector = CASE WHEN d.seller_id = company THEN f.sector ELSE d.seller_sector END
  FROM company_facts(company) f
  WHERE (d.acquirer_id = company OR d.target_id = company OR d.seller_id = company)
$$;

-- Moves every deal of `merged` to `survivor`: its ids in the columns and the view, then the survivor's facts.
CREATE OR REPLACE FUNCTION move_deals_to(merged uuid, survivor uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE deal_views d SET
    view = replace(d.view::text, merged::text, survivor::text)::json,
    acquirer_id = CASE WHEN d.acquirer_id = merged THEN survivor ELSE d.acquirer_id END,
    target_id = CASE WHEN d.target_id = merged THEN survivor ELSE d.target_id END,
    seller_id = CASE WHEN d.seller_id = merged THEN survivor ELSE d.seller_id END,
    financial_advisor_ids = company_aliases(d.financial_advisor_ids),
    legal_advisor_ids = company_aliases(d.legal_advisor_ids)
  WHERE strpos(d.view::text, merged::text) > 0;
  SELECT spread_company_facts(survivor);
$$;

-- Projects one event of a company's stream.
CREATE OR REPLACE FUNCTION project_company_event(company uuid, event_type text, data jsonb, version integer,
  recorded_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  survivor uuid;
BEGIN
  INSERT INTO company_views AS v (company_id, version, updated_at) VALUES (company, version, recorded_at)
  ON CONFLICT (company_id) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at;
  IF event_type = 'company_profiled' THEN
    -- A fact named sets (or, null, clears) it; one left out stays.
    UPDATE company_views v SET
      country = CASE WHEN data ? 'country' THEN data->>'country' ELSE v.country END,
      sector = CASE WHEN data ? 'sector' THEN data->>'sector' ELSE v.sector END,
      naics = CASE WHEN data ? 'naics' THEN data->>'naics' ELSE v.naics END,
      listing = CASE WHEN data ? 'listing' THEN data->>'listing' ELSE v.listing END,
      ticker = CASE WHEN data ? 'ticker' THEN data->>'ticker' ELSE v.ticker END,
      lei = CASE WHEN data ? 'lei' THEN data->>'lei' ELSE v.lei END,
      display_name = CASE WHEN data ? 'displayName' THEN data->>'displayName' ELSE v.display_name END
    WHERE v.company_id = company;
    PERFORM spread_company_facts(company);
  ELSIF event_type = 'company_merged' THEN
    -- Merges never chain: companies merged into this one earlier follow it, and a rebuild, which replays company
    -- streams one after the other rather than in time order, may meet `into`'s own later merge first.
    survivor := company_alias((data->>'into')::uuid);
    UPDATE company_views SET merged_into = survivor WHERE company_id = company OR merged_into = company;
    PERFORM move_deals_to(company, survivor);
  END IF;
END
$$;

-- PATCH /companies/{id} and POST /companies/{id}/merge: one event of the company's stream appended (stream_append:
-- version check, Idempotency-Key) and projected, in the caller's transaction. Like an FX load, it changes rows of
-- deals written concurrently: locked, it waits for the deal writes in flight and later ones wait for it.
CREATE OR REPLACE FUNCTION company_append(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  company uuid := substr(p->>'streamId', 9)::uuid;
  outcome jsonb;
  appended record;
BEGIN
  -- Company writes one at a time: a merge then sees every merge committed before it (merges never chain), and a
  -- profile appended at the end of its stream, wherever that is, cannot follow an unseen merge (p.unlessMerged).
  LOCK TABLE company_views IN SHARE ROW EXCLUSIVE MODE;
  IF (p->>'unlessMerged')::boolean AND EXISTS (SELECT FROM company_views WHERE company_id = company AND merged_into IS NOT NULL) THEN
    RETURN jsonb_build_object('conflict', -1);
  END IF;
  outcome := stream_append(p);
  IF outcome ? 'events' THEN
    LOCK TABLE deal_views IN SHARE ROW EXCLUSIVE MODE;
    SELECT e.event_type, e.data, e.stream_version, e.recorded_at INTO appended
    FROM events e WHERE e.event_id = (outcome->'events'->0->>'eventId')::uuid;
    PERFORM project_company_event(company, appended.event_type, appended.data, appended.stream_version, appended.recorded_at);
  END IF;
  RETURN outcome;
END
$$;
