import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { DatabaseInUse } from '../database/data-dir-lock.js';
import { createDataSource } from '../database/data-source.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { migrate } from '../database/migrate.js';

/**
 * The database a command-line tool works on, migrated: PostgreSQL from DATABASE_URL, else the embedded one under
 * DATA_DIR (which belongs to one process: the server must be stopped).
 */
/** A command's failure, said plainly: a database another process holds needs its message, not a stack trace. */
export function reportFailure(whatHappened: string, error: unknown): void {
  if (error instanceof DatabaseInUse) console.error(error.message);
  else console.error(whatHappened, error);
}

export async function openCliDatabase(config: AppConfig): Promise<{ dataSource: DataSource; embedded: boolean; close(): Promise<void> }> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir);
  const dataSource = createDataSource({ url: config.databaseUrl ?? embedded!.url, embedded: embedded !== null });
  await dataSource.initialize();
  const close = async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  };
  try {
    await migrate(dataSource, embedded !== null);
  } catch (error) {
    await close();
    throw error;
  }
  return { dataSource, embedded: embedded !== null, close };
}
