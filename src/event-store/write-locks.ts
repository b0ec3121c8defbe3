import type { EntityManager } from 'typeorm';

// Any fixed number: it names the lock every write holds shared and a projection rebuild takes exclusively.
const READ_TABLES_LOCK = 7_240_612;

/**
 * Taken first by every write transaction, in one round trip: the read-tables lock (shared, so writers never wait
 * for each other on it) and then the stream's own lock (exclusive, so writers of one stream queue instead of racing
 * to the unique version). Because writers take the shared lock before touching any table, a rebuild that holds it
 * exclusively can lock and swap tables without ever deadlocking with a writer halfway through.
 */
export async function lockStreamForWrite(manager: EntityManager, streamId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock_shared($1), pg_advisory_xact_lock(hashtextextended($2, 0))', [
    READ_TABLES_LOCK,
    streamId,
  ]);
}

/** Waits for in-flight writes to finish and holds new ones at their first statement until the transaction ends. */
export async function holdWritesBack(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [READ_TABLES_LOCK]);
}
