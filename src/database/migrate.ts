import pg from 'pg';
import { type DataSource, MigrationExecutor } from 'typeorm';
import { applySqlSource } from './sql-source.js';

// Any fixed number: it names the lock that start-up work takes on a shared PostgreSQL.
const STARTUP_LOCK = 7_240_611;

/**
 * Applies the pending migrations and then the SQL source (sql-source.ts) in one transaction, so a database is never
 * left with new tables and old functions. Run at every start, by the server and the command-line tools.
 */
export async function migrate(dataSource: DataSource, embedded: boolean): Promise<void> {
  await withStartupLock(dataSource, embedded, async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all'; // in the transaction started above
      await executor.executePendingMigrations();
      await applySqlSource(runner);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  });
}

/**
 * Instances starting together against one PostgreSQL take turns through a session advisory lock, held on a
 * connection of its own (a pool of one, DATABASE_POOL_SIZE=1, still has its connection to lend) and released when
 * that connection ends. The embedded database belongs to one process, which needs no lock.
 */
export async function withStartupLock<T>(dataSource: DataSource, embedded: boolean, work: () => Promise<T>): Promise<T> {
  if (embedded) return work();
  const lock = new pg.Client({ connectionString: (dataSource.options as { url: string }).url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await lock.end();
  }
}
