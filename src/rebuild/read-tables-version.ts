import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { withStartupLock } from '../database/migrate.js';
import { ProjectionRebuilder } from './projection-rebuilder.js';
import { rebuildSummary } from './rebuild-summary.js';

/**
 * The version of the projections (the fold, the view rows, the SQL that writes them). Raise it whenever they would
 * project events already in the log differently, or a migration adds read-table columns only a replay can fill:
 * every database then has its read tables rebuilt from the log at its next start, by the first instance to start.
 * 4: the v1.1 terms (enterprise and equity values, fees, dates, attitude, structure) and feePaidBy, remedies in views.
 * 5: deal_views.deal_type and attitude, for the deal list's filters.
 * 6: enterprise, equity and rank values in USD in deal_views; the rank value in the report totals.
 * 7: advisors in deal views and deal_views columns; credit_totals (acquirers and advisors) replaces acquirer_totals.
 * 8: company_views (company streams), company_names.match_key, the parties' countries and sectors in deal_views.
 * 9: the totals kept per slice (a country, a sector, cross-border, a deal type) as well.
 * 10: the credit totals sliced by the target's country and sector too.
 */
export const READ_TABLES_VERSION = 10;

/** Streams a rebuild left out, said where an operator will read it. */
export function ignoredStreamsMessage(streams: string[]): string {
  return (
    `${streams.length} deal stream(s) left out of the views: each was opened by an earlier release under the capitalised ` +
    `id of a deal that already had a stream (ids are case-insensitive; the deal's first stream is its own). Their ` +
    `events stay in the log: ${streams.join(', ')}`
  );
}

export async function recordReadTablesVersion(manager: EntityManager): Promise<void> {
  await manager.query(
    `INSERT INTO read_tables_version (version) VALUES ($1)
     ON CONFLICT (one) DO UPDATE SET version = EXCLUDED.version, built_at = now()`,
    [READ_TABLES_VERSION],
  );
}

/**
 * Rebuilds the read tables when another version of the projections built them (or none recorded it: a database
 * written by an earlier release). An empty log has nothing to rebuild. Under the start-up lock, so instances
 * starting together rebuild once.
 */
export async function rebuildIfStale(dataSource: DataSource, embedded: boolean): Promise<void> {
  await withStartupLock(dataSource, embedded, async () => {
    const [row]: { version: number }[] = await dataSource.query('SELECT version FROM read_tables_version');
    if (row?.version === READ_TABLES_VERSION) return;
    const [{ empty }]: { empty: boolean }[] = await dataSource.query('SELECT NOT EXISTS (SELECT FROM events) AS empty');
    if (empty) return recordReadTablesVersion(dataSource.manager);
    const logger = new Logger('Rebuild');
    logger.log(`The read tables were built by projections version ${row?.version ?? '(unrecorded)'}; rebuilding them with version ${READ_TABLES_VERSION}.`);
    const result = await new ProjectionRebuilder(dataSource).rebuild();
    logger.log(`${rebuildSummary(result)}.`);
    if (result.ignoredStreams.length > 0) logger.warn(ignoredStreamsMessage(result.ignoredStreams));
  });
}
