// Rebuilt views equal the inline ones: the projections are functions of the log, on both databases.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DealWriter } from '../src/deals/commands/deal-writer.js';
import type { DealCommand } from '../src/deals/domain/deal.commands.js';
import { DealDomainError } from '../src/deals/domain/deal.errors.js';
import type { DealEventInput } from '../src/deals/domain/deal.events.js';
import { createRebuilder } from '../src/rebuild/create-rebuilder.js';
import type { ProjectionRebuilder } from '../src/rebuild/projection-rebuilder.js';
import { READ_TABLES } from '../src/rebuild/read-tables.js';
import { createDeal, postEvent } from './support/deals.js';
import { type GeneratedEvent, dealHistories, fxLoads } from './support/random-histories.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

describe('projection rebuild', () => {
  let t: TestApp;
  let rebuilder: ProjectionRebuilder;
  let writer: DealWriter;

  beforeAll(async () => {
    t = await startTestApp();
    writer = t.app.get(DealWriter, { strict: false });
    rebuilder = createRebuilder(t.dataSource);
  });
  afterAll(() => t?.close());

  /** Posts a generated history through the command path; refusals are part of the game and append nothing. */
  async function post(history: { first: GeneratedEvent; rest: GeneratedEvent[] }): Promise<void> {
    const dealId = randomUUID();
    const eventIds: string[] = [];
    for (const [index, generated] of [history.first, ...history.rest].entries()) {
      const { retract, ...body } = generated;
      const event = (retract === undefined ? body : { ...body, eventId: eventIds[retract % Math.max(eventIds.length, 1)] ?? randomUUID() }) as DealEventInput;
      const command: DealCommand = index === 0 ? { kind: 'StartDeal', dealId, event } : { kind: 'RecordDealEvent', dealId, event };
      try {
        eventIds.push((await writer.execute(command, { actor: 'property' })).eventId);
      } catch (error) {
        if (!(error instanceof DealDomainError)) throw error;
      }
    }
  }

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

  it('rebuilds exactly the inline views for random deal histories and FX loads', async () => {
    await fc.assert(
      fc.asyncProperty(dealHistories, fxLoads, async (histories, loads) => {
        // Rates land between deals, so some deals are converted when written and others when a later load arrives.
        for (const [i, history] of histories.entries()) {
          await post(history);
          if (loads[i]) await t.http.post('/fx-rates').set(auth('admin')).send({ rates: loads[i] }).expect(201);
        }
        await expectShadowEqualsLive();
      }),
      { numRuns: 25 },
    );
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM deal_views');
    expect(n).toBeGreaterThan(25);
  });

  it('swaps the rebuilt tables in, keeping index names and every write made meanwhile', async () => {
    const dealId = await createDeal(t);
    const indexes = async () =>
      (await t.dataSource.query(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1) ORDER BY 1`, [
        [...READ_TABLES],
      ])).map((r: { indexname: string }) => r.indexname);
    const before = await indexes();
    const writes = Promise.all(
      Array.from({ length: 10 }, (_, i) => postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 10 + i }).expect(201)),
    );
    const [result] = await Promise.all([rebuilder.rebuild(), writes]);
    expect(result.events).toBeGreaterThan(0);
    expect(await indexes()).toEqual(before);
    const view = await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200);
    expect(view.body.version).toBe(11);
    await expectShadowEqualsLive();
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name LIKE 'rebuild_%'`);
    expect(n).toBe(0);
  });
});
