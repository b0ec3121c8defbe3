import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { CompanyRef } from '../../deals/projections/deal-view.js';
import { type Page, toPage } from '../../http/paging.js';
import type { Basis, DateRange } from '../../stats/http/report-params.js';
import { coverRange, totalsWithin } from '../../stats/totals-segments.js';

export const RANKINGS = ['value', 'count'] as const;
export type Ranking = (typeof RANKINGS)[number];

export interface AcquirerRow {
  rank: number;
  company: CompanyRef;
  dealCount: number;
  valueUsd: string;
}

export class GetAcquirerTableQuery extends Query<Page<AcquirerRow>> {
  constructor(
    readonly basis: Basis,
    readonly ranking: Ranking,
    readonly range: DateRange,
    readonly limit: number,
    /** Position in the table (1-based) of the last row already served. */
    readonly afterPosition: number,
  ) {
    super();
  }
}

/** The ranking key first: `rank` ties on it alone; the rest only orders the tied rows. */
const ORDER_SQL: Record<Ranking, { key: string; then: string }> = {
  value: { key: 'value_usd DESC', then: 'deal_count DESC' },
  count: { key: 'deal_count DESC', then: 'value_usd DESC' },
};

interface TableRow {
  position: number;
  rank: number;
  company_id: string;
  name: string;
  deal_count: number;
  value_usd: string;
}

/**
 * The acquirer league table, summed from acquirer_totals and ranked with rank() (1, 2, 2, 4). Which deals credit
 * their acquirer is decided where the totals are kept (migrations/1764246300000-report-totals.ts): announced deals
 * that did not fall through by announcedOn, closed deals by closedOn; only the deal's own acquirer, never a bidder.
 */
@QueryHandler(GetAcquirerTableQuery)
export class GetAcquirerTableHandler implements IQueryHandler<GetAcquirerTableQuery, Page<AcquirerRow>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ basis, ranking, range, limit, afterPosition }: GetAcquirerTableQuery): Promise<Page<AcquirerRow>> {
    const segments = JSON.stringify(coverRange(range, 'year'));
    const rows: TableRow[] = await this.dataSource.query(tableSql(ranking), [basis, segments, afterPosition, limit + 1]);
    return toPage(rows, limit, toAcquirerRow, (row) => [row.position]);
  }
}

function tableSql(ranking: Ranking): string {
  const { key, then } = ORDER_SQL[ranking];
  // Names sort case-insensitively in code-point order, the same on PostgreSQL and PGlite whatever their locale.
  const byName = 'lower(name) COLLATE "C", name COLLATE "C", company_id';
  return `
    WITH totals AS (
      SELECT t.acquirer_id AS company_id, sum(t.deal_count)::int AS deal_count, sum(t.value_usd) AS value_usd
      FROM ${totalsWithin('acquirer_totals', '$1', '$2')}
      GROUP BY t.acquirer_id
    ), named AS (
      SELECT t.company_id, t.deal_count, t.value_usd,
        coalesce(latest.name, (SELECT max(acquirer_name) FROM deal_views d WHERE d.acquirer_id = t.company_id)) AS name
      FROM totals t
      LEFT JOIN LATERAL (
        SELECT n.name FROM company_names n WHERE n.company_id = t.company_id
        ORDER BY n.last_seen_at DESC, n.name COLLATE "C" LIMIT 1
      ) latest ON true
    ), ranked AS (
      SELECT named.*, rank() OVER (ORDER BY ${key})::int AS rank,
        row_number() OVER (ORDER BY ${key}, ${then}, ${byName})::int AS position
      FROM named
    )
    SELECT position, rank, company_id, name, deal_count, trim_scale(value_usd)::text AS value_usd
    FROM ranked
    WHERE position > $3
    ORDER BY position
    LIMIT $4`;
}

function toAcquirerRow(row: TableRow): AcquirerRow {
  return {
    rank: row.rank,
    company: { companyId: row.company_id, name: row.name },
    dealCount: row.deal_count,
    valueUsd: row.value_usd,
  };
}
