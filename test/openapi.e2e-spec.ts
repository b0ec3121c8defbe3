// The published OpenAPI document as its readers use it: linted by Redocly's recommended rules, complete about errors,
// rate limits and operations endpoints, and good enough to generate a typed client (openapi-typescript +
// openapi-fetch) that compiles under `strict` and posts the seed deal.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './support/global-setup.js';
import { type TestApp, KEYS, auth, startTestApp } from './support/test-app.js';

type Operation = { responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: { code: string; status: number } }> }> }>; parameters?: { name: string; schema?: object }[]; security?: unknown[] };

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, { bearerFormat?: string }> }; servers?: unknown[]; info: { license?: object } };
  const dir = join(ROOT, 'node_modules/.cache', `openapi-client-${process.pid}`);
  const file = join(dir, 'openapi.json');
  const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/openapi.json').expect(200)).body;
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(doc));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });

  it('passes Redocly’s recommended rules without an error or a warning', () => {
    const lint = run([join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--format', 'json']);
    const report = JSON.parse(lint.stdout) as { totals: object; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect({ status: lint.status, totals: report.totals }).toEqual({ status: 0, totals: { errors: 0, warnings: 0, ignored: 0 } });
  });

  it('marks every property of a deal and of a write result required, as every response carries it', async () => {
    const posted = await t.http.post('/deals').set(auth('analyst')).send({ type: 'announced', occurredOn: '2025-03-28', acquirer: { name: 'xAI' }, target: { name: 'X Corp.' } }).expect(201);
    const deal = await t.http.get(`/deals/${posted.body.dealId}`).set(auth('analyst')).expect(200);
    const schema = (path: string, method: string, status: string) =>
      (doc.paths[path][method].responses[status].content?.['application/json'] as unknown as { schema: { required: string[] } }).schema;
    expect(Object.keys(posted.body).sort()).toEqual([...schema('/deals', 'post', '201').required].sort());
    expect(Object.keys(deal.body).sort()).toEqual([...schema('/deals/{dealId}', 'get', '200').required].sort());
  });

  it('documents 503 on every operation that reads the database, and 429 on every write', () => {
    for (const { path, method, op } of operations()) {
      if (path !== '/metrics') expect({ path, method, has503: '503' in op.responses }).toEqual({ path, method, has503: true });
      if (method === 'post') expect({ path, has429: '429' in op.responses }).toEqual({ path, has429: true });
    }
    expect(Object.keys(doc.paths['/projections/rebuild'].post.responses).sort()).toEqual(['200', '400', '401', '403', '429', '503']);
  });

  it('documents /health and /metrics, answered without a key', () => {
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/metrics'].get.security).toEqual([]);
  });

  it('names a licence whose link answers without a key', async () => {
    expect(doc.info.license).toEqual({ name: 'Proprietary', url: '/license' });
    expect((await t.http.get('/license').expect(200).expect('content-type', /text\/plain/)).text).toMatch(/All rights reserved/);
  });

  it('describes the key as an opaque bearer token, not a JWT', () => {
    expect(Object.values(doc.components.securitySchemes).map((s) => s.bearerFormat)).toEqual(['API key']);
  });

  it('gives each error status examples with its own codes', () => {
    for (const { op } of operations()) {
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
        for (const { value } of Object.values(response.content?.['application/problem+json']?.examples ?? {})) {
          expect({ status: value.status, code: value.code === 'VALIDATION_FAILED' }).toEqual({ status: Number(status), code: status === '400' });
        }
      }
    }
  });

  it('types every query parameter', () => {
    for (const { path, op } of operations()) {
      for (const p of op.parameters ?? []) expect({ path, name: p.name, typed: p.schema !== undefined && Object.keys(p.schema).length > 0 }).toEqual({ path, name: p.name, typed: true });
    }
  });

  const examplesOf = (path: string) =>
    Object.values(
      (doc.paths[path].post as unknown as { requestBody: { content: Record<string, { examples: Record<string, { value: object }> }> } }).requestBody.content[
        'application/json'
      ].examples,
    ).map(({ value }) => value);

  it('offers examples for POST /deals that create a deal each time they are tried, and later-event examples the first one takes in turn', async () => {
    const [first, ...others] = examplesOf('/deals');
    for (const value of [first, first, ...others]) await t.http.post('/deals').set(auth('analyst')).send(value).expect(201);
    const dealId = (await t.http.post('/deals').set(auth('analyst')).send(first).expect(201)).body.dealId;
    for (const value of examplesOf('/deals/{dealId}/events')) {
      await t.http.post(`/deals/${dealId}/events`).set(auth('analyst')).send(value).expect(201);
    }
  });

  it('documents 403 only where a key can have too low a role: writes (a viewer reads everything)', () => {
    for (const { path, method, op } of operations()) {
      if (method === 'get') expect({ path, has403: '403' in op.responses }).toEqual({ path, has403: false });
    }
  });

  it('generates a typed client that compiles under strict and posts the seed deal', async () => {
    const generated = run([join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), file, '-o', join(dir, 'api.d.ts')]);
    expect(generated.status).toBe(0);
    writeFileSync(
      join(dir, 'client.ts'),
      `import createClient from 'openapi-fetch';
import type { paths } from './api.js';
const [baseUrl, key] = process.argv.slice(2);
const client = createClient<paths>({ baseUrl, headers: { Authorization: \`Bearer \${key}\` } });
const created = await client.POST('/deals', {
  body: {
    type: 'announced', occurredOn: '2025-03-28', acquirer: { name: 'xAI' }, target: { name: 'X Corp.' },
    value: { amount: '45000000000', currency: 'USD' }, equivalents: [{ amount: '41600000000', currency: 'EUR' }],
  },
});
if (!created.data) throw new Error(JSON.stringify(created.error));
const deal = await client.GET('/deals/{dealId}', { params: { path: { dealId: created.data.dealId } } });
console.log(JSON.stringify({ status: deal.data?.status, valueUsd: deal.data?.valueUsd }));
`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], skipLibCheck: true }, files: ['client.ts'] }),
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const compiled = run([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir]);
    expect(`${compiled.stdout}${compiled.stderr}`).toBe('');
    const address = t.app.getHttpServer().address() as { port: number };
    // Asynchronously: the server answering the client runs in this process.
    const posted = await promisify(execFile)(process.execPath, [join(dir, 'client.js'), `http://127.0.0.1:${address.port}`, KEYS.analyst]);
    expect(posted.stderr).toBe('');
    expect(JSON.parse(posted.stdout)).toEqual({ status: 'pending', valueUsd: '45000000000' });
  });
});
