import pg from 'pg';
import { DataSource } from 'typeorm';
import { EventLog1764246000000 } from '../../migrations/1764246000000-event-log.js';
import { ReadModels1764246100000 } from '../../migrations/1764246100000-read-models.js';
import { ReportTotals1764246300000 } from '../../migrations/1764246300000-report-totals.js';
import { SqlAsSource1764600000000 } from '../../migrations/1764600000000-sql-as-source.js';
import { DealStreamAliases1764700000000 } from '../../migrations/1764700000000-deal-stream-aliases.js';
import { V11Integrity1764800000000 } from '../../migrations/1764800000000-v1-1-integrity.js';
import { DealListSlicing1764900000000 } from '../../migrations/1764900000000-deal-list-slicing.js';
import { ValueBases1765000000000 } from '../../migrations/1765000000000-value-bases.js';
import { AdvisorCredits1765100000000 } from '../../migrations/1765100000000-advisor-credits.js';
import { CompanyReferenceData1765200000000 } from '../../migrations/1765200000000-company-reference-data.js';
import { ReportSlices1765300000000 } from '../../migrations/1765300000000-report-slices.js';
import { UnusedDealViewIndexes1765400000000 } from '../../migrations/1765400000000-unused-deal-view-indexes.js';
import { FillTotalsPerTable1765500000000 } from '../../migrations/1765500000000-fill-totals-per-table.js';

// A `date` is a calendar date as disclosed: keep it as the 'YYYY-MM-DD' text, never a JS Date shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export const MIGRATIONS = [EventLog1764246000000, ReadModels1764246100000, ReportTotals1764246300000, SqlAsSource1764600000000, DealStreamAliases1764700000000, V11Integrity1764800000000, DealListSlicing1764900000000, ValueBases1765000000000, AdvisorCredits1765100000000, CompanyReferenceData1765200000000, ReportSlices1765300000000, UnusedDealViewIndexes1765400000000, FillTotalsPerTable1765500000000];

export interface DataSourceSettings {
  url: string;
  embedded: boolean;
  poolSize?: number;
}

export function createDataSource({ url, embedded, poolSize = 10 }: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'all',
    // Schema changes belong in migrations/, never in entity sync. PGlite has no uuid-ossp; PG 13+ has gen_random_uuid().
    synchronize: false,
    installExtensions: false,
    extra: {
      // pglite-socket interleaves extended-protocol messages of concurrent connections into its one backend
      // ("unnamed prepared statement does not exist", electric-sql/pglite#1046). PGlite runs one query at a time
      // anyway, so the embedded database gets one connection and loses nothing.
      max: embedded ? 1 : poolSize,
      connectionTimeoutMillis: 10_000,
      // A transaction left open would hold back every gap-safe reader of the log; cut it off. The API's reads are
      // short indexed queries: starting parallel workers costs them more than it saves (a league table's p50 went
      // from 20 to 12 ms without them on a loaded two-core server), so they run in one process.
      ...(embedded ? {} : { idle_in_transaction_session_timeout: 60_000, options: '-c max_parallel_workers_per_gather=0' }),
    },
  });
}
