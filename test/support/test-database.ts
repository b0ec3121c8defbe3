// Each test file gets its own empty database: a fresh PostgreSQL database when DATABASE_URL is set (CI),
// otherwise a throwaway in-memory embedded PGlite.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { migrate } from '../../src/database/migrate.js';
import { TEMPLATE_ENV } from './global-setup.js';

export interface TestDatabase {
  url: string;
  embedded: boolean;
  dispose(): Promise<void>;
}

export const onRealPostgres = Boolean(process.env.DATABASE_URL);

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres('memory://', process.env[TEMPLATE_ENV]);
    return { url: embedded.url, embedded: true, dispose: () => embedded.stop() };
  }
  const name = `deal_tracker_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await runOnServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    dispose: () => runOnServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function runOnServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database with the migrations and SQL source applied, for specs of SQL functions; no app around it. */
export async function openMigratedDatabase(): Promise<{ dataSource: DataSource; close(): Promise<void> }> {
  const db = await createTestDatabase();
  const dataSource = createDataSource({ url: db.url, embedded: db.embedded });
  await dataSource.initialize();
  await migrate(dataSource, db.embedded);
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      await db.dispose();
    },
  };
}
