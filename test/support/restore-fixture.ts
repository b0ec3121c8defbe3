// Databases written by earlier commits of the project (test/fixtures/upgrade, made by make-fixture.sh): a plain SQL
// dump restored into a fresh database, for the upgrade tests.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { AppConfig } from '../../src/config/config.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { createTestDatabase } from './test-database.js';

export interface RestoredDatabase {
  /** Where the app finds it: a PostgreSQL database, or an embedded one on disk. */
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>;
  dispose(): Promise<void>;
}

const fixture = (file: string) => readFileSync(new URL(`../fixtures/upgrade/${file}`, import.meta.url), 'utf8');

/** What the commit's server answered, path by path: {status, body}. */
export const recordedViews = (commit: string): Record<string, { status: number; body: unknown }> =>
  JSON.parse(fixture(`${commit}.views.json`));

export async function restoreFixture(commit: string): Promise<RestoredDatabase> {
  if (process.env.DATABASE_URL) {
    const db = await createTestDatabase();
    await restore(db.url, commit);
    return { config: { databaseUrl: db.url, dataDir: 'memory://' }, dispose: () => db.dispose() };
  }
  // The app opens the embedded database itself, so it is restored on disk and closed first.
  const dataDir = mkdtempSync(join(tmpdir(), 'deal-tracker-upgrade-'));
  const embedded = await startEmbeddedPostgres(dataDir);
  try {
    await restore(embedded.url, commit);
  } finally {
    await embedded.stop();
  }
  return { config: { databaseUrl: null, dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

async function restore(url: string, commit: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // psql meta-commands (\restrict) are not SQL; the rest runs as one multi-statement query.
    const dump = fixture(`${commit}.sql`).split('\n').filter((line) => !line.startsWith('\\')).join('\n');
    await client.query(dump);
    await client.query('RESET ALL'); // the dump empties the search_path for its session
    await passTransactionIds(client);
  } finally {
    await client.end();
  }
}

/**
 * The dump keeps the transaction ids the events were written with. A fresh cluster may not have reached them yet,
 * and the gap-safe reader holds back every event of a transaction it takes for one still running: use up ids until
 * the counter is past them, as a restore into a new cluster must.
 */
async function passTransactionIds(client: pg.Client): Promise<void> {
  await client.query('SET synchronous_commit = off');
  const [{ highest }] = (await client.query("SELECT coalesce(max(transaction_id)::text, '0') AS highest FROM events")).rows;
  for (;;) {
    const [{ current }] = (await client.query('SELECT pg_current_xact_id()::text AS current')).rows;
    if (BigInt(current) > BigInt(highest)) return;
  }
}
