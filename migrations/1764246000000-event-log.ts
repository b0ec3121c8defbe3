import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The event log, idempotency records and API keys. The log's append-only trigger is in src/event-store/event-log.sql. */
export class EventLog1764246000000 implements MigrationInterface {
  name = 'EventLog1764246000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- The writer's transaction id: readers of the whole log order by (transaction_id, global_position) and stop
        -- below the oldest transaction still running, so an event that commits late is never skipped.
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        stream_version  integer     NOT NULL CHECK (stream_version > 0),
        event_id        uuid        NOT NULL UNIQUE,
        event_type      text        NOT NULL,
        schema_version  smallint    NOT NULL DEFAULT 1,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
        occurred_on     date        NOT NULL,
        -- Millisecond precision so a recordedAt read back over JSON compares equal to the stored one (knownAt reads).
        recorded_at     timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      )`);
    await db.query(`CREATE INDEX events_commit_order ON events (transaction_id, global_position)`);
    await db.query(`
      CREATE TABLE idempotency_keys (
        actor        text        NOT NULL,
        key          text        NOT NULL,
        request_hash text        NOT NULL,
        response     jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor, key)
      )`);

    await db.query(`
      CREATE TABLE api_keys (
        name        text        PRIMARY KEY,
        role        text        NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
        secret_hash text        NOT NULL UNIQUE,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE api_keys');
    await db.query('DROP TABLE idempotency_keys');
    await db.query('DROP TABLE events');
  }
}
