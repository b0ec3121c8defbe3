import type { EntityManager } from 'typeorm';
import { ident } from '../database/sql-text.js';

/** Every table that is a projection of the log. A rebuild recreates exactly these; nothing else is touched. */
export const READ_TABLES = [
  'fx_rates',
  'fx_rate_history',
  'company_names',
  'company_views',
  'deal_views',
  'credit_totals',
  'volume_totals',
  'deal_stream_aliases',
] as const;

/**
 * Empty copies of the read tables (columns, defaults, constraints, indexes) in their own schema, but for deal_views'
 * secondary indexes: their definitions are returned, to be built once the replay has written every deal. Building an
 * index over all the rows at once costs a fraction of keeping it up on every batch (deal_views has fourteen);
 * the replay needs only the primary key, which its upsert uses: company streams are replayed before any deal, and an
 * FX load reads the table whole.
 */
export async function createShadowTables(manager: EntityManager, live: string, shadow: string): Promise<string[]> {
  await manager.query(`CREATE SCHEMA ${ident(shadow)}`);
  for (const table of READ_TABLES) {
    await manager.query(`CREATE TABLE ${ident(shadow)}.${table} (LIKE ${ident(live)}.${table} INCLUDING ALL)`);
  }
  const deferred: { name: string; definition: string }[] = await manager.query(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index
     WHERE indrelid = $1::regclass AND NOT indisprimary`,
    [`${ident(shadow)}.deal_views`],
  );
  for (const index of deferred) await manager.query(`DROP INDEX ${index.name}`);
  return deferred.map((index) => index.definition);
}

/**
 * Moves the shadow tables into the live schema and the old ones out to `retired`, in the caller's transaction.
 * Index names are carried over so later migrations still find the indexes they created by name.
 */
export async function swapInShadowTables(manager: EntityManager, live: string, shadow: string, retired: string): Promise<void> {
  await manager.query(`CREATE SCHEMA ${ident(retired)}`);
  for (const table of READ_TABLES) {
    const liveIndexes = await indexesOf(manager, live, table);
    await manager.query(`ALTER TABLE ${ident(live)}.${table} SET SCHEMA ${ident(retired)}`);
    // Rename the old indexes out of the way first: index names are unique per schema.
    for (const index of liveIndexes) {
      await manager.query(`ALTER INDEX ${ident(retired)}.${ident(index.name)} RENAME TO ${ident(`retired_${index.name}`.slice(0, 63))}`);
    }
    const shadowIndexes = await indexesOf(manager, shadow, table);
    await manager.query(`ALTER TABLE ${ident(shadow)}.${table} SET SCHEMA ${ident(live)}`);
    for (const index of shadowIndexes) {
      const original = liveIndexes.find((i) => i.shape === index.shape);
      if (original && original.name !== index.name) {
        await manager.query(`ALTER INDEX ${ident(live)}.${ident(index.name)} RENAME TO ${ident(original.name)}`);
      }
    }
  }
}

export async function dropSchema(manager: EntityManager, schema: string): Promise<void> {
  await manager.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`);
}

interface IndexInfo {
  name: string;
  /** The definition without its name and schema, to pair an index with its copy. */
  shape: string;
}

async function indexesOf(manager: EntityManager, schema: string, table: string): Promise<IndexInfo[]> {
  const rows: { indexname: string; indexdef: string }[] = await manager.query(
    'SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2',
    [schema, table],
  );
  return rows.map((r) => ({
    name: r.indexname,
    shape: r.indexdef.replace(`INDEX ${r.indexname} ON`, 'INDEX ON').replace(`INDEX "${r.indexname}" ON`, 'INDEX ON').replace(/ON \S+\./, 'ON '),
  }));
}

/**
 * The league and volume totals are sums over deal_views (report-totals.sql), filled once from the replayed views: each
 * table by its own statement, so a rebuild can run the two at once in two transactions.
 */
export const FILL_CREDIT_TOTALS = 'SELECT fill_credit_totals()';
export const FILL_VOLUME_TOTALS = 'SELECT fill_volume_totals()';

/** Once filled, the totals are kept by the same trigger as the live table's, so the catch-up updates them too. */
export async function keepReportTotals(manager: EntityManager, shadow: string): Promise<void> {
  await manager.query('SELECT create_report_totals_triggers($1::regclass)', [`${ident(shadow)}.deal_views`]);
}
