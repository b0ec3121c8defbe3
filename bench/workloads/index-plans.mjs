// Index plans: which query each deal_views index serves. With Q's 100,000 deals (the analyst's data model) seeded and
// rebuilt, every read that filters or sorts deal_views is sent over HTTP as a dashboard would; the SQL the server
// sends is captured and run again under EXPLAIN ANALYZE, and the indexes its plan uses are listed. The maintenance
// statements that run inside SQL functions (an FX load's re-conversion, a company's facts spread to its deals) are
// explained from their text. Every index on deal_views is a cost on each write: one no plan uses is a
// candidate for dropping. Run on its own, `node bench/workloads/index-plans.mjs` (a fresh database on the server
// of DATABASE_URL, about six minutes): prints the indexes and their queries, and writes the plans' summary to
// bench/results/index-plans.json.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createDatabase } from '../lib/databases.mjs';
import { announcement } from '../lib/deal-events.mjs';
import { seedLog } from '../lib/seed-log.mjs';

const { deals = 100_000 } = JSON.parse(process.argv[2] ?? '{}');
const database = await createDatabase('index_plans');
const opened = await (await import('../contenders/project.mjs')).open(database.url, { poolSize: 4 });
await seedLog(opened.query, 'project', deals * 5, { analystModel: true });
await opened.rebuild();
await opened.query('ANALYZE');
const server = opened.app.getHttpServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

// One deal posted over HTTP, so a company has an id the API takes (the seeded ones are md5 digests, not UUIDs).
const posted = randomUUID();
const res = await fetch(`${base}/deals`, {
  method: 'POST',
  headers: { Authorization: 'Bearer bench-secret-0001', 'Content-Type': 'application/json' },
  body: JSON.stringify({ ...announcement(0), acquirer: { name: 'Index Plans Buyer' }, dealId: posted }),
});
if (res.status !== 201) throw new Error(`POST /deals: ${res.status} ${await res.text()}`);
const [{ profiled }] = await opened.query('SELECT acquirer_id AS profiled FROM deal_views WHERE deal_id = $1', [posted]);

// The companies the filters name, by name (the seeded ids are md5 digests, which the API reads as names): the busiest
// acquirer, a target, a bank; and the busiest acquirer's id for the statements explained from their text.
const [ids] = await opened.query(`SELECT
  (SELECT acquirer_id FROM deal_views GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS acquirer,
  (SELECT acquirer_name FROM deal_views GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS acquirer_name,
  (SELECT target_name FROM deal_views LIMIT 1) AS target_name`);
const named = (name) => encodeURIComponent(name);

const READS = {
  'deal list, newest first (the default)': '/deals',
  'deal list by value': '/deals?sort=-valueUsd',
  'deal list, status and minimum value (Q)': '/deals?status=pending,closed&minValueUsd=3000000000&sort=-valueUsd',
  'deal list, recently updated': '/deals?sort=-updatedAt',
  'deal list, closed in a range': '/deals?closedFrom=2024-01-01&closedTo=2024-03-31',
  'deal list, pending': '/deals?status=pending',
  "deal list, an acquirer's deals": `/deals?acquirer=${named(ids.acquirer_name)}`,
  "deal list, a target's deals": `/deals?target=${named(ids.target_name)}`,
  "deal list, a company's deals (any side)": `/deals?party=${named(ids.acquirer_name)}`,
  'deal list, by deal type': '/deals?dealType=merger',
  'deal list, by attitude': '/deals?attitude=hostile',
  'deal list, by acquirer country': '/deals?acquirerCountry=DE',
  'deal list, by acquirer sector': '/deals?acquirerSector=energy',
  'deal list, by target country': '/deals?targetCountry=DE',
  'deal list, by target sector': '/deals?targetSector=health_care',
  "deal list, an advisor's deals": `/deals?advisor=${named('Bank 7')}`,
  'company profile': `/companies/${profiled}`,
  'pending pipeline': '/pipeline',
  'pending pipeline as of a day': '/pipeline?asOf=2020-06-30&limit=5',
  'pending statistics': '/stats/pending',
  'league table, two slices (summed from the deals)': '/league-tables/acquirers?targetSector=health_care&targetCountry=DE',
  'volume, two slices (summed from the deals)': '/stats/volume?basis=announced&interval=year&from=2020-01-01&to=2024-12-31&targetSector=health_care&targetCountry=DE',
};

