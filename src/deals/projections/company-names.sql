-- company_names: every spelling a company was seen under, with the earliest and latest times it was recorded.
-- Takes the rows companyNameRows() computes (company-names.projection.ts). Re-applying a sighting changes nothing,
-- and the earliest and latest recorded times win whatever order the rows come in. Rows are grouped first (a
-- statement may not update a row twice) and written in key order (two batches never wait on each other in a cycle).
CREATE OR REPLACE FUNCTION project_company_names(rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF rows IS NULL OR jsonb_array_length(rows) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO company_names (company_id, name, normalized_name, match_key, first_seen_at, last_seen_at)
  SELECT r.company_id, r.name, min(r.normalized_name), min(r.match_key), min(r.first_seen_at), max(r.last_seen_at)
  FROM jsonb_populate_recordset(NULL::company_names, rows) r
  GROUP BY r.company_id, r.name
  ORDER BY r.company_id, r.name
  ON CONFLICT (company_id, name) DO UPDATE SET
    first_seen_at = least(company_names.first_seen_at, EXCLUDED.first_seen_at),
    last_seen_at = greatest(company_names.last_seen_at, EXCLUDED.last_seen_at);
END
$$;
