// The embedded database belongs to one process. A second process (the rebuild or import command beside a running
// server) must refuse to open it, say what to do instead, and leave it untouched; a process that dies releases it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseInUse, lockDataDir } from '../src/database/data-dir-lock.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { seedDeal } from './support/deals.js';
import { ROOT, built } from './support/global-setup.js';
import { type TestApp, auth, startAppOn, testConfig } from './support/test-app.js';

describe('an embedded database held by a running server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deal-tracker-lock-'));
  let server: TestApp;
  let dealId: string;

  beforeAll(async () => {
    server = await startAppOn(testConfig({ dataDir, embeddedTemplate: undefined }), async () => undefined);
    dealId = (await server.http.post('/deals').set(auth('analyst')).send(seedDeal).expect(201)).body.dealId;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const command = (script: string, ...args: string[]) =>
    spawnSync(process.execPath, [built(`src/cli/${script}`), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });

  it.each([
    ['the rebuild command', 'rebuild-projections.js'],
    ['the import command', 'import-deals.js'],
  ])('%s refuses to open it, exits non-zero, says what to do instead', (_, script) => {
    const lines = join(dataDir, '..', `lines-${script}.ndjson`);
    writeFileSync(lines, `${JSON.stringify({ ...seedDeal, dealId: '6f0c2a5e-43a8-4c0e-9d7f-2b1e8a9c0d11' })}\n`);
    const run = command(script, ...(script.startsWith('import') ? [lines] : []));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`The embedded database in ${dataDir} is in use by another process`);
    expect(run.stderr).toContain('POST /projections/rebuild');
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('keeps serving reads and writes from the untouched database afterwards', async () => {
    const view = await server.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200);
    expect(view.body).toMatchObject({ status: 'pending', version: 1 });
    await server.http.post(`/deals/${dealId}/events`).set(auth('analyst')).send({ type: 'closed', occurredOn: '2025-03-28' }).expect(201);
    expect((await server.http.get('/deals').set(auth('viewer')).expect(200)).body.items).toHaveLength(1);
  });

  it('refuses a second opening in the same process too', async () => {
    await expect(startEmbeddedPostgres(dataDir)).rejects.toBeInstanceOf(DatabaseInUse);
  });
});

describe('a process holding an embedded database that dies', () => {
  it('leaves the folder free for the next one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deal-tracker-lock-'));
    try {
      const holder = spawn(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(built('src/database/data-dir-lock.js'))});
          await m.lockDataDir(${JSON.stringify(dataDir)}); console.log('locked'); setInterval(() => {}, 1000);`],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
      await expect(lockDataDir(dataDir)).rejects.toBeInstanceOf(DatabaseInUse);
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      holder.kill('SIGKILL');
      await exited;
      const lock = await lockDataDir(dataDir);
      await lock.release();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
