// npm run bench: every workload runs the project and its baselines in the same run, alternating rounds, each in its
// own process on a fresh database, and reports medians and ratios. Results: bench/results/latest.json.
//   node run.mjs [--rounds N] [--seconds S] [--only W1,W2] [--contenders project]
// --only takes groups or Q queries (--only advisorTable,sectorBreakdown); --contenders measures only those and keeps
// the other columns of the rows from the previous run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runChild } from './lib/child.mjs';
import { createDatabase } from './lib/databases.mjs';
import { median, round } from './lib/stats.mjs';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    only: { type: 'string' },
    contenders: { type: 'string' },
  },
});
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const ONLY = args.only?.split(',');
const CONTENDERS = args.contenders?.split(',');

/** The dashboard reads measured at 100,000 deals, a row each; the analyst's model adds advisors and company profiles. */
const Q_ROWS = [
  { query: 'dealList', workload: 'Q deal list: status, min value, sorted by -valueUsd, 100,000 deals' },
  { query: 'leagueTable', workload: 'Q acquirer league table: a year, all time, mid-month range, 100,000 deals' },
  { query: 'volumeStats', workload: 'Q volume statistics by month/quarter/year over 6 years, 100,000 deals' },
  { query: 'advisorTable', workload: 'Q financial advisor league table: a year, all time, mid-month range; 100,000 deals, 3 advisors each', analystModel: true },
  { query: 'slicedLeagueTable', workload: 'Q acquirer league table of a target sector, a target country, cross-border; 100,000 profiled deals', analystModel: true },
  { query: 'sectorBreakdown', workload: 'Q volume by target sector (11): a year, all time, mid-month range; 100,000 profiled deals', analystModel: true },
  { query: 'countryBreakdown', workload: 'Q volume by target country (40): a year, all time, mid-month range; 100,000 profiled deals', analystModel: true },
];

/** A row of the report: one measure of one workload, the project against the baselines measured beside it. */
const WORKLOADS = [
  ...[1, 4, 16].map((writers) => ({
    workload: `W1 appends, ${writers} writer${writers > 1 ? 's' : ''}`,
    group: 'W1',
    script: 'workloads/appends.mjs',
    params: { writers, seconds: SECONDS, hotDeals: 0 },
    contenders: ['project', 'raw', 'emmett'],
  })),
  {
    workload: 'W2 16 writers on 10 hot deals',
    group: 'W2',
    script: 'workloads/appends.mjs',
    params: { writers: 16, seconds: SECONDS, hotDeals: 10 },
    contenders: ['project', 'raw', 'emmett'],
  },
  {
    workload: 'W3 bulk import of 100,000 events (raw: 100-row INSERTs; Emmett: a deal per append)',
    group: 'W3',
    script: 'workloads/import.mjs',
    params: { events: 100_000, seconds: 0 },
    contenders: ['project', 'raw', 'emmett'],
    timeoutSeconds: 600,
  },
  {
    workload: 'W4 rebuild all views from 1,000,000 events',
    group: 'W4',
    script: 'workloads/rebuild.mjs',
    params: { events: 1_000_000, seconds: 0 },
    contenders: ['project', 'raw', 'emmett'],
    rounds: 1, // seeding a million events three times per contender would take longer than the replays
    timeoutSeconds: 900,
  },
  {
    workload: 'HTTP POST /deals/{id}/events, 16 connections (raw = bare node:http + pg)',
    group: 'HTTP',
    script: 'workloads/http.mjs',
    params: { seconds: SECONDS },
    contenders: ['project', 'bare'],
    columns: { bare: 'raw' },
    unit: 'requests/s',
  },
  // One seeded database per data model and contender serves all of that model's queries (queries.mjs): seeding
  // 500,000 events and rebuilding the views takes minutes, each query's 220 requests seconds.
  ...[false, true].map((analystModel) => {
    const rows = Q_ROWS.filter((q) => (q.analystModel ?? false) === analystModel);
    return {
      workload: `Q, ${analystModel ? "the analyst's data model" : 'deals only'}`,
      group: 'Q',
      rows,
      script: 'workloads/queries.mjs',
      params: { queries: rows.map((q) => q.query), deals: 100_000, seconds: 0, analystModel },
      contenders: ['project', 'project-embedded'],
      columns: { 'project-embedded': 'embedded' },
      metric: 'p99Ms',
      unit: 'ms p99',
      rounds: 1, // each round seeds 500,000 events and rebuilds the views first
      timeoutSeconds: 1500,
    };
  }),
  {
    workload: 'Ceiling: W1 writes as SQL alone, driven by pgbench (project: its captured write statements, 4 clients; raw: the insert, 16)',
    group: 'ceiling',
    script: 'workloads/ceiling.mjs',
    params: { seconds: SECONDS },
    contenders: ['project', 'raw'],
    timeoutSeconds: 300,
  },
  {
    workload: 'Growth: W1 at 1 writer, p50 on an empty log and on a log of 5,000,000 events (1,000,000 deals)',
    group: 'growth',
    script: 'workloads/appends.mjs',
    params: { writers: 1, seconds: SECONDS, hotDeals: 0 },
    contenders: ['project', 'project-grown'],
    columns: { 'project-grown': 'grown' },
    metric: 'p50Ms',
    unit: 'ms p50',
    rounds: 1, // the grown database takes about 8 minutes to seed and rebuild
    timeoutSeconds: 1800,
  },
  {
    workload: 'W1 appends, 16 writers: the project on PostgreSQL and on the embedded default',
    group: 'embedded',
    script: 'workloads/appends.mjs',
    params: { writers: 16, seconds: SECONDS, hotDeals: 0 },
    contenders: ['project', 'project-embedded'],
    columns: { 'project-embedded': 'embedded' },
  },
];

