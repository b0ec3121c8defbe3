// Fault: the server process is SIGKILLed (no shutdown hook, transactions cut mid-flight) and restarted, at least
// twice, while 16 writers post deal histories and a consumer follows GET /events live. Writers retry unanswered
// requests with the same Idempotency-Key. Afterwards the log must hold every acknowledged write exactly once,
// each deal's versions 1..n, the views must equal a replay of the log, and the consumer must have seen every
// acknowledged event exactly once.
import type { DataSource } from 'typeorm';
import { type TestDatabase, createTestDatabase } from '../support/test-database.js';
import { type Ack, WriteLedger, postUntilAcknowledged } from './support/acknowledged-writes.js';
import { writeDealHistories } from './support/famous-deals.js';
import { delay, faultSeconds, freePort, requireDatabaseUrl } from './support/fault-env.js';
import { FeedPoller, deliveryFigures } from './support/feed-poller.js';
import { INTACT_LOG, auditLog, compareViewsWithRebuild, logDamage, openDatabase, recordedAt } from './support/log-audit.js';
import { printFigures, printServerLogIf } from './support/report.js';
import { ServerProcess } from './support/server-process.js';

const WRITERS = 16;
const KILLS = Math.max(2, Number(process.env.FAULT_KILLS) || 2);
const SECONDS = faultSeconds();
/** After the writing window, how long an unanswered request may still be retried before it is given up. */
const RETRY_GRACE_MS = 30_000;

describe(`fault: server SIGKILLed ${KILLS}× under ${WRITERS} writers for ${SECONDS}s`, () => {
  let db: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  let dataSource: DataSource | undefined;

  beforeAll(async () => {
    requireDatabaseUrl();
    db = await createTestDatabase();
    server = new ServerProcess('server', await freePort(), db.url);
    await server.start();
  });
  afterAll(async () => {
    await server?.kill();
    await dataSource?.destroy();
    await db?.dispose();
  });

  it('loses no acknowledged event, appends none twice, keeps versions contiguous, views equal a rebuild, the consumer sees each once', async () => {
    const srv = server!;
    const ledger = new WriteLedger();
    const poller = new FeedPoller(() => srv.url);
    poller.start();
    const started = Date.now();
    const stopWritingAt = started + SECONDS * 1000;
    const post = (path: string, body: object) =>
      postUntilAcknowledged(ledger, path, body, { giveUpAt: stopWritingAt + RETRY_GRACE_MS, baseUrl: () => srv.url });

    const kills: { at: number; restartMs: number }[] = [];
    async function killer(): Promise<void> {
      for (let k = 1; k <= KILLS; k++) {
        await delay(started + (k * SECONDS * 1000) / (KILLS + 1) - Date.now());
        const at = Date.now();
        await srv.kill();
        kills.push({ at, restartMs: await srv.start() });
      }
    }

    await Promise.all([...Array.from({ length: WRITERS }, (_, n) => writeDealHistories(post, n, stopWritingAt)), killer()]);
    const writingMs = Date.now() - started;
    const acked = ledger.acks.map((a) => a.eventId);
    await poller.drain(acked, 60_000);
    await srv.stop();

    dataSource = await openDatabase(db!.url);
    const log = await auditLog(dataSource, ledger.acks, ledger.abandoned);
    const replayed = await answeredFromIdempotencyRecord(dataSource, ledger.acks);
    const views = await compareViewsWithRebuild(dataSource);
    const delivery = deliveryFigures(poller.seen, acked);
    const unanswered = ledger.count((a) => a.outcome.kind !== 'answer');

    printFigures(`server crash: ${WRITERS} writers, ${(writingMs / 1000).toFixed(1)} s, ${kills.length} SIGKILLs`, {
      'events acknowledged': log.acknowledged,
      'events lost': log.lost,
      'events duplicated (key appended twice / unacknowledged extra)': `${log.duplicated} / ${log.orphans}`,
      'streams with a version gap': log.brokenStreams,
      'events in the log / deals': `${log.events} / ${log.streams}`,
      'requests unanswered (cut or refused)': unanswered,
      'acks that needed a retry': ledger.retried,
      '… answered from the idempotency record': replayed,
      'given up (in log once / not at all)': `${log.abandonedInLog} / ${ledger.abandoned.length - log.abandonedInLog}`,
      'unexpected answers (5xx, 4xx)': ledger.unexpected.length,
      'consumer seen / missed / repeated': `${delivery.seen} / ${delivery.missed} / ${delivery.repeated}`,
      'consumer polls that failed (server down)': poller.failedPolls,
      'restart to healthy (ms)': kills.map((k) => k.restartMs).join(', '),
      'view rows differing from a rebuild': Object.entries(views.differing).map(([t, n]) => `${t} ${n}/${views.rows[t]}`).join(', '),
    });

    printServerLogIf(ledger.unexpected.length + poller.unexpected.length > 0, 'the server', srv.recentOutput);

    expect(kills).toHaveLength(KILLS);
    expect(ledger.unexpected).toEqual([]);
    expect(poller.unexpected).toEqual([]);
    expect(srv.unexpectedExits).toEqual([]);
    // The kills must have cut real traffic, and enough was written for the figures to mean something.
    expect(unanswered).toBeGreaterThan(0);
    expect(log.acknowledged).toBeGreaterThan(WRITERS * 5);
    expect(logDamage(log)).toEqual(INTACT_LOG);
    expect({ missed: delivery.missed, repeated: delivery.repeated }).toEqual({ missed: 0, repeated: 0 });
    // Whatever landed without an acknowledgement (given up on) is in the feed too, once.
    expect(delivery.notAcknowledged).toBe(log.abandonedInLog);
    expect(views.sample).toEqual([]);
  }, SECONDS * 1000 + RETRY_GRACE_MS + 120_000);
});

/** Retried acks whose event was recorded before the first attempt went unanswered: the kill cut the answer, not the write. */
async function answeredFromIdempotencyRecord(dataSource: DataSource, acks: readonly Ack[]): Promise<number> {
  const retried = acks.filter((a) => a.firstFailureAt !== null);
  const recorded = await recordedAt(dataSource, retried.map((a) => a.eventId));
  return retried.filter((a) => (recorded.get(a.eventId) ?? Infinity) < a.firstFailureAt!).length;
}
