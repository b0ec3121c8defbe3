-- deal_views: one row per deal, as dealViewRow() computes it from the folded state (deal-view-row.ts), with the USD
-- figures converted here (deal_value_usd, deal_amount_usd, fx-rates.sql) and the companies' facts and merges applied
-- here (company_facts, view_after_merges, company-views.sql), because the rates and companies are in the database.
-- A deal's newest row wins within a batch, and the version guard makes re-applying an event (or an older state) a no-op. Adding a column:
-- ALTER the table in a migration, add it to the three lists below and to dealViewRow().
-- A generic plan: planning the statement anew on every write (PostgreSQL's choice) costs more than running it.
CREATE OR REPLACE FUNCTION project_deal_views(rows jsonb) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  -- Without a merge (the usual case) every id is its own company: no need to look each one up.
  merged boolean := EXISTS (SELECT FROM company_views WHERE merged_into IS NOT NULL);
BEGIN
  -- No rows, no statement: the report totals trigger would fire even for an empty insert.
  IF rows IS NULL OR jsonb_array_length(rows) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO deal_views (deal_id, status, acquirer_id, acquirer_name, target_id, target_name, seller_id, seller_name,
    rumored_on, announced_on, closed_on, ended_on, value_amount, value_currency, value_usd_reported, value_usd,
    enterprise_value_amount, enterprise_value_currency, enterprise_value_usd, equity_value_amount, equity_value_currency,
    equity_value_usd, financial_advisor_ids, legal_advisor_ids, acquirer_country, acquirer_sector, target_country,
    target_sector, seller_country, seller_sector, deal_type, attitude, view, version, updated_at)
  SELECT r.deal_id, r.status, a.company_id, r.acquirer_name, t.company_id, r.target_name, s.company_id, r.seller_name,
    r.rumored_on, r.announced_on, r.closed_on, r.ended_on, r.value_amount,
    r.value_currency, r.value_usd_reported,
    deal_value_usd(r.value_usd_reported, r.value_amount, r.value_currency, r.announced_on, r.rumored_on),
    r.enterprise_value_amount, r.enterprise_value_currency,
    -- Most deals have neither: a function call less per row (each plans its query anew).
    CASE WHEN r.enterprise_value_amount IS NOT NULL THEN
      deal_amount_usd(r.enterprise_value_amount, r.enterprise_value_currency, r.announced_on, r.rumored_on) END,
    r.equity_value_amount, r.equity_value_currency,
    CASE WHEN r.equity_value_amount IS NOT NULL THEN
      deal_amount_usd(r.equity_value_amount, r.equity_value_currency, r.announced_on, r.rumored_on) END,
    CASE WHEN merged THEN company_aliases(r.financial_advisor_ids) ELSE r.financial_advisor_ids END,
    CASE WHEN merged THEN company_aliases(r.legal_advisor_ids) ELSE r.legal_advisor_ids END,
    a.country, a.sector, t.country, t.sector, s.country, s.sector, r.deal_type, r.attitude,
    -- The view arrives as JSON text inside the jsonb: json keeps the key order GET /deals/{dealId} serves.
    (CASE WHEN merged THEN view_after_merges(r.view #>> '{}') ELSE r.view #>> '{}' END)::json, r.version, r.updated_at
  FROM (
    SELECT DISTINCT ON (r.deal_id) * FROM jsonb_populate_recordset(NULL::deal_views, rows) r ORDER BY r.deal_id, r.version DESC
  ) r
  CROSS JOIN LATERAL company_facts(r.acquirer_id) a
  CROSS JOIN LATERAL company_facts(r.target_id) t
  CROSS JOIN LATERAL company_facts(r.seller_id) s
  ORDER BY r.deal_id
  ON CONFLICT (deal_id) DO UPDATE SET
    status = EXCLUDED.status, acquirer_id = EXCLUDED.acquirer_id, acquirer_name = EXCLUDED.acquirer_name,
    target_id = EXCLUDED.target_id, target_name = EXCLUDED.target_name, seller_id = EXCLUDED.seller_id,
    seller_name = EXCLUDED.seller_name, rumored_on = EXCLUDED.rumored_on, announced_on = EXCLUDED.announced_on,
    closed_on = EXCLUDED.closed_on, ended_on = EXCLUDED.ended_on, value_amount = EXCLUDED.value_amount,
    value_currency = EXCLUDED.value_currency, value_usd_reported = EXCLUDED.value_usd_reported,
    value_usd = EXCLUDED.value_usd, enterprise_value_amount = EXCLUDED.enterprise_value_amount,
    enterprise_value_currency = EXCLUDED.enterprise_value_currency, enterprise_value_usd = EXCLUDED.enterprise_value_usd,
    equity_value_amount = EXCLUDED.equity_value_amount, equity_value_currency = EXCLUDED.equity_value_currency,
    equity_value_usd = EXCLUDED.equity_value_usd, financial_advisor_ids = EXCLUDED.financial_advisor_ids,
    legal_advisor_ids = EXCLUDED.legal_advisor_ids, acquirer_country = EXCLUDED.acquirer_country,
    acquirer_sector = EXCLUDED.acquirer_sector, target_country = EXCLUDED.target_country,
    target_sector = EXCLUDED.target_sector, seller_country = EXCLUDED.seller_country,
    seller_sector = EXCLUDED.seller_sector, deal_type = EXCLUDED.deal_type, attitude = EXCLUDED.attitude,
    view = EXCLUDED.view, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
  WHERE deal_views.version < EXCLUDED.version;
END
$$;