async function measure(spec, contender) {
  const db = await createDatabase(contender);
  try {
    const timeoutMs = (spec.timeoutSeconds ?? spec.params.seconds + 120) * 1000;
    return await runChild(spec.script, { contender, url: db.url, ...spec.params }, { timeoutMs });
  } finally {
    await db.drop();
  }
}

/** Rounds alternate the contenders' order, so none always runs on the machine the previous one warmed or tired. */
async function runWorkload(spec) {
  const runs = Object.fromEntries(spec.contenders.map((c) => [c, []]));
  for (let r = 0; r < (spec.rounds ?? ROUNDS); r++) {
    const order = spec.contenders.map((_, i) => spec.contenders[(i + r) % spec.contenders.length]);
    for (const contender of order) {
      const result = await measure(spec, contender);
      if (result.lost || result.duplicated || result.streamsWithGaps) {
        throw new Error(`${spec.workload} ${contender}: lost ${result.lost}, duplicated ${result.duplicated}, gaps ${result.streamsWithGaps}`);
      }
      runs[contender].push(result);
      const shown = result.byQuery
        ? Object.entries(result.byQuery).map(([query, q]) => `${query} p99 ${q.p99Ms} ms`).join(', ')
        : `${result.perSecond}/s`;
      process.stderr.write(`  ${spec.workload} · round ${r + 1} · ${contender}: ${shown}\n`);
    }
  }
  if (!spec.rows) return [summarize(spec, runs)];
  // A spec measured several queries per run: a row each, from that query's figures.
  const runsOf = (query) => Object.fromEntries(Object.entries(runs).map(([c, list]) => [c, list.map((r) => r.byQuery[query])]));
  return spec.rows.map((row) => summarize({ ...spec, workload: row.workload }, runsOf(row.query)));
}

function summarize(spec, runs) {
  const column = (c) => spec.columns?.[c] ?? c;
  const med = (c, key) => median(runs[c].map((r) => r[key]));
  const row = { workload: spec.workload, unit: spec.unit ?? 'events/s', project: null, raw: null, emmett: null };
  for (const c of spec.contenders) {
    row[column(c)] = round(med(c, spec.metric ?? 'perSecond'), spec.metric ? 2 : 0);
    row[`${column(c)}P50Ms`] = round(med(c, 'p50Ms'), 2);
    row[`${column(c)}P99Ms`] = round(med(c, 'p99Ms'), 2);
    const peaks = runs[c].map((r) => r.peakRssMb).filter((mb) => typeof mb === 'number');
    if (peaks.length > 0) row[`${column(c)}PeakRssMb`] = Math.max(...peaks);
    if (runs[c].some((r) => 'non2xx' in r)) row[`${column(c)}Non2xx`] = runs[c].reduce((sum, r) => sum + r.non2xx + r.errors, 0);
  }
  // Ratios of throughputs; a latency row (Q) has no baseline to divide by, the growth row its own.
  if (row.grown) row.grownOverEmpty = round(row.grown / row.project, 2);
  row.projectOverRaw = row.raw && !spec.metric ? round(row.project / row.raw, 2) : null;
  row.projectOverEmmett = row.emmett && !spec.metric ? round(row.project / row.emmett, 2) : null;
  row.lostOrDuplicated = 0; // each run was audited above
  return row;
}

function printTable(rows) {
  const cell = (v) => (v === null || v === undefined ? '–' : String(v));
  const header = ['workload', 'unit', 'project', 'raw', 'emmett', 'project/raw', 'project/Emmett', 'project p50/p99 ms', 'embedded or grown', 'peak RSS MB'];
  const lines = rows.map((r) =>
    [r.workload, r.unit, r.project, r.raw, r.emmett, r.projectOverRaw, r.projectOverEmmett, `${cell(r.projectP50Ms)} / ${cell(r.projectP99Ms)}`, r.embedded ?? r.grown, r.projectPeakRssMb].map(cell),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n'));
}

/** Writes the rows measured so far: a partial run (--only) replaces its own rows and keeps the others, in the order of
 * WORKLOADS. Called after every row, so a run that fails later keeps what it measured. */
function save(rows) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = new URL('./results/latest.json', import.meta.url);
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  const measured = (row) => (CONTENDERS ? Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) : row);
  const merged = ROW_NAMES.map((workload) => {
    const [now, before] = [rows, previous].map((list) => list.find((r) => r.workload === workload));
    return now ? { ...(CONTENDERS ? before : {}), ...measured(now), measuredAt: now.measuredAt } : before;
  }).filter(Boolean);
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
}

/** The rows of the report, in order. */
const ROW_NAMES = WORKLOADS.flatMap((w) => w.rows?.map((r) => r.workload) ?? [w.workload]);

/** --only keeps a whole group, or the named Q queries of a spec. */
function selected(spec) {
  if (!ONLY || ONLY.includes(spec.group)) return spec;
  const rows = spec.rows?.filter((r) => ONLY.includes(r.query)) ?? [];
  if (rows.length === 0) return null;
  return { ...spec, rows, params: { ...spec.params, queries: rows.map((r) => r.query) } };
}

const rows = [];
for (const spec of WORKLOADS.map(selected).filter(Boolean)) {
  process.stderr.write(`${spec.workload}\n`);
  const contenders = spec.contenders.filter((c) => !CONTENDERS || CONTENDERS.includes(c));
  if (contenders.length === 0) continue;
  const measuredAt = new Date().toISOString().slice(0, 10);
  for (const row of await runWorkload({ ...spec, contenders })) rows.push({ ...row, measuredAt });
  save(rows);
}
printTable(rows);
console.log(`\n${ROUNDS} rounds of ${SECONDS} s per contender, ${new Date().toISOString()}; written to bench/results/latest.json`);
