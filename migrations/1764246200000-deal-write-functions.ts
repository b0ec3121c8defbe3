import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deal write path in one round trip, and the projection upserts it shares with rebuilds.
 *
 * `deal_append` does in one statement (its own transaction) what used to take seven: take the write locks, claim the
 * idempotency key, check the stream is still at the version the decision was made on, insert the events and update
 * the read tables. The decision itself stays in TypeScript, made on a read taken just before.
 *
 * The projection functions take rows the TypeScript projections computed and resolve table names through the
 * caller's search_path, so a rebuild writes the same rows into its shadow tables. All are PL/pgSQL so each session
 * plans their statements once (PostgreSQL re-plans a cached statement when the search_path changes).
 */
export class DealWriteFunctions1764246200000 implements MigrationInterface {
  name = 'DealWriteFunctions1764246200000';

  async up(db: QueryRunner): Promise<void> {
    // `view` arrives as JSON text: json keeps the key order GET /deals/{dealId} serves, jsonb would sort it.
    await db.query(`
      CREATE FUNCTION project_deal_views(rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO deal_views (deal_id, status, acquirer_id, acquirer_name, target_id, target_name, seller_id,
          seller_name, rumored_on, announced_on, closed_on, ended_on, value_amount, value_currency, value_usd_reported,
          value_usd, view, version, updated_at)
        SELECT r.deal_id, r.status, r.acquirer_id, r.acquirer_name, r.target_id, r.target_name, r.seller_id,
          r.seller_name, r.rumored_on, r.announced_on, r.closed_on, r.ended_on, r.value_amount, r.value_currency,
          r.value_usd_reported,
          coalesce(r.value_usd_reported, usd_value(r.value_amount, r.value_currency, coalesce(r.announced_on, r.rumored_on))),
          r.view::json, r.version, r.updated_at
        FROM jsonb_to_recordset(rows) AS r(deal_id uuid, status text, acquirer_id uuid, acquirer_name text,
          target_id uuid, target_name text, seller_id uuid, seller_name text, rumored_on date, announced_on date,
          closed_on date, ended_on date, value_amount numeric, value_currency text, value_usd_reported numeric,
          view text, version integer, updated_at timestamptz)
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

    // Re-applying a sighting changes nothing: the earliest and latest recorded times win.
    await db.query(`
      CREATE FUNCTION project_company_names(rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO company_names (normalized_name, company_id, name, first_seen_at, last_seen_at)
        SELECT r.normalized_name, r.company_id, r.name, r.first_seen_at, r.last_seen_at
        FROM jsonb_to_recordset(rows)
          AS r(normalized_name text, company_id uuid, name text, first_seen_at timestamptz, last_seen_at timestamptz)
        ON CONFLICT (company_id, name) DO UPDATE SET
          first_seen_at = least(company_names.first_seen_at, EXCLUDED.first_seen_at),
          last_seen_at = greatest(company_names.last_seen_at, EXCLUDED.last_seen_at);
      END
      $$`);

    // Answers {"prior": {requestHash, response}} for a key already used, {"conflict": version} when the stream moved
    // past expectedVersion (writing nothing, releasing the key), else {"events": [...]}, the inserted events.
    await db.query(`
      CREATE FUNCTION deal_append(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        stream text := p->>'streamId';
        current_version integer;
        prior record;
        inserted jsonb;
      BEGIN
        -- Shared: a projection rebuild takes it exclusively to swap tables. Then the stream's own lock.
        PERFORM pg_advisory_xact_lock_shared(7240612), pg_advisory_xact_lock(hashtextextended(stream, 0));
        IF p->'idempotency' IS NOT NULL AND p->'idempotency' <> 'null'::jsonb THEN
          INSERT INTO idempotency_keys (actor, key, request_hash)
          VALUES (p->'idempotency'->>'actor', p->'idempotency'->>'key', p->'idempotency'->>'hash')
          ON CONFLICT (actor, key) DO NOTHING;
          IF NOT FOUND THEN
            SELECT request_hash, response INTO prior FROM idempotency_keys
            WHERE actor = p->'idempotency'->>'actor' AND key = p->'idempotency'->>'key';
            RETURN jsonb_build_object('prior', jsonb_build_object('requestHash', prior.request_hash, 'response', prior.response));
          END IF;
        END IF;
        SELECT coalesce(max(stream_version), 0) INTO current_version FROM events WHERE stream_id = stream;
        IF current_version <> (p->>'expectedVersion')::integer THEN
          IF p->'idempotency' IS NOT NULL AND p->'idempotency' <> 'null'::jsonb THEN
            DELETE FROM idempotency_keys WHERE actor = p->'idempotency'->>'actor' AND key = p->'idempotency'->>'key';
          END IF;
          RETURN jsonb_build_object('conflict', current_version);
        END IF;
        WITH rows AS (
          INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata, occurred_on, recorded_at)
          SELECT stream, r.stream_version, r.event_id, r.event_type, r.data, p->'metadata', r.occurred_on, r.recorded_at
          FROM jsonb_to_recordset(p->'events')
            AS r(stream_version integer, event_id uuid, event_type text, data jsonb, occurred_on date, recorded_at timestamptz)
          ORDER BY r.stream_version
          RETURNING global_position, transaction_id, stream_version, event_id
        )
        SELECT jsonb_agg(jsonb_build_object('globalPosition', global_position::text, 'transactionId', transaction_id::text,
                 'version', stream_version, 'eventId', event_id) ORDER BY stream_version)
        INTO inserted FROM rows;
        PERFORM project_company_names(p->'companyNames');
        PERFORM project_deal_views(p->'dealViews');
        IF p->'idempotency' IS NOT NULL AND p->'idempotency' <> 'null'::jsonb THEN
          UPDATE idempotency_keys SET response = p->'idempotency'->'response' || jsonb_build_object(
              'eventId', inserted->-1->'eventId', 'version', inserted->-1->'version',
              'position', (inserted->-1->>'globalPosition')::bigint)
          WHERE actor = p->'idempotency'->>'actor' AND key = p->'idempotency'->>'key';
        END IF;
        RETURN jsonb_build_object('events', inserted);
      END
      $$`);

    // Appends of several writers in one transaction: one commit (one WAL flush) for all. Streams are locked in one
    // order by every batch, so two batches never wait on each other in a cycle. Answers deal_append's answers, in
    // the order of the items.
    await db.query(`
      CREATE FUNCTION deal_append_batch(items jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        outcomes jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(items)]);
        item record;
      BEGIN
        FOR item IN
          SELECT value, ordinality FROM jsonb_array_elements(items) WITH ORDINALITY
          ORDER BY hashtextextended(value->>'streamId', 0), ordinality
        LOOP
          outcomes[item.ordinality] := deal_append(item.value);
        END LOOP;
        RETURN to_jsonb(outcomes);
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION deal_append_batch(jsonb)');
    await db.query('DROP FUNCTION deal_append(jsonb)');
    await db.query('DROP FUNCTION project_company_names(jsonb)');
    await db.query('DROP FUNCTION project_deal_views(jsonb)');
  }
}
