// Fault: PostgreSQL goes down (immediate stop: every backend killed, crash recovery on restart) under writers,
// a feed consumer and a health probe, then comes back. While it is down every request must fail fast with a 503
// problem (code SERVICE_UNAVAILABLE): no hang, no 500, no crash; /health answers 503. When it returns, the server
// recovers by itself, and nothing acknowledged is lost. Runs on a cluster of its own, never the shared one.
import type { DataSource } from 'typeorm';
import { WriteLedger, postUntilAcknowledged } from './support/acknowledged-writes.js';
import { writeDealHistories } from './support/famous-deals.js';
import { delay, faultSeconds, freePort } from './support/fault-env.js';
import { FeedPoller, deliveryFigures } from './support/feed-poller.js';
import { type Outcome, REQUEST_TIMEOUT_MS, call } from './support/http-client.js';
import { INTACT_LOG, auditLog, compareViewsWithRebuild, logDamage, openDatabase } from './support/log-audit.js';
import { printFigures, printServerLogIf } from './support/report.js';
import { ServerProcess } from './support/server-process.js';
import { ThrowawayCluster } from './support/throwaway-cluster.js';

const WRITERS = 8;
const SECONDS = faultSeconds();
/** The run is split: writing with the database up, down (the outage), then up again. */
const WARM_UP_MS = (SECONDS * 1000) / 4;
const OUTAGE_MS = (SECONDS * 1000) / 2;
const AFTER_MS = (SECONDS * 1000) / 4;
const RETRY_GRACE_MS = 30_000;
const RECOVERY_BOUND_MS = 15_000;

describe(`fault: PostgreSQL stopped for ${OUTAGE_MS / 1000}s under ${WRITERS} writers`, () => {
  let cluster: ThrowawayCluster | undefined;
  let server: ServerProcess | undefined;
  let dataSource: DataSource | undefined;
  let databaseUrl: string;

  beforeAll(async () => {
    cluster = await ThrowawayCluster.create();
    await cluster.start();
    databaseUrl = await cluster.createDatabase('deals');
    server = new ServerProcess('server', await freePort(), databaseUrl);
    await server.start();
  });
  afterAll(async () => {
    await server?.kill();
    await dataSource?.destroy();
    await cluster?.destroy();
  });

  it('answers 503 problems fast while the database is down, recovers by itself, and loses nothing acknowledged', async () => {
    const srv = server!;
    const db = cluster!;
    const ledger = new WriteLedger();
    const poller = new FeedPoller(() => srv.url);
    const health = new HealthProbe(srv.url);
    poller.start();
    health.start();
    const started = Date.now();
    const stopWritingAt = started + WARM_UP_MS + OUTAGE_MS + AFTER_MS;
    const post = (path: string, body: object) =>
      postUntilAcknowledged(ledger, path, body, { giveUpAt: stopWritingAt + RETRY_GRACE_MS, baseUrl: () => srv.url, retryDelayMs: 100 });

    const outage = { down: 0, restarting: 0, up: 0 };
    const fault = (async () => {
      await delay(WARM_UP_MS);
      await db.stopImmediately();
      outage.down = Date.now();
      await delay(OUTAGE_MS);
      outage.restarting = Date.now();
      await db.start();
      outage.up = Date.now();
    })();
    await Promise.all([...Array.from({ length: WRITERS }, (_, n) => writeDealHistories(post, n, stopWritingAt)), fault]);
    const acked = ledger.acks.map((a) => a.eventId);
    await poller.drain(acked, 60_000).catch(async (error: Error) => {
      // Once seen in CI on a loaded machine (2026-12-02), not reproduced: say what held the feed back if it recurs.
      console.log(await feedDiagnosis(databaseUrl, acked, poller.seen));
      throw error;
    });
    await health.stop();
    const serverAliveAfter = srv.running;
    await srv.stop();

    // The outage is from the moment PostgreSQL is gone until we ask it back; during crash recovery it refuses
    // connections ("starting up") and may also accept some before pg_ctl notices, so that part is not counted.
    const during = (start: number) => start >= outage.down && start < outage.restarting;
    const writesDown = ledger.attempts.filter((a) => during(startOf(a.outcome)));
    const healthDown = health.outcomes.filter((o) => during(startOf(o)));
    const firstAckAfter = Math.min(...ledger.acks.map((a) => a.at).filter((at) => at > outage.up));
    const firstHealthyAfter = Math.min(...health.outcomes.filter((o) => o.at > outage.up && statusOf(o) === 200).map((o) => o.at));
    const slowest = Math.max(0, ...writesDown.map((a) => a.outcome.ms), ...healthDown.map((o) => o.ms));

    dataSource = await openDatabase(databaseUrl);
    const log = await auditLog(dataSource, ledger.acks, ledger.abandoned);
    const views = await compareViewsWithRebuild(dataSource);
    const delivery = deliveryFigures(poller.seen, acked);
    const writes = tally(writesDown.map((a) => a.outcome));
    const probes = tally(healthDown);

    printFigures(`database restart: ${WRITERS} writers, PostgreSQL down ${((outage.restarting - outage.down) / 1000).toFixed(1)} s`, {
      'writes during the outage': writesDown.length,
      '… 503 SERVICE_UNAVAILABLE problems': writes.problem503,
      '… other 5xx / other answers': `${writes.other5xx} / ${writes.other}`,
      '… hung past the bound / no answer': `${writes.timeouts} / ${writes.noAnswer}`,
      'slowest answer during the outage (ms)': slowest,
      '/health during the outage: 503 / other': `${probes.problem503} / ${healthDown.length - probes.problem503}`,
      'PostgreSQL restart incl. crash recovery (ms)': outage.up - outage.restarting,
      'recovery: first 201 after the restart (ms)': firstAckAfter - outage.up,
      'recovery: /health 200 after the restart (ms)': firstHealthyAfter - outage.up,
      'server process alive throughout': serverAliveAfter && srv.unexpectedExits.length === 0,
      'events acknowledged / lost / duplicated': `${log.acknowledged} / ${log.lost} / ${log.duplicated + log.orphans}`,
      'acks that needed a retry': ledger.retried,
      'streams with a version gap': log.brokenStreams,
      'consumer seen / missed / repeated': `${delivery.seen} / ${delivery.missed} / ${delivery.repeated}`,
      'consumer polls answered 503 or unanswered': poller.failedPolls,
      'view rows differing from a rebuild': Object.values(views.differing).reduce((a, b) => a + b, 0),
    });

    printServerLogIf(ledger.unexpected.length + poller.unexpected.length > 0, 'the server', srv.recentOutput);

    expect(srv.unexpectedExits).toEqual([]);
    expect(serverAliveAfter).toBe(true);
    expect(ledger.unexpected).toEqual([]);
    expect(poller.unexpected).toEqual([]);
    // The outage was felt, and only ever as a fast 503 problem.
    expect(writes.problem503).toBeGreaterThan(WRITERS);
    expect(writes).toMatchObject({ other5xx: 0, other: 0, timeouts: 0, noAnswer: 0 });
    expect(writes.problem503).toBe(writesDown.length);
    expect(slowest).toBeLessThan(REQUEST_TIMEOUT_MS);
    expect(healthDown.length).toBeGreaterThan(0);
    expect(probes.problem503).toBe(healthDown.length);
    // Back by itself, within a bound.
    expect(firstHealthyAfter - outage.up).toBeLessThan(RECOVERY_BOUND_MS);
    expect(firstAckAfter - outage.up).toBeLessThan(RECOVERY_BOUND_MS);
    expect(logDamage(log)).toEqual(INTACT_LOG);
    expect({ missed: delivery.missed, repeated: delivery.repeated }).toEqual({ missed: 0, repeated: 0 });
    expect(views.sample).toEqual([]);
  }, SECONDS * 1000 + RETRY_GRACE_MS + 120_000);
});

