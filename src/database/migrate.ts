import { type DataSource, MigrationExecutor } from 'typeorm';

// Any fixed number: it names the lock that start-up migrations take on a shared PostgreSQL.
const MIGRATION_LOCK = 7_240_611;

/**
 * Applies pending migrations. Instances starting together against one PostgreSQL take turns through a
 * session advisory lock; the embedded database has one process and one pooled connection, so it needs none.
 */
export async function migrate(dataSource: DataSource, embedded: boolean): Promise<void> {
  if (embedded) {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // On the lock's own connection: a pool of one (DATABASE_POOL_SIZE=1) has no second connection to lend.
    const executor = new MigrationExecutor(dataSource, lock);
    executor.transaction = 'all';
    await executor.executePendingMigrations();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}
