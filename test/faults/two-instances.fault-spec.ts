// Fault: two server instances on one PostgreSQL, as behind a load balancer. Writers post to both for the SAME
// deals; the same Idempotency-Key is sent to both at once; a live stream on one instance must deliver what was
// written through the other. Afterwards: no lost or duplicate versions, one event per key, views equal a rebuild.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type TestDatabase, createTestDatabase } from '../support/test-database.js';
import { type Ack, WriteLedger, postUntilAcknowledged } from './support/acknowledged-writes.js';
import { announcement, famousDeal, openDealEvent } from './support/famous-deals.js';
import { faultSeconds, freePort, requireDatabaseUrl, until } from './support/fault-env.js';
import { deliveryFigures } from './support/feed-poller.js';
import { INTACT_LOG, auditLog, compareViewsWithRebuild, logDamage, openDatabase } from './support/log-audit.js';
import { printFigures, printServerLogIf } from './support/report.js';
import { ServerProcess } from './support/server-process.js';
import { SseReader } from './support/sse-reader.js';

const WRITERS = 16;
const DEALS = 4;
const SECONDS = faultSeconds() / 2;
const SAME_KEY_PAIRS = 40;
const GIVE_UP_MS = 30_000;

describe(`fault: two instances on one PostgreSQL, ${WRITERS} writers on the same ${DEALS} deals`, () => {
  let db: TestDatabase | undefined;
  let instances: ServerProcess[] = [];
  let dataSource: DataSource | undefined;
  let stream: SseReader | undefined;
  const ledger = new WriteLedger();
  const pairs = new WriteLedger();
  const deals: { dealId: string; template: number; steps: number }[] = [];

  beforeAll(async () => {
    requireDatabaseUrl();
    db = await createTestDatabase();
    instances = [new ServerProcess('A', await freePort(), db.url), new ServerProcess('B', await freePort(), db.url)];
    // Both start on the empty database at once: the migrations take turns on their advisory lock.
    await Promise.all(instances.map((i) => i.start()));
    dataSource = await openDatabase(db.url);
  });
  afterAll(async () => {
    stream?.close();
    await Promise.all(instances.map((i) => i.kill()));
    await dataSource?.destroy();
    await db?.dispose();
  });

  const [a, b] = [() => instances[0], () => instances[1]];
  const post = (l: WriteLedger, path: string, body: object, baseUrl: (attempt: number) => string, key?: string) =>
    postUntilAcknowledged(l, path, body, { giveUpAt: Date.now() + GIVE_UP_MS, baseUrl, key });

  it('keeps every deal’s versions 1..n with each acknowledged write exactly once when both instances write the same deals', async () => {
    stream = await SseReader.open(b().url);
    for (let d = 0; d < DEALS; d++) {
      const template = [0, 1, 2, 4][d];
      const created = await post(ledger, '/deals', announcement(famousDeal(template), 0), () => instances[d % 2].url);
      deals.push({ dealId: created!.dealId, template, steps: 0 });
    }
    const stopAt = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let n = 0; Date.now() < stopAt; n++) {
          const deal = deals[(w + n) % DEALS];
          const event = openDealEvent(famousDeal(deal.template), deal.steps++);
          // Spread over both instances; a retry goes to the other one, as a load balancer would fail over.
          if (!(await post(ledger, `/deals/${deal.dealId}/events`, event, (attempt) => instances[(w + n + attempt) % 2].url))) return;
        }
      }),
    );

    const log = await auditLog(dataSource!, ledger.acks, ledger.abandoned);
    const perDeal = await versionsPerDeal(dataSource!, ledger.acks);
    printFigures(`two instances: ${WRITERS} writers on ${DEALS} shared deals, ${SECONDS} s`, {
      'events acknowledged (via A / via B)': `${log.acknowledged} (${ledger.acks.filter((x) => x.via === a().url).length} / ${ledger.acks.filter((x) => x.via === b().url).length})`,
      'events lost / duplicated': `${log.lost} / ${log.duplicated + log.orphans}`,
      'versions per deal (log / acknowledged)': perDeal.map((d) => `${d.inLog}/${d.acked}`).join(', '),
      'acks sharing a version': perDeal.reduce((sum, d) => sum + d.sharedVersions, 0),
      'streams with a version gap': log.brokenStreams,
      'unexpected answers (5xx, 4xx)': ledger.unexpected.length,
    });
    for (const i of instances) printServerLogIf(ledger.unexpected.length > 0, i.name, i.recentOutput);
    expect(ledger.unexpected).toEqual([]);
    expect(ledger.abandoned).toEqual([]);
    expect(ledger.acks.filter((x) => x.via === a().url).length).toBeGreaterThan(WRITERS);
    expect(ledger.acks.filter((x) => x.via === b().url).length).toBeGreaterThan(WRITERS);
    expect(logDamage(log)).toEqual(INTACT_LOG);
    for (const d of perDeal) expect(d).toEqual({ ...d, inLog: d.acked, sharedVersions: 0 });
  }, SECONDS * 1000 + 60_000);

  it('appends one event for an Idempotency-Key sent to both instances at once, and both answer with it', async () => {
    const answers = await Promise.all(
      Array.from({ length: SAME_KEY_PAIRS }, async (_, k) => {
        const deal = deals[k % DEALS];
        const event = openDealEvent(famousDeal(deal.template), deal.steps++);
        const key = randomUUID();
        const path = `/deals/${deal.dealId}/events`;
        return Promise.all([post(pairs, path, event, () => a().url, key), post(pairs, path, event, () => b().url, key)]);
      }),
    );
    const differing = answers.filter(([x, y]) => !x || !y || x.eventId !== y.eventId || x.version !== y.version);
    const log = await auditLog(dataSource!, pairs.acks);
    const [{ n }]: { n: number }[] = await dataSource!.query(
      `SELECT count(*)::int AS n FROM events WHERE metadata->>'idempotencyKey' = ANY($1)`,
      [[...new Set(pairs.acks.map((x) => x.key))]],
    );
    printFigures('two instances: the same Idempotency-Key on both at once', {
      'keys sent to both': SAME_KEY_PAIRS,
      'answers (201) / events appended for them': `${pairs.acks.length} / ${n}`,
      'pairs answered with different events': differing.length,
      'keys appended twice': log.duplicated,
    });
    for (const i of instances) printServerLogIf(pairs.unexpected.length > 0, i.name, i.recentOutput);
    expect(pairs.unexpected).toEqual([]);
    expect(differing).toEqual([]);
    expect(pairs.acks).toHaveLength(2 * SAME_KEY_PAIRS);
    expect(n).toBe(SAME_KEY_PAIRS);
    expect(log.duplicated).toBe(0);
  }, 60_000);

  it('streams on B every event written through either instance, each exactly once', async () => {
    const acknowledged = [...new Set([...ledger.acks, ...pairs.acks].map((x) => x.eventId))];
    const viaA = new Set([...ledger.acks, ...pairs.acks].filter((x) => x.via === a().url).map((x) => x.eventId));
    await until(() => {
      const seen = new Set(stream!.eventIds);
      return stream!.ended || acknowledged.every((id) => seen.has(id));
    }, 'the stream on B to deliver every acknowledged event', 60_000);
    const delivery = deliveryFigures(stream!.eventIds, acknowledged);
    const views = await compareViewsWithRebuild(dataSource!);
    printFigures('two instances: live stream on B', {
      'stream seen / missed / repeated': `${delivery.seen} / ${delivery.missed} / ${delivery.repeated}`,
      'written through A and streamed by B': stream!.eventIds.filter((id) => viaA.has(id)).length,
      'view rows differing from a rebuild': Object.values(views.differing).reduce((x, y) => x + y, 0),
    });
    expect(stream!.ended).toBe(false);
    expect({ missed: delivery.missed, repeated: delivery.repeated, notAcknowledged: delivery.notAcknowledged }).toEqual({
      missed: 0,
      repeated: 0,
      notAcknowledged: 0,
    });
    expect(stream!.eventIds.filter((id) => viaA.has(id)).length).toBeGreaterThan(0);
    expect(views.sample).toEqual([]);
  }, 90_000);
});

/** Per deal: events in the log, distinct acknowledged events, and acknowledged events that were told the same version. */
async function versionsPerDeal(dataSource: DataSource, acks: readonly Ack[]) {
  const rows: { deal_id: string; n: number }[] = await dataSource.query(
    `SELECT substring(stream_id FROM 6) AS deal_id, count(*)::int AS n FROM events WHERE stream_id LIKE 'deal-%' GROUP BY 1`,
  );
  return rows.map(({ deal_id, n }) => {
    const mine = acks.filter((x) => x.dealId === deal_id);
    const versions = new Set(mine.map((x) => x.version));
    return { dealId: deal_id, inLog: n, acked: new Set(mine.map((x) => x.eventId)).size, sharedVersions: mine.length - versions.size };
  });
}
