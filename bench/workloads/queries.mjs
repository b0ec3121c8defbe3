// Q: dashboard reads with 100,000 deals (500,000 events seeded, dated over 2015-2025, views built by the projection
// rebuild): the deal list filtered and sorted, the acquirer league table and volume statistics, each over HTTP, one
// request at a time. One seeded database serves every query of a list: seeding and rebuilding take minutes, the queries
// seconds, and the queries only read.
import { randomUUID } from 'node:crypto';
import { seedLog } from '../lib/seed-log.mjs';
import { percentile, round } from '../lib/stats.mjs';

const { contender, url, deals = 100_000, requests = 200, queries, analystModel = false } = JSON.parse(process.argv[2]);
const opened = await (await import(`../contenders/${contender}.mjs`)).open(url, { poolSize: 4 });
await seedLog(opened.query, 'project', deals * 5, { analystModel });
await opened.rebuild();
const server = opened.app.getHttpServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const headers = { Authorization: 'Bearer bench-secret-0001' };

// A calendar year, all time, and a range that starts and ends mid-month.
const RANGES = ['&from=2024-01-01&to=2024-12-31', '', '&from=2019-03-15&to=2023-09-10'];

const QUERIES = {
  dealList: (i) => `/deals?status=pending,closed&minValueUsd=${1000 + (i % 50) * 10}000000&sort=-valueUsd&limit=50`,
  // A calendar year, all time, and a range that starts and ends mid-month.
  leagueTable: (i) =>
    `/league-tables/acquirers?basis=${i % 2 ? 'closed' : 'announced'}&rank=${i % 4 < 2 ? 'value' : 'count'}&limit=25${
      ['&from=2024-01-01&to=2024-12-31', '', '&from=2019-03-15&to=2023-09-10'][i % 3]
    }`,
  volumeStats: (i) => `/stats/volume?basis=announced&interval=${['month', 'quarter', 'year'][i % 3]}&from=2020-01-01&to=2025-12-31`,
  // With the analyst's data model seeded (analystModel): advisors, and companies profiled.
  advisorTable: (i) => `/league-tables/advisors?role=financial&basis=${i % 2 ? 'closed' : 'announced'}&limit=25${RANGES[i % 3]}`,
  slicedLeagueTable: (i) =>
    `/league-tables/acquirers?${['targetSector=health_care', 'targetCountry=DE', 'crossBorder=true'][i % 3]}&limit=25${RANGES[Math.floor(i / 3) % 3]}`,
  sectorBreakdown: (i) => `/stats/breakdown?by=targetSector${RANGES[i % 3]}`,
  countryBreakdown: (i) => `/stats/breakdown?by=targetCountry${RANGES[i % 3]}`,
};

/** p50 and p99 of one query's latencies, over HTTP, one request at a time. */
async function measureQuery(query) {
  const latencies = [];
  for (let i = 0; i < requests + 20; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${QUERIES[query](i)}`, { headers: { ...headers, 'X-Request-Id': randomUUID() } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${query}: ${res.status} ${body.slice(0, 300)}`);
    if (i >= 20) latencies.push(performance.now() - started); // the first 20 warm the caches and the JIT
  }
  const p50 = percentile(latencies, 50);
  return { requests, p50Ms: round(p50, 2), p99Ms: round(percentile(latencies, 99), 2), perSecond: round(1000 / p50, 0) };
}

const byQuery = {};
for (const query of queries) byQuery[query] = await measureQuery(query);
await opened.close();
process.stdout.write(`${JSON.stringify({ byQuery, lost: 0, duplicated: 0, streamsWithGaps: 0 })}\n`);
process.exit(0);