// Statements run inside SQL functions, from their text (fx-rates.sql, company-views.sql).
const MAINTENANCE = {
  'FX load: deals to convert again (project_fx_rates)': `SELECT d.deal_id FROM deal_views d
    WHERE EXISTS (SELECT FROM (VALUES ('EUR', date '2024-01-01')) AS l(currency, earliest)
      WHERE l.currency IN (d.value_currency, d.enterprise_value_currency, d.equity_value_currency)
        AND deal_fx_date(d.announced_on, d.rumored_on) >= l.earliest)`,
  "company profiled: its deals (spread_company_facts)": `SELECT d.deal_id FROM deal_views d
    WHERE (d.acquirer_id = '${ids.acquirer}' OR d.target_id = '${ids.acquirer}' OR d.seller_id = '${ids.acquirer}')`,
};

// The server's own pg: record what it sends while a request is answered.
const pg = createRequire(new URL('../../dist/src/app.js', import.meta.url))('pg');
const send = pg.Client.prototype.query;
let captured = null;
pg.Client.prototype.query = function (config, ...rest) {
  const text = typeof config === 'string' ? config : config?.text;
  if (captured && /\bdeal_views\b/.test(text ?? '')) captured.push({ text, values: config?.values ?? rest.find(Array.isArray) ?? [] });
  return send.call(this, config, ...rest);
};

async function sentBy(path) {
  captured = [];
  const res = await fetch(`${base}${path}`, { headers: { Authorization: 'Bearer bench-secret-0001' } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  await res.text();
  const statements = captured;
  captured = null;
  return statements;
}

function indexesIn(plan, found = new Set()) {
  if (plan['Index Name']) found.add(plan['Index Name']);
  for (const child of plan.Plans ?? []) indexesIn(child, found);
  return found;
}

async function explain(text, values) {
  const [{ 'QUERY PLAN': [result] }] = await opened.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values);
  return { indexes: [...indexesIn(result.Plan)], ms: result['Execution Time'] };
}

const queries = {};
for (const [name, path] of Object.entries(READS)) {
  const statements = await sentBy(path);
  // A deal_views statement sent more than once (an as-of pipeline reads each deal) is explained once.
  const distinct = [...new Map(statements.map((s) => [s.text, s])).values()];
  const plans = [];
  for (const s of distinct) plans.push(await explain(s.text, s.values));
  queries[name] = { path, indexes: [...new Set(plans.flatMap((p) => p.indexes))].sort(), ms: Math.round(plans.reduce((t, p) => t + p.ms, 0) * 100) / 100 };
}
for (const [name, text] of Object.entries(MAINTENANCE)) {
  const plan = await explain(text, []);
  queries[name] = { indexes: plan.indexes.sort(), ms: Math.round(plan.ms * 100) / 100 };
}

const all = (await opened.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'deal_views' ORDER BY 1`)).map((r) => r.indexname);
const byIndex = Object.fromEntries(all.map((i) => [i, Object.keys(queries).filter((q) => queries[q].indexes.includes(i))]));
for (const [i, users] of Object.entries(byIndex)) process.stderr.write(`${i.padEnd(28)} ${users.length ? users.join('; ') : 'NO QUERY'}\n`);
for (const [q, r] of Object.entries(queries)) process.stderr.write(`  ${q}: ${r.indexes.join(', ') || 'sequential scan'} (${r.ms} ms)\n`);
await opened.close();
await database.drop();
// The key is not a candidate: it serves the upserts and every read of one deal.
const unused = all.filter((i) => byIndex[i].length === 0 && i !== 'deal_views_pkey');
process.stderr.write(`unused: ${unused.join(', ') || 'none'}\n`);
const summary = { measuredAt: new Date().toISOString(), deals, queries, byIndex, unused };
writeFileSync(new URL('../results/index-plans.json', import.meta.url), `${JSON.stringify(summary, null, 2)}\n`);
process.exit(0);
