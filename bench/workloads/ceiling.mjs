// The ceiling: the database work alone, driven by pgbench (one statement per transaction), no Node in the
// measured path. It shows how much of the gap between the project and the raw insert is the database work the
// design chooses (views inline) and how much is Node.
//   project: the project's own write SQL, as W1 at 16 writers sent it: each write's deal_write_load (when it read
//     first) and the group-committed deal_append_batch calls, captured from the real command path on a scratch
//     database and replayed in order into a fresh one, by four pgbench clients each replaying its own copy.
//   raw: the raw contender's single-row INSERT of a W1 event body, 16 clients.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDatabase } from '../lib/databases.mjs';
import { lifecycle } from '../lib/deal-events.mjs';
import { RAW_SCHEMA } from '../contenders/raw.mjs';

// Four clients replay the project's SQL (two measured 1,244 events/s, four 1,328, one 897: four is its ceiling here;
// the project itself keeps two batches in flight, AppendBatcher); the raw insert gets 16, as in W1.
const { contender, url, seconds, writers = 16, deals = 4000 } = JSON.parse(process.argv[2]);
const clients = contender === 'project' ? Number(process.env.CEILING_CLIENTS ?? 4) : 16;

/** A parameter as PostgreSQL reads it as text: arrays as array literals, so the replay casts them back. */
const asSqlText = (value) =>
  Array.isArray(value) ? `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}` : value === null ? null : String(value);

