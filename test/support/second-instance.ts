// A second server instance on the SAME database as a running test app: what a scaled-out deployment looks like.
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { type TestApp, testConfig } from './test-app.js';

/** The PostgreSQL url the test app runs on; null on the embedded database, which one process owns. */
export function databaseUrlOf(t: TestApp): string | null {
  const url = (t.dataSource.options as { url?: string }).url;
  return process.env.DATABASE_URL && url ? url : null;
}

/** Starts another instance against `databaseUrl`; closing it leaves the database (the first app owns it). */
export async function startSecondInstance(databaseUrl: string): Promise<TestApp> {
  const app = await createApp(testConfig({ databaseUrl }));
  await app.init();
  await app.listen(0, '127.0.0.1');
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}
