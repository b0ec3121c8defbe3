// Rebuilt views equal the inline ones: the projections are functions of the log, on both databases.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DealWriter } from '../src/deals/commands/deal-writer.js';
import { EventStore } from '../src/event-store/event-store.js';
import { lockStreamForWrite } from '../src/event-store/write-locks.js';
import { ProjectionRebuilder } from '../src/rebuild/projection-rebuilder.js';
import { READ_TABLES } from '../src/rebuild/read-tables.js';
import { acmeRumour, createDeal, postEvent } from './support/deals.js';
import { applyCompanyChanges, companyChanges, fxLoads, historiesToEveryEnding, postGenerated, statusCoverage } from './support/random-histories.js';
import { onRealPostgres } from './support/test-database.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';
import { waitFor } from './support/wait-for.js';

describe('projection rebuild', () => {
  let t: TestApp;
  let rebuilder: ProjectionRebuilder;
  let writer: DealWriter;

  beforeAll(async () => {
    t = await startTestApp();
    writer = t.app.get(DealWriter, { strict: false });
    rebuilder = new ProjectionRebuilder(t.dataSource);
  });
  afterAll(() => t?.close());

  async function snapshot(schema: string) {
    const tables: Record<string, unknown[]> = {};
    for (const table of READ_TABLES) {
      tables[table] = await t.dataSource.query(`SELECT to_jsonb(x) AS row FROM "${schema}".${table} x ORDER BY to_jsonb(x)::text`);
    }
    return tables;
  }

  async function expectShadowEqualsLive(): Promise<void> {
    const shadow = await rebuilder.buildShadow();
    try {
      expect(await snapshot(shadow.schema)).toEqual(await snapshot(shadow.live));
    } finally {
      await t.dataSource.query(`DROP SCHEMA "${shadow.schema}" CASCADE`);
    }
  }

  it('rebuilds exactly the inline views for random deal histories, FX loads and company profiles and merges', async () => {
    await fc.assert(
      fc.asyncProperty(historiesToEveryEnding, fxLoads, companyChanges, async (histories, loads, changes) => {
        // Rates and company facts land between deals, so some deals take them when written and others later.
        for (const [i, history] of histories.entries()) {
          await postGenerated(writer, history);
          if (loads[i]) await t.http.post('/fx-rates').set(auth('admin')).send({ rates: loads[i] }).expect(201);
          if (i === 1) await applyCompanyChanges(t.http, changes);
        }
        await expectShadowEqualsLive();
      }),
      { numRuns: 25, seed: 11 }, // fixed: the coverage below is of this sample
    );
    // The sample reached every status, several times over, and profiled and merged companies.
    const [companies] = await t.dataSource.query(
      'SELECT count(*) FILTER (WHERE country IS NOT NULL)::int AS profiled, count(*) FILTER (WHERE merged_into IS NOT NULL)::int AS merged FROM company_views',
    );
    expect(companies.profiled).toBeGreaterThanOrEqual(2);
    expect(companies.merged).toBeGreaterThanOrEqual(2);
    const coverage = await statusCoverage(t.dataSource);
    for (const [status, n] of Object.entries(coverage)) expect({ status, enough: n >= 3 }).toEqual({ status, enough: true });
    // 25 shadow rebuilds: about 15 s alone, several times that beside the rest of the suite.
  }, 4 * 60_000);

  it('swaps the rebuilt tables in, keeping index names and every write made meanwhile', async () => {
    const dealId = await createDeal(t);
    const indexes = async () =>
      (await t.dataSource.query(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1) ORDER BY 1`, [
        [...READ_TABLES],
      ])).map((r: { indexname: string }) => r.indexname);
    const before = await indexes();
    // New deals read company_names before appending: the swap must neither deadlock with them nor lose them.
    const writes = Promise.all([
      ...Array.from({ length: 10 }, (_, i) => postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 10 + i }).expect(201)),
      ...Array.from({ length: 10 }, (_, i) =>
        t.http.post('/deals').set(auth('analyst')).send({ ...acmeRumour, acquirer: { name: `Bidder ${i}` } }).expect(201),
      ),
    ]);
    const [result] = await Promise.all([rebuilder.rebuild(), writes]);
    expect(result.events).toBeGreaterThan(0);
    expect(await indexes()).toEqual(before);
    const view = await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200);
    expect(view.body.version).toBe(11);
    await expectShadowEqualsLive();
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name LIKE 'rebuild_%'`);
    expect(n).toBe(0);
  });

  it('holds writes back at their first statement during the swap, so a writer halfway through cannot deadlock it', async () => {
    const dealId = await createDeal(t);
    const writer = t.dataSource.createQueryRunner();
    await writer.connect();
    await writer.startTransaction();
    // A writer that has taken its locks and read a read table, like DealWriter before it appends.
    await lockStreamForWrite(writer.manager, `deal-${dealId}`);
    await writer.query('SELECT count(*) FROM company_names');
    const rebuilding = rebuilder.rebuild();
    // On PostgreSQL the rebuild reaches the swap and waits for the writer's lock. The embedded database has one
    // connection, which the writer holds: the rebuild waits for it before its first statement.
    if (onRealPostgres) {
      const waitingForWriters = async () =>
        (await t.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_locks
           WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        ))[0].n > 0;
      await waitFor(waitingForWriters, 'the rebuild to wait for in-flight writes');
    }
    // Appended without its view (the bare store), so only the rebuild can put it in deal_views.
    const event = { eventId: randomUUID(), type: 'priced', occurredOn: '2025-04-01', data: { stakePercent: 80 } };
    await new EventStore(t.dataSource).append(writer.manager, `deal-${dealId}`, 1, [event], { actor: 'test' });
    await writer.commitTransaction();
    await writer.release();
    const result = await rebuilding;
    if (onRealPostgres) expect(result.caughtUp).toBeGreaterThanOrEqual(1);
    const view = await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200);
    expect(view.body).toMatchObject({ version: 2, stakePercent: 80 });
  });
});
