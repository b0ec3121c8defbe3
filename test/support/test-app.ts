import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { DataSource as DataSourceToken } from 'typeorm';
import { createApp } from '../../src/app.js';
import { type AppConfig, parseApiKeys } from '../../src/config/config.js';
import { TEMPLATE_ENV } from './global-setup.js';
import { type TestDatabase, createTestDatabase } from './test-database.js';

export const KEYS = {
  viewer: 'viewer-secret-0001',
  analyst: 'analyst-secret-0001',
  admin: 'admin-secret-0001',
} as const;

export const auth = (role: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[role]}` });

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    production: false,
    databaseUrl: null,
    databasePoolSize: 10,
    dataDir: 'memory://',
    apiKeys: parseApiKeys(Object.entries(KEYS).map(([role, secret]) => `${role}:${role}:${secret}`).join(',')),
    bodyLimit: '64kb',
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests post in bursts; the rate limit has its own test.
    writeRateLimitPerMinute: 0,
    shutdownGraceMs: 2_000,
    embeddedTemplate: process.env[TEMPLATE_ENV],
    ...overrides,
  };
}

/** The real application on its own fresh database (PostgreSQL when DATABASE_URL is set, else embedded). */
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const db: TestDatabase | null = process.env.DATABASE_URL ? await createTestDatabase() : null;
  return startAppOn(testConfig({ databaseUrl: db?.url ?? null, ...overrides }), async () => db?.dispose());
}

/** The real application with this configuration; `dispose` removes its database after the app has closed. */
export async function startAppOn(config: AppConfig, dispose: () => Promise<void>): Promise<TestApp> {
  const app = await createApp(config);
  await app.init();
  await app.listen(0, '127.0.0.1');
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSourceToken),
    async close() {
      await app.close();
      await dispose();
    },
  };
}
