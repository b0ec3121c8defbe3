// A database written by an earlier release keeps working: restored from a dump an earlier commit's server wrote
// (test/fixtures/upgrade), it is migrated and given the current SQL source at start, its read tables are rebuilt
// (no projections version was recorded), and it then answers every view as that release did and has the schema a
// fresh database has.
import { Decimal } from 'decimal.js';
import { QueryRunner } from 'typeorm';
import { applySqlSource } from '../src/database/sql-source.js';
import { catalogOf, contentsOf } from './support/catalog.js';
import { recordedViews, restoreFixture } from './support/restore-fixture.js';
import { type TestApp, auth, startAppOn, startTestApp, testConfig } from './support/test-app.js';

// The last commit of each release that wrote a database: f22e64f before the report totals, 86c1274 with them,
// 9dec80e with the SQL source (functions a later migration must drop when their signature changes).
const RELEASES = ['f22e64f', '86c1274', '9dec80e'];

describe('a fresh database', () => {
  let fresh: TestApp;
  beforeAll(async () => {
    fresh = await startTestApp();
  });
  afterAll(() => fresh?.close());

  it('is unchanged by applying the SQL source again', async () => {
    const before = await catalogOf(fresh.dataSource);
    await applySourceAgain(fresh);
    expect(await catalogOf(fresh.dataSource)).toEqual(before);
  });

  describe.each(RELEASES)('upgraded from the database commit %s wrote', (commit) => {
    let upgraded: TestApp;
    beforeAll(async () => {
      const restored = await restoreFixture(commit);
      upgraded = await startAppOn(testConfig(restored.config), restored.dispose);
    });
    afterAll(() => upgraded?.close());

    it('has the schema of a fresh database: tables, columns, indexes, types, functions and triggers', async () => {
      expect(await catalogOf(upgraded.dataSource)).toEqual(await catalogOf(fresh.dataSource));
    });

    it('answers every view as that release answered it', async () => {
      for (const [path, recorded] of Object.entries(recordedViews(commit))) {
        const res = await upgraded.http.get(path).set(auth('viewer'));
        expect({ path, status: res.status, body: withoutToday(path, res.body) }).toEqual({
          path,
          status: recorded.status,
          body: withoutToday(path, changedSince(recorded.body)),
        });
      }
    });

    it('is unchanged, schema and data, by applying the SQL source again', async () => {
      const before = { catalog: await catalogOf(upgraded.dataSource), contents: await contentsOf(upgraded.dataSource) };
      await applySourceAgain(upgraded);
      expect({ catalog: await catalogOf(upgraded.dataSource), contents: await contentsOf(upgraded.dataSource) }).toEqual(before);
    });

    it('records the projections version its read tables were rebuilt with', async () => {
      const rows = await upgraded.dataSource.query('SELECT version FROM read_tables_version');
      expect(rows).toEqual([{ version: expect.any(Number) }]);
    });
  });
});

async function applySourceAgain(t: TestApp): Promise<void> {
  const runner: QueryRunner = t.dataSource.createQueryRunner();
  try {
    await applySqlSource(runner);
  } finally {
    await runner.release();
  }
}

/**
 * What this release changed on purpose in what the earlier ones answered (API v1.1):
 * - a deal view says whether the deal is voided (`voided`, null for every deal of the fixtures);
 * - a company profile counts voided deals by status, and its USD totals leave out withdrawn, terminated and voided
 *   deals, as the league tables do: null when none of the others has a USD figure, with the count of those unconverted;
 * - a league-table row with no USD figure is valued null, not "0", and says how many of its deals are unconverted;
 * - a 404 for a deal that did not exist yet at the date asked names the date;
 * - a problem's instance is the request path without its query.
 */
