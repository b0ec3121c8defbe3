-- Appends to the log. A write is a jsonb {"streamId", "expectedVersion", "events", "metadata", "idempotency"}:
-- events are [{"event_id", "event_type", "data", "occurred_on", "recorded_at"?}], numbered after the stream's version;
-- expectedVersion null appends at the end wherever that is; idempotency is null or a request of idempotency_claim
-- with the "response" to store (eventId, version and position of the last event are added).
--
-- Answers {"prior": {requestHash, response}} when the key was already used, {"conflict": version} when the stream
-- is no longer at expectedVersion (nothing written, the key given back), else {"events": [{globalPosition,
-- transactionId, version, eventId}]}. The unique (stream_id, stream_version) still catches a writer that bypassed
-- the stream lock.
CREATE OR REPLACE FUNCTION stream_append(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  stream text := p->>'streamId';
  idempotency jsonb := nullif(p->'idempotency', 'null');
  current_version integer;
  prior jsonb;
  inserted jsonb;
BEGIN
  PERFORM lock_stream_for_write(stream);
  IF idempotency IS NOT NULL THEN
    prior := idempotency_claim(idempotency);
    IF prior IS NOT NULL THEN
      RETURN jsonb_build_object('prior', prior);
    END IF;
  END IF;
  SELECT coalesce(max(stream_version), 0) INTO current_version FROM events WHERE stream_id = stream;
  IF nullif(p->'expectedVersion', 'null') IS NOT NULL AND current_version <> (p->>'expectedVersion')::integer THEN
    IF idempotency IS NOT NULL THEN
      PERFORM idempotency_release(idempotency);
    END IF;
    RETURN jsonb_build_object('conflict', current_version);
  END IF;
  WITH rows AS (
    INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata, occurred_on, recorded_at)
    SELECT stream, current_version + r.n::integer, (r.e->>'event_id')::uuid, r.e->>'event_type', r.e->'data', p->'metadata',
      (r.e->>'occurred_on')::date, coalesce((r.e->>'recorded_at')::timestamptz, date_trunc('milliseconds', now()))
    FROM jsonb_array_elements(p->'events') WITH ORDINALITY AS r(e, n)
    ORDER BY r.n
    RETURNING global_position, transaction_id, stream_version, event_id
  )
  SELECT jsonb_agg(jsonb_build_object('globalPosition', global_position::text, 'transactionId', transaction_id::text,
           'version', stream_version, 'eventId', event_id) ORDER BY stream_version)
  INTO inserted FROM rows;
  IF idempotency IS NOT NULL THEN
    PERFORM idempotency_complete(idempotency, idempotency->'response' || jsonb_build_object(
      'eventId', inserted->-1->'eventId', 'version', inserted->-1->'version',
      'position', (inserted->-1->>'globalPosition')::bigint));
  END IF;
  RETURN jsonb_build_object('events', inserted);
END
$$;

-- Several writes in one transaction: one commit (one WAL flush) for all. Streams are locked in one order by every
-- batch, so two batches never wait on each other in a cycle. Answers stream_append's answers in the order of the
-- writes.
CREATE OR REPLACE FUNCTION stream_append_batch(writes jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  outcomes jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(writes)]);
  w record;
BEGIN
  FOR w IN
    SELECT value, ordinality FROM jsonb_array_elements(writes) WITH ORDINALITY
    ORDER BY hashtextextended(value->>'streamId', 0), ordinality
  LOOP
    outcomes[w.ordinality] := stream_append(w.value);
  END LOOP;
  RETURN to_jsonb(outcomes);
END
$$;
