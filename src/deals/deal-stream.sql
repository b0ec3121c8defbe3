-- A deal's stream: the one deal_stream_aliases names (a deal an earlier release created under an id in capitals),
-- else `named`, the stream its lower-case id gives (dealStreamId, deal-stream.ts).
CREATE OR REPLACE FUNCTION deal_stream_id(deal uuid, named text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT a.stream_id FROM deal_stream_aliases a WHERE a.deal_id = deal), named)
$$;