function changedSince(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(changedSince);
  if (!body || typeof body !== 'object') return body;
  const object = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, changedSince(value)]));
  if ('dealId' in object && 'updatedAt' in object) return dealViewSinceV11(object);
  // A regulatory step of a deal view (a timeline item has a type and shows only what was posted).
  if ('authority' in object && 'decision' in object && !('type' in object)) return { remedies: null, ...object };
  if ('dealCountByStatus' in object && 'deals' in object) return roleSinceV11(object as unknown as Role);
  // A company before v1.1 had no facts, no version and no merges.
  if ('roles' in object && 'names' in object) {
    const facts = { country: null, sector: null, naics: null, listing: null, ticker: null, lei: null, displayName: null };
    return { ...facts, version: 0, mergedFrom: [], ...object };
  }
  if (typeof object.instance === 'string') object.instance = object.instance.split('?')[0];
  if (object.code === 'DEAL_NOT_FOUND' && String((body as { instance?: string }).instance).includes('?asOf=')) {
    return { ...object, detail: expect.stringMatching(/did not exist yet on \d{4}-\d\d-\d\d \(its first event is dated/) };
  }
  // League rows before v1.1: no unconvertedCount, and "0" for no USD figure.
  if ('rank' in object && 'company' in object && !('unconvertedCount' in object)) {
    const unvalued = object.valueUsd === '0';
    return { ...object, valueUsd: unvalued ? null : object.valueUsd, unconvertedCount: unvalued ? expect.any(Number) : 0 };
  }
  return object;
}

/**
 * v1.1 views add the voiding, the new terms (none in events of earlier releases), who paid a termination fee, and the
 * USD figures of the enterprise and equity values (none) and of the rank value (then the value's), advisors, and the
 * parties' countries and sectors (none profiled).
 */
const V11_TERMS = ['enterpriseValue', 'equityValue', 'cashPercent', 'exchangeRatio', 'premiumPercent', 'attitude', 'offerStructure', 'targetTerminationFee', 'reverseTerminationFee', 'outsideDate'];

function dealViewSinceV11(view: Record<string, unknown>): Record<string, unknown> {
  const initialName = (name: string) => `initial${name[0].toUpperCase()}${name.slice(1)}`;
  const terms = Object.fromEntries(V11_TERMS.flatMap((name) => [[name, null], [initialName(name), null]]));
  // expectedCloseOn came with the announcement only: it is also the initial one.
  const usd = { enterpriseValueUsd: null, equityValueUsd: null, rankValueUsd: view.valueUsd };
  // No company was profiled before v1.1: parties have no country or sector.
  const party = (p: unknown) => p && { country: null, sector: null, ...(p as object) };
  const parties = { acquirer: party(view.acquirer), target: party(view.target), seller: party(view.seller), crossBorder: null };
  const before = { voided: null, advisors: [], ...terms, ...usd, stakeHeldBeforePercent: null, initialExpectedCloseOn: view.expectedCloseOn, feePaidBy: null };
  return { ...before, ...view, ...parties };
}

interface Role {
  dealCountByStatus: Record<string, number>;
  deals: { status: string; value: object | null; valueUsd: string | null }[];
  valueUsd: string | null;
  unconvertedCount?: number;
}

function roleSinceV11(role: Role): Role {
  const credited = role.deals.filter((d) => !['withdrawn', 'terminated', 'voided'].includes(d.status));
  const converted = credited.filter((d) => d.valueUsd !== null);
  const valueUsd = converted.length ? converted.reduce((sum, d) => sum.plus(d.valueUsd!), new Decimal(0)).toFixed() : null;
  const unconvertedCount = credited.filter((d) => d.value !== null && d.valueUsd === null).length;
  return { ...role, valueUsd, unconvertedCount, dealCountByStatus: { ...role.dealCountByStatus, voided: 0 } };
}

/** The pipeline counts days up to today: the only figure that changes with the day the test runs. */
function withoutToday(path: string, body: unknown): unknown {
  if (!path.startsWith('/pipeline')) return body;
  const page = body as { items: Record<string, unknown>[] };
  return { ...page, items: page.items.map(({ daysOutstanding: _, ...item }) => item) };
}
