// Emmett 0.42's PostgreSQL event store, used as its docs show: appendToStream with an expected stream version.
import { isExpectedVersionConflictError } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { Conflict } from './conflict.mjs';

export async function open(url, { poolSize }) {
  // Its own pool of the same size as the other contenders' (dumbo's default differs).
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pooled: true, pool } });
  await store.schema.migrate();
  return {
    async append(dealId, expectedVersion, body) {
      const { type, ...data } = body;
      try {
        const result = await store.appendToStream(`deal-${dealId}`, [{ type, data: { ...data, type } }], {
          expectedStreamVersion: BigInt(expectedVersion),
        });
        return Number(result.nextExpectedStreamVersion);
      } catch (error) {
        // Its error's `current` is not the stream's version under contention: the workload re-reads it.
        if (isExpectedVersionConflictError(error)) throw new Conflict(undefined);
        throw error;
      }
    },
    store,
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    versionSql: `SELECT coalesce(max(stream_position), 0)::int AS version FROM emt_messages WHERE stream_id = $1`,
    auditSql: `SELECT stream_id AS stream, stream_position AS version, message_data->>'note' AS note FROM emt_messages`,
    close: async () => {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}
