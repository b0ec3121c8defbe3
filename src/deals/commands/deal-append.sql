-- The deal write path's one statement: several writers' appends (stream_append_batch) and, for those that went in,
-- their read-table rows, computed in TypeScript by the same functions a rebuild uses (deal-read-rows.ts). Each
-- table is written in one statement after all the appends, deduplicated and in key order: the report totals trigger
-- then runs once per batch, and two batches never wait on each other in a cycle. Answers an outcome per write.
CREATE OR REPLACE FUNCTION deal_append_batch(items jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  outcomes jsonb := stream_append_batch(items);
  appended jsonb;
BEGIN
  SELECT coalesce(jsonb_agg(w.item), '[]') INTO appended
  FROM jsonb_array_elements(items) WITH ORDINALITY AS w(item, n)
  WHERE outcomes->(w.n::integer - 1) ? 'events';
  PERFORM project_company_names(jsonb_path_query_array(appended, '$[*].companyNames[*]'));
  PERFORM project_deal_views(jsonb_path_query_array(appended, '$[*].dealViews[*]'));
  RETURN outcomes;
END
$$;
