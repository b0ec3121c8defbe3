// W1 and W2: concurrent single-event appends, run in a child process for one contender.
//   W1 (hotDeals = 0): each writer walks its own deals through a five-event life.
//   W2 (hotDeals > 0): every writer appends to a few shared deals with expected versions; a conflict re-reads and
//   retries. Afterwards the log is audited: every acknowledged event exactly once, versions contiguous.
import { randomUUID } from 'node:crypto';
import { announcement, lifecycle, priceRevision } from '../lib/deal-events.mjs';
import { peakRssMb, percentile, round } from '../lib/stats.mjs';
import { Conflict } from '../contenders/conflict.mjs';

const { contender: name, url, writers, seconds, hotDeals, warmupSeconds = 1 } = JSON.parse(process.argv[2]);
const contender = await (await import(`../contenders/${name}.mjs`)).open(url, { poolSize: writers });

const acked = new Set();
const latencies = [];
let conflicts = 0;
let measuring = false;
let stopAt = Infinity;

async function timed(work) {
  const started = performance.now();
  await work();
  if (measuring) latencies.push(performance.now() - started);
}

async function ownDeals(writer) {
  for (let k = 0; performance.now() < stopAt; k++) {
    const dealId = randomUUID();
    const events = lifecycle(writer * 1_000_000 + k);
    for (let v = 0; v < events.length && performance.now() < stopAt; v++) {
      const note = randomUUID();
      await timed(() => contender.append(dealId, v, { ...events[v], note }));
      if (measuring) acked.add(note);
    }
  }
}

async function hotDeal(writer, deals, known) {
  for (let k = 0; performance.now() < stopAt; k++) {
    const dealId = deals[(writer + k * 7) % deals.length];
    const body = { ...priceRevision(writer * 1_000_000 + k), note: randomUUID() };
    await timed(async () => {
      for (;;) {
        try {
          known.set(dealId, await contender.append(dealId, known.get(dealId), body, { checkVersion: true }));
          return;
        } catch (error) {
          if (!(error instanceof Conflict)) throw error;
          conflicts++;
          known.set(dealId, error.actual ?? (await contender.query(contender.versionSql, [`deal-${dealId}`]))[0].version);
        }
      }
    });
    if (measuring) acked.add(body.note);
  }
}

async function run() {
  const known = new Map();
  const deals = [];
  for (let i = 0; i < hotDeals; i++) {
    const dealId = randomUUID();
    known.set(dealId, await contender.append(dealId, 0, { ...announcement(i), note: `setup-${i}` }));
    deals.push(dealId);
  }
  const work = (w) => (hotDeals > 0 ? hotDeal(w, deals, known) : ownDeals(w));
  stopAt = performance.now() + (warmupSeconds + seconds) * 1000;
  setTimeout(() => {
    measuring = true;
  }, warmupSeconds * 1000);
  const started = performance.now() + warmupSeconds * 1000;
  await Promise.all(Array.from({ length: writers }, (_, w) => work(w)));
  return (performance.now() - started) / 1000;
}

/** Every acknowledged event once, nothing else, versions 1..n in every stream. */
async function audit() {
  const rows = await contender.query(contender.auditSql);
  const seen = new Map();
  const versions = new Map();
  for (const row of rows) {
    seen.set(row.note, (seen.get(row.note) ?? 0) + 1);
    versions.set(row.stream, [...(versions.get(row.stream) ?? []), Number(row.version)]);
  }
  const lost = [...acked].filter((note) => !seen.has(note)).length;
  const duplicated = [...seen.values()].filter((count) => count > 1).length;
  const gaps = [...versions.values()].filter((vs) => vs.sort((a, b) => a - b).some((v, i) => v !== i + 1)).length;
  return { lost, duplicated, streamsWithGaps: gaps };
}

const elapsed = await run();
const result = {
  events: latencies.length,
  perSecond: round(latencies.length / elapsed, 1),
  p50Ms: round(percentile(latencies, 50), 3),
  p99Ms: round(percentile(latencies, 99), 3),
  conflicts,
  // The contender runs in this process (the load generator's share is small): its peak memory during the run.
  peakRssMb: peakRssMb(),
  ...(await audit()),
};
await contender.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
