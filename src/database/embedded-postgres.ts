// The embedded default: PGlite (PostgreSQL in WASM) behind its socket server, so the app keeps one code path,
// the `pg` driver, for both the embedded and a real PostgreSQL.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** PGlite allows one transaction at a time; more pool connections only queue, but a few keep reads flowing. */
export const EMBEDDED_MAX_CONNECTIONS = 20;

/**
 * `template`: an image of an empty database (PGlite's dumpDataDir) that a memory:// database starts from instead of
 * running initdb; the test suite starts dozens of them.
 */
export async function startEmbeddedPostgres(dataDir: string, template?: string): Promise<EmbeddedPostgres> {
  // Loaded lazily so a server with DATABASE_URL never pays for the WASM module.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const inMemory = dataDir.startsWith('memory://');
  const location = inMemory ? dataDir : join(dataDir, 'pglite');
  if (!inMemory) mkdirSync(location, { recursive: true });
  // Before PGlite touches a file: a folder another process holds is refused, not opened beside it.
  const lock: DataDirLock | null = inMemory ? null : await lockDataDir(dataDir);
  let db: InstanceType<typeof PGlite> | undefined;
  try {
    db = await PGlite.create({ dataDir: location, ...(inMemory && template ? { loadDataDir: new Blob([readFileSync(template)]) } : {}) });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: EMBEDDED_MAX_CONNECTIONS });
    await server.start();
    const port = server.getServerConn().split(':').pop();
    const opened = db;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        await server.stop();
        await opened.close();
        await lock?.release();
      },
    };
  } catch (error) {
    await db?.close();
    await lock?.release();
    throw error;
  }
}
