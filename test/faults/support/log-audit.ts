// What the log holds after a fault, read straight from PostgreSQL: each write at most once, every acknowledged
// write exactly once, each stream's versions 1..n without a gap, and every view equal to a replay of the log.
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../src/database/data-source.js';
import { ProjectionRebuilder } from '../../../src/rebuild/projection-rebuilder.js';
import { READ_TABLES } from '../../../src/rebuild/read-tables.js';
import type { Ack } from './acknowledged-writes.js';

export async function openDatabase(url: string): Promise<DataSource> {
  const dataSource = createDataSource({ url, embedded: false, poolSize: 4 });
  await dataSource.initialize();
  return dataSource;
}

export interface LogFigures {
  acknowledged: number;
  /** Acknowledged events (by eventId) that are not in the log. */
  lost: number;
  /** Idempotency keys appended by more than one transaction. */
  duplicated: number;
  /**
   * Events nobody was told about and nobody gave up on: with writers that retry until acknowledged, such an
   * event is a second append of some write (a retry that was not recognised as one).
   */
  orphans: number;
  /** Keys given up on that did land (once): allowed, and counted so a reader sees it happened. */
  abandonedInLog: number;
  /** Streams whose versions are not exactly 1..n. */
  brokenStreams: number;
  events: number;
  streams: number;
  details: string[];
}

interface LoggedEvent {
  event_id: string;
  key: string | null;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
}

export async function auditLog(dataSource: DataSource, acks: readonly Ack[], abandoned: readonly string[] = []): Promise<LogFigures> {
  const events: LoggedEvent[] = await dataSource.query(
    `SELECT event_id::text AS event_id, metadata->>'idempotencyKey' AS key, transaction_id::text AS transaction_id, stream_id, stream_version
     FROM events ORDER BY stream_id, stream_version`,
  );
  const details: string[] = [];
  const byId = new Map(events.map((e) => [e.event_id, e]));
  const lost = acks.filter((ack) => !byId.has(ack.eventId));
  for (const ack of lost.slice(0, 5)) details.push(`lost: event ${ack.eventId} (key ${ack.key}, deal ${ack.dealId} v${ack.version})`);

  const transactionsByKey = new Map<string, Set<string>>();
  for (const e of events.filter((e) => e.key !== null)) {
    transactionsByKey.set(e.key!, (transactionsByKey.get(e.key!) ?? new Set()).add(e.transaction_id));
  }
  const duplicated = [...transactionsByKey].filter(([, transactions]) => transactions.size > 1);
  for (const [key, transactions] of duplicated.slice(0, 5)) details.push(`duplicated: key ${key} appended ${transactions.size} times`);

  const ackedIds = new Set(acks.map((a) => a.eventId));
  const givenUp = new Set(abandoned);
  const orphans = events.filter((e) => !ackedIds.has(e.event_id) && !(e.key !== null && givenUp.has(e.key)));

  const streams = new Map<string, number[]>();
  for (const e of events) streams.set(e.stream_id, [...(streams.get(e.stream_id) ?? []), e.stream_version]);
  const broken = [...streams].filter(([, versions]) => versions.some((v, i) => v !== i + 1));
  for (const [streamId, versions] of broken.slice(0, 5)) details.push(`stream ${streamId}: versions ${versions.join(',')}`);
  return {
    acknowledged: acks.length,
    lost: lost.length,
    duplicated: duplicated.length,
    orphans: orphans.length,
    abandonedInLog: abandoned.filter((key) => transactionsByKey.has(key)).length,
    brokenStreams: broken.length,
    events: events.length,
    streams: streams.size,
    details,
  };
}

/** When each event was recorded (epoch ms), to tell a retry answered from the idempotency record from a fresh append. */
/** What a fault may have done to the log; every test expects it to equal INTACT_LOG. */
export const logDamage = ({ details, lost, duplicated, orphans, brokenStreams }: LogFigures) => ({
  details,
  lost,
  duplicated,
  orphans,
  brokenStreams,
});

export const INTACT_LOG = { details: [], lost: 0, duplicated: 0, orphans: 0, brokenStreams: 0 };

export async function recordedAt(dataSource: DataSource, eventIds: readonly string[]): Promise<Map<string, number>> {
  const rows: { event_id: string; at: Date }[] = await dataSource.query(
    'SELECT event_id::text AS event_id, recorded_at AS at FROM events WHERE event_id = ANY($1::uuid[])',
    [eventIds],
  );
  return new Map(rows.map((r) => [r.event_id, r.at.getTime()]));
}

export interface ViewFigures {
  rows: Record<string, number>;
  /** Rows present in only one of live and rebuilt, per table (a changed row counts twice). */
  differing: Record<string, number>;
  sample: string[];
}

/** Replays the whole log into a shadow schema, compares every read table with the live one, drops the shadow. */
export async function compareViewsWithRebuild(dataSource: DataSource): Promise<ViewFigures> {
  const shadow = await new ProjectionRebuilder(dataSource).buildShadow();
  const figures: ViewFigures = { rows: {}, differing: {}, sample: [] };
  try {
    for (const table of READ_TABLES) {
      const live = await rowsOf(dataSource, shadow.live, table);
      const rebuilt = await rowsOf(dataSource, shadow.schema, table);
      const onlyLive = [...live].filter((row) => !rebuilt.has(row));
      const onlyRebuilt = [...rebuilt].filter((row) => !live.has(row));
      figures.rows[table] = live.size;
      figures.differing[table] = onlyLive.length + onlyRebuilt.length;
      figures.sample.push(...onlyLive.slice(0, 2).map((r) => `${table} live: ${r.slice(0, 400)}`));
      figures.sample.push(...onlyRebuilt.slice(0, 2).map((r) => `${table} rebuilt: ${r.slice(0, 400)}`));
    }
  } finally {
    await dataSource.query(`DROP SCHEMA "${shadow.schema}" CASCADE`);
  }
  return figures;
}

async function rowsOf(dataSource: DataSource, schema: string, table: string): Promise<Set<string>> {
  const rows: { row: string }[] = await dataSource.query(`SELECT to_jsonb(x)::text AS row FROM "${schema}".${table} x`);
  return new Set(rows.map((r) => r.row));
}
