// W3 bulk import of N events (N/5 deals of five events each, bodies of the HTTP contract with their dealId):
//   project: the importer behind `npm run import` (validation, rules, views), reading the lines of an NDJSON file;
//   raw: the same events as multi-row INSERTs of 100 rows per transaction;
//   emmett: appendToStream of each deal's five events.
import { randomUUID } from 'node:crypto';
import { lifecycle } from '../lib/deal-events.mjs';

const { contender, url, events = 100_000 } = JSON.parse(process.argv[2]);
const BATCH = 100;
const deals = Math.ceil(events / 5);
const lines = [];
for (let d = 0; d < deals; d++) {
  const dealId = randomUUID();
  for (const body of lifecycle(d)) lines.push({ ...body, dealId });
}

async function importProject() {
  const { DealImporter } = await import('../../dist/src/import/deal-importer.js');
  const opened = await (await import('../contenders/project.mjs')).open(url, { poolSize: 4 });
  const text = lines.map((l) => JSON.stringify(l));
  async function* read() {
    yield* text;
  }
  const started = performance.now();
  const report = await new DealImporter(opened.dataSource, 'bench').run(read());
  const seconds = (performance.now() - started) / 1000;
  await opened.close();
  if (report.refused.length > 0) throw new Error(`refused: ${JSON.stringify(report.refused.slice(0, 3))}`);
  return { appended: report.appended, seconds };
}

async function importRaw() {
  const { open, RAW_SCHEMA } = await import('../contenders/raw.mjs');
  const opened = await open(url, { poolSize: 1 });
  await opened.query(RAW_SCHEMA);
  const versions = new Map();
  const started = performance.now();
  for (let i = 0; i < lines.length; i += BATCH) {
    const rows = lines.slice(i, i + BATCH).map(({ dealId, ...body }) => {
      const version = (versions.get(dealId) ?? 0) + 1;
      versions.set(dealId, version);
      return { stream_id: `deal-${dealId}`, stream_version: version, event_id: randomUUID(), event_type: body.type, data: body, occurred_on: body.occurredOn };
    });
    await opened.query(
      `INSERT INTO raw_events (stream_id, stream_version, event_id, event_type, data, metadata, occurred_on)
       SELECT r.stream_id, r.stream_version, r.event_id, r.event_type, r.data, '{"actor": "bench"}', r.occurred_on
       FROM jsonb_to_recordset($1::jsonb) AS r(stream_id text, stream_version int, event_id uuid, event_type text, data jsonb, occurred_on date)`,
      [JSON.stringify(rows)],
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await opened.close();
  return { appended: lines.length, seconds };
}

async function importEmmett() {
  const opened = await (await import('../contenders/emmett.mjs')).open(url, { poolSize: 1 });
  const started = performance.now();
  for (let i = 0; i < lines.length; i += 5) {
    const events = lines.slice(i, i + 5).map(({ dealId, type, ...data }) => ({ type, data: { ...data, type } }));
    await opened.store.appendToStream(`deal-${lines[i].dealId}`, events, { expectedStreamVersion: 0n });
  }
  const seconds = (performance.now() - started) / 1000;
  await opened.close();
  return { appended: lines.length, seconds };
}

const run = { project: importProject, raw: importRaw, emmett: importEmmett }[contender];
const { appended, seconds } = await run();
process.stdout.write(`${JSON.stringify({ events: appended, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(appended / seconds), lost: 0, duplicated: 0, streamsWithGaps: 0 })}\n`);
process.exit(0);
