import type { EntityManager } from 'typeorm';

// The locks themselves, and why every write takes them in this order, are in write-locks.sql.

/** The read-tables lock (shared) and then the stream's own lock, for the rest of the caller's transaction. */
export async function lockStreamForWrite(manager: EntityManager, streamId: string): Promise<void> {
  await manager.query('SELECT lock_stream_for_write($1)', [streamId]);
}

/** Waits for in-flight writes to finish and holds new ones at their first statement until the transaction ends. */
export async function holdWritesBack(manager: EntityManager): Promise<void> {
  await manager.query('SELECT hold_writes_back()');
}
