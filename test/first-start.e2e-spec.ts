// The embedded default as a new user meets it: no DATABASE_URL, no API_KEYS. The first start creates an admin key
// (printed once, stored hashed); data and key survive a restart.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.js';
import { seedDeal } from './support/deals.js';
import { testConfig } from './support/test-app.js';

describe('first start on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deal-tracker-'));
  const config = testConfig({ dataDir, apiKeys: null, databaseUrl: null });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function start(overrides: Partial<typeof config> = {}): Promise<{ app: INestApplication; printed: string }> {
    let printed = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    try {
      const app = await createApp({ ...config, ...overrides });
      await app.init();
      return { app, printed };
    } finally {
      write.mockRestore();
    }
  }

  it('creates one admin key, keeps only its hash, and keeps data across a restart', async () => {
    const first = await start();
    const secret = /Bearer (dt_[A-Za-z0-9_-]{32})\n/.exec(first.printed)?.[1] ?? '';
    expect(secret).toMatch(/^dt_[A-Za-z0-9_-]{32}$/); // 24 random bytes
    const stored = await first.app.get(DataSource).query('SELECT name, role, secret_hash FROM api_keys');
    // Only the SHA-256 of the secret is kept: the database alone cannot give the key away.
    expect(stored).toEqual([{ name: 'admin', role: 'admin', secret_hash: createHash('sha256').update(secret).digest('hex') }]);
    expect(JSON.stringify(stored)).not.toContain(secret);

    const http = request(first.app.getHttpServer());
    const created = await http.post('/deals').set('Authorization', `Bearer ${secret}`).send(seedDeal).expect(201);
    // An admin key: it may load FX rates, which an analyst may not; a wrong key may do nothing.
    await http.post('/fx-rates').set('Authorization', `Bearer ${secret}`).send({ rates: [{ date: '2025-03-27', currency: 'EUR', usd: '1.08' }] }).expect(201);
    await http.get('/deals').set('Authorization', `Bearer ${secret}x`).expect(401);
    await first.app.close();

    const second = await start();
    expect(second.printed).not.toContain('Bearer');
    const view = await request(second.app.getHttpServer())
      .get(`/deals/${created.body.dealId}`)
      .set('Authorization', `Bearer ${secret}`)
      .expect(200);
    expect(view.body).toMatchObject({ status: 'pending', valueUsd: '45000000000', announcedOn: '2025-03-28' });
    await second.app.close();

    // With API_KEYS set, the stored key is refused, and the start says so.
    const third = await start({ apiKeys: [{ name: 'desk', role: 'viewer', secret: 'desk-viewer-secret-0001' }] });
    expect(third.printed).toContain('API_KEYS is set, so only its keys are accepted: the key created at an earlier start');
    await request(third.app.getHttpServer()).get('/deals').set('Authorization', `Bearer ${secret}`).expect(401);
    await request(third.app.getHttpServer()).get('/deals').set('Authorization', 'Bearer desk-viewer-secret-0001').expect(200);
    await third.app.close();
  });

  it('refuses to start in production without API_KEYS', async () => {
    const app = await createApp(testConfig({ production: true, apiKeys: null, dataDir: 'memory://' }));
    await expect(app.init()).rejects.toThrow(/API_KEYS/);
    await app.close();
  });
});