/** Every deal_write_load and deal_append_batch the command path sends while `deals` deals live out W1's lives. */
async function captureWrites() {
  const scratch = await createDatabase('ceiling_capture');
  const calls = [];
  // The server's own pg (not bench/'s): record the write path's statements as they go to the database.
  const pg = createRequire(new URL('../../dist/src/app.js', import.meta.url))('pg');
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    const text = typeof config === 'string' ? config : config?.text;
    if (text?.startsWith('SELECT deal_write_load(')) calls.push({ kind: 'load', args: config.values.map(asSqlText) });
    if (text?.startsWith('SELECT deal_append_batch(')) calls.push({ kind: 'append', args: JSON.parse(config.values[0]) });
    return query.call(this, config, ...rest);
  };
  const project = await (await import('../contenders/project.mjs')).open(scratch.url, { poolSize: writers });
  let next = 0;
  const writer = async () => {
    for (let n = next++; n < deals; n = next++) {
      const dealId = randomUUID();
      const events = lifecycle(n);
      for (let v = 0; v < events.length; v++) await project.append(dealId, v, { ...events[v], note: randomUUID() });
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  pg.Client.prototype.query = query;
  await project.close();
  await scratch.drop();
  return calls;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * A copy of the captured calls for each pgbench client, in the order they were sent, every id renamed (the same id
 * the same way within a copy): the copies are independent writes of other deals and companies, as the writers' were.
 */
function copiesFor(calls, copies) {
  const rows = [];
  for (let client = 0; client < copies; client++) {
    const renamed = new Map();
    const rename = (id) => renamed.get(id) ?? renamed.set(id, randomUUID()).get(id);
    calls.forEach((call, i) => rows.push({ client, seq: i + 1, kind: call.kind, args: JSON.parse(JSON.stringify(call.args).replace(UUID, rename)) }));
  }
  return rows;
}

const REPLAY = `
  CREATE TABLE ceiling_calls (client int, seq int, kind text, args jsonb, PRIMARY KEY (client, seq));
  CREATE FUNCTION ceiling_call(c int, k int) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE call ceiling_calls;
  BEGIN
    SELECT * INTO call FROM ceiling_calls WHERE client = c AND seq = k;
    IF NOT FOUND THEN RAISE EXCEPTION 'ceiling: client % has no call %', c, k; END IF;
    IF call.kind = 'load' THEN
      PERFORM deal_write_load((call.args->>0)::uuid[], (call.args->>1)::text[], (call.args->>2)::text[], (call.args->>3)::text[],
        (call.args->>4)::uuid[], call.args->>5, call.args->>6, (call.args->>7)::int);
    ELSE
      PERFORM deal_append_batch(call.args);
    END IF;
  END $$;`;

// CEILING_WITHOUT (what-if, never in the recorded row): 'totals' disables the report totals triggers, 'indexes' drops
// every deal_views index but its key, 'updatedIndex' only the one on updated_at; comma-separated. Bounds what a
// cheaper way of keeping the totals, or fewer indexes, could gain.
const WITHOUT = {
  totals: ['ALTER TABLE deal_views DISABLE TRIGGER USER'],
  indexes: [`DO $$ DECLARE i text; BEGIN
    FOR i IN SELECT indexname FROM pg_indexes WHERE tablename = 'deal_views' AND indexname <> 'deal_views_pkey' LOOP
      EXECUTE format('DROP INDEX %I', i);
    END LOOP; END $$`],
  updatedIndex: ['DROP INDEX deal_views_updated'],
};
const without = (process.env.CEILING_WITHOUT ?? '').split(',').filter(Boolean);
for (const w of without) if (!WITHOUT[w]) throw new Error(`CEILING_WITHOUT: no ${w}; one of ${Object.keys(WITHOUT).join(', ')}`);

async function prepareProject() {
  const rows = copiesFor(await captureWrites(), clients);
  const project = await (await import('../contenders/project.mjs')).open(url, { poolSize: 2 }); // migrates the schema
  for (const statement of REPLAY.split(/;\n(?=  CREATE)/)) await project.query(statement);
  for (let i = 0; i < rows.length; i += 1000) {
    await project.query(`INSERT INTO ceiling_calls SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(client int, seq int, kind text, args jsonb)`, [
      JSON.stringify(rows.slice(i, i + 1000)),
    ]);
  }
  for (const statement of without.flatMap((w) => WITHOUT[w])) await project.query(statement);
  await project.query('VACUUM ANALYZE');
  await project.close();
  const events = rows.reduce((sum, r) => sum + (r.kind === 'append' ? r.args.length : 0), 0);
  return { script: 'SELECT ceiling_call(:client_id, :k);', eventsPerStatement: events / rows.length };
}

async function prepareRaw() {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(RAW_SCHEMA);
  await client.end();
  const body = JSON.stringify(lifecycle(1)[2]).replaceAll("'", "''");
  const insert = `INSERT INTO raw_events (stream_id, stream_version, event_id, event_type, data, metadata, occurred_on)
    VALUES ('deal-' || :client_id || '-' || ((:k - 1) / 5), (:k - 1) % 5 + 1, gen_random_uuid(), 'priced', '${body}', '{"actor": "bench"}', '2024-03-01');`;
  return { script: insert.replace(/\n\s*/g, ' '), eventsPerStatement: 1 };
}

const { script, eventsPerStatement } = contender === 'project' ? await prepareProject() : await prepareRaw();
const file = join(tmpdir(), `ceiling-${contender}-${process.pid}.sql`);
writeFileSync(file, `\\set k :k + 1\n${script}\n`);
const args = ['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), '-D', 'k=0', '-f', file, url];
const { stdout } = await promisify(execFile)('pgbench', args);
const tps = Number(stdout.match(/tps = ([\d.]+)/)[1]);
const latencyMs = Number(stdout.match(/latency average = ([\d.]+) ms/)[1]);
const failed = Number(stdout.match(/number of failed transactions: (\d+)/)?.[1] ?? 0);
if (failed > 0 || /aborted/.test(stdout)) throw new Error(`pgbench: ${stdout}`);
process.stdout.write(
  `${JSON.stringify({ perSecond: Math.round(tps * eventsPerStatement), statementsPerSecond: Math.round(tps), averageMs: latencyMs, lost: 0, duplicated: 0, streamsWithGaps: 0 })}\n`,
);
process.exit(0);