const startOf = (o: Outcome) => o.at - o.ms;
const statusOf = (o: Outcome) => (o.kind === 'answer' ? o.status : null);

function tally(outcomes: readonly Outcome[]) {
  const answers = outcomes.filter((o) => o.kind === 'answer');
  const is503Problem = (o: Outcome) =>
    o.kind === 'answer' && o.status === 503 && o.contentType.startsWith('application/problem+json') &&
    (o.body as { code?: string }).code === 'SERVICE_UNAVAILABLE';
  return {
    problem503: answers.filter(is503Problem).length,
    other5xx: answers.filter((o) => o.status >= 500 && !is503Problem(o)).length,
    other: answers.filter((o) => o.status < 500 && o.status !== 201).length,
    timeouts: outcomes.filter((o) => o.kind === 'timeout').length,
    noAnswer: outcomes.filter((o) => o.kind === 'no-answer').length,
  };
}

/** GET /health every 100 ms, each bounded like any request. */
class HealthProbe {
  readonly outcomes: Outcome[] = [];
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly baseUrl: string) {}

  start(): void {
    this.loop = (async () => {
      while (!this.stopped) {
        this.outcomes.push(await call(this.baseUrl, 'GET', '/health'));
        await delay(100);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }
}

/** Why a consumer may not see acknowledged events: which are missing, and the transactions holding the horizon back. */
async function feedDiagnosis(url: string, acked: string[], seen: readonly string[]): Promise<string> {
  const seenOnce = new Set(seen);
  const missing = acked.filter((id) => !seenOnce.has(id));
  const db = await openDatabase(url);
  try {
    const [horizon] = await db.query('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
    const open = await db.query(
      `SELECT pid, state, backend_xid::text AS xid, backend_xmin::text AS xmin, now() - xact_start AS age, left(query, 120) AS query
       FROM pg_stat_activity WHERE backend_xid IS NOT NULL OR backend_xmin IS NOT NULL`,
    );
    const rows = await db.query('SELECT event_id, transaction_id::text AS xid, global_position FROM events WHERE event_id = ANY($1::uuid[]) LIMIT 5', [missing]);
    return JSON.stringify({ missing: missing.length, seen: seen.length, horizon, open, missingInLog: rows }, null, 2);
  } finally {
    await db.destroy();
  }
}
