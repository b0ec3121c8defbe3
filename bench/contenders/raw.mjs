// The ceiling: plain `pg`, one INSERT per event in its own transaction (a single round trip), into a table shaped
// like the project's log (global position, stream and version unique, event id, jsonb data and metadata).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Conflict } from './conflict.mjs';

export const RAW_SCHEMA = `
  CREATE TABLE IF NOT EXISTS raw_events (
    global_position bigserial PRIMARY KEY,
    stream_id text NOT NULL,
    stream_version integer NOT NULL,
    event_id uuid NOT NULL UNIQUE,
    event_type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    occurred_on date NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (stream_id, stream_version)
  )`;

export const INSERT_ONE = `INSERT INTO raw_events (stream_id, stream_version, event_id, event_type, data, metadata, occurred_on)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

export async function open(url, { poolSize }) {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  await pool.query(RAW_SCHEMA);
  const metadata = JSON.stringify({ actor: 'bench' });
  return {
    async append(dealId, expectedVersion, body) {
      const version = expectedVersion + 1;
      const params = [`deal-${dealId}`, version, randomUUID(), body.type, JSON.stringify(body), metadata, body.occurredOn];
      try {
        await pool.query({ name: 'insert-one', text: INSERT_ONE, values: params });
        return version;
      } catch (error) {
        if (error.code === '23505') throw new Conflict(undefined);
        throw error;
      }
    },
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    versionSql: `SELECT coalesce(max(stream_version), 0)::int AS version FROM raw_events WHERE stream_id = $1`,
    auditSql: `SELECT stream_id AS stream, stream_version AS version, data->>'note' AS note FROM raw_events`,
    close: () => pool.end(),
  };
}
