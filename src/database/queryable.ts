import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * Where a statement runs: the DataSource (each statement its own transaction) or a transaction's EntityManager.
 * `prepared`: name the statements, so each connection parses and plans them once. Not on the embedded database:
 * its socket server serves every connection from one backend, which keeps the names of connections the pool closed.
 */
export interface Queryable {
  db: DataSource | EntityManager;
  prepared: boolean;
}

interface PoolClient {
  query(config: object): Promise<{ rows: Record<string, unknown>[] }>;
  release(destroy?: unknown): void;
  listenerCount(event: string): number;
  on(event: 'error', listener: (error: Error) => void): void;
}

/**
 * A connection that dies while checked out emits 'error' besides failing its query; with no listener that would
 * crash the process. TypeORM adds one to the connections it hands out; these may never pass through TypeORM.
 */
function survivesConnectionLoss(client: PoolClient): PoolClient {
  if (client.listenerCount('error') === 0) client.on('error', () => undefined); // the failed query reports it
  return client;
}

/** Outside a transaction the hot statements go straight to the driver's pool, skipping TypeORM's per-query runner. */
export async function run({ db, prepared }: Queryable, name: string, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  if (!(db instanceof DataSource)) return db.query(text, values);
  const pool = (db.driver as PostgresDriver).master as { connect(): Promise<PoolClient> };
  const client = survivesConnectionLoss(await pool.connect());
  let broken: unknown;
  try {
    return (await client.query(prepared ? { name, text, values } : { text, values })).rows;
  } catch (error) {
    // An error the server reported (a constraint, a bad value) leaves the connection fine; pool.query() would close
    // it anyway, and each such refusal would then cost a new connection.
    if (!(error instanceof pg.DatabaseError)) broken = error;
    throw error;
  } finally {
    client.release(broken);
  }
}
