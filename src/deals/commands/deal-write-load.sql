-- The first of a deal write's two round trips (load-for-write.ts; DealWriter skips it when it holds the deal's
-- state): the streams of the deals (deal_stream_id), their events after the version the writer already knows, the
-- companies the parties name (by normalised name and by match key, as the companies they answer as now), those of
-- the given ids that exist, a result already stored under the Idempotency-Key, and the database clock that dates the
-- new events.
--
-- A PL/pgSQL function with a generic plan, planned once per session: PostgreSQL would plan the query anew for every
-- write (a plan for the given values looks cheaper), and planning it costs more than running it.
CREATE OR REPLACE FUNCTION deal_write_load(deal_ids uuid[], named_streams text[], names text[], match_keys text[],
  company_ids uuid[], for_actor text, idempotency_key text, after_version integer) RETURNS json LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (
    WITH streams AS (
      -- deal_stream_id written out: a SQL function with a subquery is run (and planned) per call. (company_facts is
      -- inlined: the company each name answers as.)
      SELECT d.deal_id, coalesce((SELECT a.stream_id FROM deal_stream_aliases a WHERE a.deal_id = d.deal_id), d.named) AS stream_id
      FROM unnest(deal_ids, named_streams) AS d(deal_id, named)
    )
    SELECT json_build_object(
      'streams', (SELECT json_object_agg(s.deal_id, s.stream_id) FROM streams s),
      'history', (SELECT coalesce(json_agg(e ORDER BY e."streamId", e.version), '[]') FROM (
         SELECT global_position::text AS "globalPosition", transaction_id::text AS "transactionId", stream_id AS "streamId",
           stream_version AS "version", event_id AS "eventId", event_type AS "type", schema_version AS "schemaVersion",
           data, metadata, occurred_on AS "occurredOn", recorded_at AS "recordedAt"
         FROM events WHERE stream_id = ANY(ARRAY(SELECT s.stream_id FROM streams s)) AND stream_version > after_version) e),
      'byName', (SELECT coalesce(json_object_agg(n.normalized_name, f.company_id), '{}') FROM (
         SELECT DISTINCT ON (c.normalized_name) c.normalized_name, c.company_id FROM company_names c
         WHERE c.normalized_name = ANY(names) ORDER BY c.normalized_name, c.first_seen_at, c.company_id) n
         CROSS JOIN LATERAL company_facts(n.company_id) f),
      'byMatchKey', (SELECT coalesce(json_object_agg(n.match_key, f.company_id), '{}') FROM (
         SELECT DISTINCT ON (c.match_key) c.match_key, c.company_id FROM company_names c
         WHERE c.match_key = ANY(match_keys) ORDER BY c.match_key, c.first_seen_at, c.company_id) n
         CROSS JOIN LATERAL company_facts(n.company_id) f),
      'existingIds', (SELECT coalesce(json_agg(DISTINCT c.company_id), '[]') FROM company_names c WHERE c.company_id = ANY(company_ids)),
      'prior', (SELECT json_build_object('requestHash', k.request_hash, 'response', k.response) FROM idempotency_keys k
         WHERE k.actor = for_actor AND k.key = idempotency_key AND k.response IS NOT NULL),
      'now', to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  );
END
$$;
