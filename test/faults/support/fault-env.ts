// Settings shared by the fault specs: they run real server processes against a real PostgreSQL, never PGlite.
import { createServer } from 'node:net';

/** The PostgreSQL server the crash and two-instance specs create their database on; unset is a failure, not a skip. */
export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      'The fault tests need a real PostgreSQL: set DATABASE_URL, e.g. ' +
        'DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run test:faults',
    );
  }
  return url;
}

/** How long the writers run under each fault (FAULT_SECONDS, default 20). */
export function faultSeconds(fallback = 20): number {
  const value = process.env.FAULT_SECONDS;
  if (value === undefined || value === '') return fallback;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 3 || seconds > 600) throw new Error(`FAULT_SECONDS must be 3-600, got "${value}"`);
  return seconds;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; fails after `timeoutMs` instead of hanging. */
export async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(everyMs);
  }
}
