// GET /metrics end to end: appends, conflicts and refusals counted with their labels, latency by route template (never
// a raw id), the feed's reader lag and open streams; and the request and correlation ids kept in each event's metadata.
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { DealWriter } from '../src/deals/commands/deal-writer.js';
import { postEvent, seedDeal } from './support/deals.js';
import { KEYS, type TestApp, auth, startTestApp } from './support/test-app.js';
import { waitFor } from './support/wait-for.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

// Broadcom's offer for VMware (May 2022, USD 61bn, closed November 2023 after the SAMR approval).
const vmware = {
  type: 'announced',
  occurredOn: '2022-05-26',
  acquirer: { name: 'Broadcom' },
  target: { name: 'VMware' },
  consideration: 'mixed',
  value: { amount: '61000000000', currency: 'USD' },
};

describe('GET /metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const scrape = async (app: TestApp = t) => parseMetrics((await app.http.get('/metrics').expect(200)).text);

  it('answers without a key in the Prometheus text format, with the process metrics, and is documented as needing none', async () => {
    const res = await t.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const metrics = parseMetrics(res.text);
    expect(value(metrics, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(metrics, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    const document = await t.http.get('/openapi.json').expect(200);
    expect(document.body.paths['/metrics'].get.security).toEqual([]);
  });

  it('counts appends, conflicts and refusals by code, and times requests by route template', async () => {
    const before = await scrape();
    const xai = await t.http.post('/deals').set(auth('analyst')).send(seedDeal).expect(201);
    const dealId: string = xai.body.dealId;
    // Someone priced from a stale version: 412.
    await postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 90 }).set('If-Match', '"7"').expect(412);
    // Announcing an announced deal again, and reusing its id for a new deal: both 409.
    await postEvent(t, dealId, seedDeal).expect(409);
    await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, dealId }).expect(409);
    // A date that is not one: 400.
    await postEvent(t, dealId, { type: 'closed', occurredOn: 'last friday' }).expect(400);
    await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200);

    const after = await scrape();
    const delta = (name: string, labels: Labels = {}) => (value(after, name, labels) ?? 0) - (value(before, name, labels) ?? 0);
    expect(delta('deal_tracker_events_appended_total', { stream_type: 'deal', type: 'announced' })).toBe(1);
    expect(seriesOf(after, 'deal_tracker_events_appended_total').map((s) => s.labels.stream_type)).not.toContain('fx');

    expect(delta('deal_tracker_refusals_total', { status: '412', code: 'VERSION_MISMATCH' })).toBe(1);
    expect(delta('deal_tracker_refusals_total', { status: '409', code: 'INVALID_TRANSITION' })).toBe(1);
    expect(delta('deal_tracker_refusals_total', { status: '409', code: 'DEAL_EXISTS' })).toBe(1);
    expect(delta('deal_tracker_refusals_total', { status: '400', code: 'VALIDATION_FAILED' })).toBe(1);

    expect(delta('deal_tracker_write_conflicts_total', { kind: 'version_mismatch' })).toBe(1);
    expect(delta('deal_tracker_write_conflicts_total', { kind: 'invalid_transition' })).toBe(1);
    expect(delta('deal_tracker_write_conflicts_total', { kind: 'deal_exists' })).toBe(1);
    expect(value(after, 'deal_tracker_write_conflicts_total', { kind: 'retried_race' })).toBe(0);

    const count = (method: string, route: string, status: string) =>
      delta('deal_tracker_http_request_duration_seconds_count', { method, route, status });
    expect(count('POST', '/deals', '201')).toBe(1);
    expect(count('POST', '/deals', '409')).toBe(1);
    expect(count('POST', '/deals/:dealId/events', '412')).toBe(1);
    expect(count('POST', '/deals/:dealId/events', '409')).toBe(1);
    expect(count('POST', '/deals/:dealId/events', '400')).toBe(1);
    expect(count('GET', '/deals/:dealId', '200')).toBe(1);
    const getSeconds = value(after, 'deal_tracker_http_request_duration_seconds_sum', { method: 'GET', route: '/deals/:dealId', status: '200' });
    expect(getSeconds).toBeGreaterThan(0);
    expect(value(after, 'deal_tracker_http_request_duration_seconds_bucket', { method: 'GET', route: '/deals/:dealId', status: '200', le: '+Inf' })).toBe(1);

    for (const series of after.series) {
      for (const [label, labelValue] of Object.entries(series.labels)) {
        expect({ metric: series.name, label, value: labelValue }).toEqual({ metric: series.name, label, value: expect.not.stringMatching(UUID) });
      }
    }
  });

  it('labels requests no route answered as unmatched, including bodies refused before routing, and counts 401s', async () => {
    const before = await scrape();
    await t.http.get(`/no-such-thing/${randomUUID()}`).set(auth('viewer')).expect(404);
    await t.http.post('/deals').set(auth('analyst')).set('Content-Type', 'application/json').send('{"type": "announced",').expect(400);
    await t.http.get('/pipeline').expect(401);
    const after = await scrape();
    const delta = (name: string, labels: Labels) => (value(after, name, labels) ?? 0) - (value(before, name, labels) ?? 0);
    expect(delta('deal_tracker_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(delta('deal_tracker_http_request_duration_seconds_count', { method: 'POST', route: 'unmatched', status: '400' })).toBe(1);
    expect(delta('deal_tracker_http_request_duration_seconds_count', { method: 'GET', route: '/pipeline', status: '401' })).toBe(1);
    expect(delta('deal_tracker_refusals_total', { status: '404', code: 'NOT_FOUND' })).toBe(1);
    expect(delta('deal_tracker_refusals_total', { status: '400', code: 'VALIDATION_FAILED' })).toBe(1);
    expect(delta('deal_tracker_refusals_total', { status: '401', code: 'UNAUTHENTICATED' })).toBe(1);
  });

  it('counts an FX load as one fx append', async () => {
    const rates = [{ date: '2022-05-26', currency: 'GBP', usd: '1.2604' }];
    await t.http.post('/fx-rates').set(auth('admin')).send({ rates }).expect(201);
    const metrics = await scrape();
    expect(value(metrics, 'deal_tracker_events_appended_total', { stream_type: 'fx', type: 'fx_rates_loaded' })).toBe(1);
  });

  it('counts a lost race that was retried once, and its events once', async () => {
    const dealId = (await t.http.post('/deals').set(auth('analyst')).send(vmware).expect(201)).body.dealId;
    const before = await scrape();
    // Between the write's read and its append, a writer that bypassed the app takes version 2 (as another
    // instance's would): the append finds the deal moved on, and the write is re-read, re-decided and retried.
    const batcher = t.app.get(DealWriter)['batcher'];
    const append = batcher.append.bind(batcher);
    let raced = false;
    const race = jest.spyOn(batcher, 'append').mockImplementation(async (request) => {
      if (!raced) {
        raced = true;
        await t.dataSource.query(
          `INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata, occurred_on)
           VALUES ($1, 2, $2, 'regulatory', '{"authority": "EC", "decision": "filed"}', '{"actor": "elsewhere"}', '2023-08-01')`,
          [`deal-${dealId}`, randomUUID()],
        );
      }
      return append(request);
    });
    try {
      const res = await postEvent(t, dealId, { type: 'regulatory', occurredOn: '2023-08-21', authority: 'SAMR', jurisdiction: 'CN', decision: 'approved' }).expect(201);
      expect(res.body.version).toBe(3);
    } finally {
      race.mockRestore();
    }
    expect(raced).toBe(true);
    const after = await scrape();
    const delta = (name: string, labels: Labels) => (value(after, name, labels) ?? 0) - (value(before, name, labels) ?? 0);
    expect(delta('deal_tracker_write_conflicts_total', { kind: 'retried_race' })).toBe(1);
    expect(delta('deal_tracker_events_appended_total', { stream_type: 'deal', type: 'regulatory' })).toBe(1);
  });

  it('shows committed events held back behind an open transaction as feed lag, and none once it ends', async () => {
    const held = (m: Metrics) => value(m, 'deal_tracker_feed_held_back_events');
    const lag = (m: Metrics) => value(m, 'deal_tracker_feed_lag_seconds');
    // Idle: nothing held back, no lag (both read in one scrape). On PostgreSQL other test files share the cluster
    // and briefly hold its horizon too; their transactions are short, so wait for a scrape without any.
    let idle: Metrics | undefined;
    await waitFor(async () => held((idle = await scrape())) === 0, 'no held-back events');
    expect({ held: held(idle!), lag: lag(idle!) }).toEqual({ held: 0, lag: 0 });
    if (process.env.DATABASE_URL) {
      // A transaction that has taken its id and stays open: everything committed after it waits for it.
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query('SELECT pg_current_xact_id()');
        const writing = Date.now();
        await t.http.post('/deals').set(auth('analyst')).send(vmware).expect(201);
        const holding = await scrape();
        expect(held(holding)).toBe(1); // the one event of that deal
        // Since the event was recorded: more than nothing, less than the time since the write was sent.
        expect(lag(holding)).toBeGreaterThan(0);
        expect(lag(holding)).toBeLessThan((Date.now() - writing) / 1000 + 0.5);
      } finally {
        await runner.commitTransaction();
        await runner.release();
      }
      await waitFor(async () => held((idle = await scrape())) === 0, 'the held-back event to be released');
      expect(lag(idle!)).toBe(0);
    }
  });

  it('counts open event streams and times a stream by its route once it closes', async () => {
    const before = await scrape();
    expect(value(before, 'deal_tracker_sse_streams_open')).toBe(0);
    const stream = await openEventStream(t);
    await waitFor(async () => value(await scrape(), 'deal_tracker_sse_streams_open') === 1, 'the stream to be counted');
    stream.destroy();
    await waitFor(async () => value(await scrape(), 'deal_tracker_sse_streams_open') === 0, 'the stream to be dropped');
    const labels = { method: 'GET', route: '/events/stream', status: '200' };
    await waitFor(
      async () => (value(await scrape(), 'deal_tracker_http_request_duration_seconds_count', labels) ?? 0) === 1,
      'the closed stream to be timed',
    );
  });

  it('keeps each application’s counts in its own registry', async () => {
    const other = await startTestApp();
    try {
      const mine = await scrape();
      expect(value(mine, 'deal_tracker_events_appended_total', { stream_type: 'deal', type: 'announced' })).toBeGreaterThan(0);
      const theirs = await scrape(other);
      expect(seriesOf(theirs, 'deal_tracker_events_appended_total')).toEqual([]);
      expect(value(theirs, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});

describe('request and correlation ids', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const metadataOf = async (eventId: string) =>
    (await t.dataSource.query('SELECT metadata FROM events WHERE event_id = $1', [eventId]))[0].metadata;

  it('keeps X-Request-Id and X-Correlation-Id in the metadata of a deal event and echoes the request id', async () => {
    const res = await t.http
      .post('/deals')
      .set(auth('analyst'))
      .set('X-Request-Id', 'abc-123')
      .set('X-Correlation-Id', 'corr-9')
      .send(seedDeal)
      .expect(201);
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(await metadataOf(res.body.eventId)).toEqual({ actor: 'analyst', requestId: 'abc-123', correlationId: 'corr-9' });
  });

  it('stores the generated request id when the client sends none, and leaves out a correlation id never given', async () => {
    const res = await t.http.post('/deals').set(auth('analyst')).send(vmware).expect(201);
    const requestId = res.headers['x-request-id'];
    expect(requestId).toMatch(UUID);
    expect(await metadataOf(res.body.eventId)).toEqual({ actor: 'analyst', requestId });
  });

  it('does the same for an FX load', async () => {
    const res = await t.http
      .post('/fx-rates')
      .set(auth('admin'))
      .set('X-Request-Id', 'fx-load-7')
      .set('X-Correlation-Id', 'ecb-2022-05-26')
      .send({ rates: [{ date: '2022-05-26', currency: 'EUR', usd: '1.0694' }] })
      .expect(201);
    expect(res.headers['x-request-id']).toBe('fx-load-7');
    const [row] = await t.dataSource.query(`SELECT metadata FROM events WHERE stream_id = 'fx-rates' ORDER BY global_position DESC LIMIT 1`);
    expect(row.metadata).toEqual({ actor: 'admin', requestId: 'fx-load-7', correlationId: 'ecb-2022-05-26' });
  });

  it('writes both ids on the request’s log line', async () => {
    let output = '';
    // pino writes through process.stdout only when its write is replaced before the logger is created.
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output += String(chunk);
      return true;
    });
    let logged: TestApp | undefined;
    try {
      logged = await startTestApp({ logLevel: 'info' });
      await logged.http.post('/deals').set(auth('analyst')).set('X-Request-Id', 'abc-123').set('X-Correlation-Id', 'corr-9').send(vmware).expect(201);
    } finally {
      await logged?.close();
      write.mockRestore();
    }
    const lines = output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    expect(lines.filter((line) => line.req?.id === 'abc-123')).toEqual([
      expect.objectContaining({ msg: 'request completed', correlationId: 'corr-9', res: expect.objectContaining({ statusCode: 201 }) }),
    ]);
  });

  it('replaces an unusable request id instead of storing or echoing it', async () => {
    const res = await t.http.post('/deals').set(auth('analyst')).set('X-Request-Id', 'no spaces; or semicolons').send({ ...vmware, occurredOn: '2022-05-27' }).expect(201);
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect((await metadataOf(res.body.eventId)).requestId).toBe(res.headers['x-request-id']);
  });

  it('does not store or echo one of its own keys sent as a request or correlation id', async () => {
    const key = 'dt_Qm9vLTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams';
    const body = { ...vmware, occurredOn: '2022-05-28' };
    const res = await t.http.post('/deals').set(auth('analyst')).set('X-Request-Id', key).set('X-Correlation-Id', `job-${key}`).send(body).expect(201);
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(await metadataOf(res.body.eventId)).toEqual({ actor: 'analyst', requestId: res.headers['x-request-id'] });
  });

  it('does not repeat one of its own keys pasted into the path', async () => {
    const key = 'dt_Qm9vLTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams';
    const res = await t.http.get(`/deals/${key}`).set(auth('viewer'));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body.instance).toBe('/deals/[redacted]');
    expect(res.text).not.toContain(key);
  });
});

// ---- a small reader of the Prometheus text format (enough for these tests) ----

type Labels = Record<string, string>;
interface Series {
  name: string;
  labels: Labels;
  value: number;
}
interface Metrics {
  text: string;
  series: Series[];
}

function parseMetrics(text: string): Metrics {
  const series = text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
  return { text, series };
}

function seriesOf(metrics: Metrics, name: string): Series[] {
  return metrics.series.filter((s) => s.name === name);
}

/** The value of the one series with exactly these labels; undefined when there is none. */
function value(metrics: Metrics, name: string, labels: Labels = {}): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return seriesOf(metrics, name).find((s) => JSON.stringify(Object.entries(s.labels).sort()) === wanted)?.value;
}

function openEventStream(t: TestApp): Promise<IncomingMessage> {
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const headers = { Authorization: `Bearer ${KEYS.viewer}`, Accept: 'text/event-stream' };
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/events/stream', headers, agent: false }, (res) => {
      res.on('error', () => undefined); // destroying the response is how the test hangs up
      res.resume();
      resolve(res);
    });
    req.on('error', reject);
  });
}
