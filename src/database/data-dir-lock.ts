// An embedded database belongs to one process: PGlite keeps its pages in that process's memory and writes them back
// when it pleases, so a second process opening the same folder corrupts it. The lock is a listening Unix socket,
// which the operating system closes when its process ends, however it ends: a crash never leaves the folder locked.
import { createHash } from 'node:crypto';
import { existsSync, realpathSync, rmSync } from 'node:fs';
import { type Server, connect, createServer } from 'node:net';
import { join } from 'node:path';

export class DatabaseInUse extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by another process (a running server?). Nothing was changed. ` +
        'Stop that process first, or ask the running server instead: POST /projections/rebuild (admin) rebuilds the ' +
        'views beside it; an import needs the server stopped.',
    );
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/** Takes the folder's lock, or throws DatabaseInUse when another process (or this one) holds it. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = lockPath(dataDir);
  const server = createServer();
  try {
    await listen(server, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    // A socket file left by a process that died (where no abstract socket exists) answers no one: take it over.
    if (path.startsWith('\0') || (await answers(path))) throw new DatabaseInUse(dataDir);
    rmSync(path, { force: true });
    await listen(server, path).catch(() => Promise.reject(new DatabaseInUse(dataDir)));
  }
  server.on('connection', (socket) => socket.destroy());
  server.unref(); // the lock must not keep the process alive
  return { release: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Linux has abstract sockets (no file: named after the folder's real path, gone with the process); elsewhere a
 * socket file in the folder.
 */
function lockPath(dataDir: string): string {
  const real = existsSync(dataDir) ? realpathSync(dataDir) : dataDir;
  if (process.platform === 'linux') return `\0deal-tracker-${createHash('sha256').update(real).digest('hex').slice(0, 32)}`;
  return join(real, '.deal-tracker.lock');
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
