// W4: rebuild every view from a log of N events (default 1,000,000), seeded straight into the table beforehand.
//   project: the projection rebuild (npm run projections:rebuild) — replay into shadow tables, swap in;
//   raw: read the log with pg in keyset pages on the global position and fold each deal in memory;
//   emmett: read it with Emmett's global reader (readMessagesBatch) and fold the same way, for at most 60 s.
import { dumbo } from '@event-driven-io/dumbo';
import { readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { seedLog } from '../lib/seed-log.mjs';

const { contender, url, events = 1_000_000, budgetSeconds = 60 } = JSON.parse(process.argv[2]);
const PAGE = 5_000;
const kind = contender === 'project' ? 'project' : contender;
const opened = await (await import(`../contenders/${kind}.mjs`)).open(url, { poolSize: 4 });
await seedLog(opened.query, kind, events);

/** What a read model keeps per deal: enough to make the fold do real work on every event. */
function fold(deals, streamId, type, data) {
  const deal = deals.get(streamId) ?? { events: 0, status: null, value: null };
  deal.events++;
  deal.status = type;
  deal.value = data.value?.amount ?? data.finalValue?.amount ?? deal.value;
  deals.set(streamId, deal);
}

async function replayRaw() {
  const deals = new Map();
  let after = 0;
  let read = 0;
  for (;;) {
    const rows = await opened.query(
      'SELECT global_position, stream_id, event_type, data FROM raw_events WHERE global_position > $1 ORDER BY global_position LIMIT $2',
      [after, PAGE],
    );
    for (const r of rows) fold(deals, r.stream_id, r.event_type, r.data);
    read += rows.length;
    if (rows.length < PAGE) return read;
    after = rows[rows.length - 1].global_position;
  }
}

async function replayEmmett(deadline) {
  const pool = dumbo({ connectionString: url });
  const deals = new Map();
  let after = 0n;
  let read = 0;
  try {
    while (performance.now() < deadline) {
      const batch = await readMessagesBatch(pool.execute, { after, batchSize: PAGE });
      for (const m of batch.messages) fold(deals, m.metadata.streamName, m.type, m.data);
      read += batch.messages.length;
      if (!batch.areMessagesLeft) break;
      after = batch.currentGlobalPosition;
    }
  } finally {
    await pool.close();
  }
  return read;
}

const started = performance.now();
let read;
if (contender === 'project') read = (await opened.rebuild()).events;
else if (contender === 'raw') read = await replayRaw();
else read = await replayEmmett(started + budgetSeconds * 1000);
const seconds = (performance.now() - started) / 1000;
await opened.close();
process.stdout.write(
  `${JSON.stringify({ events: read, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(read / seconds), complete: read >= events, lost: 0, duplicated: 0, streamsWithGaps: 0 })}\n`,
);
process.exit(0);
