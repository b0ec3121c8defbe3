import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { CompanyRef } from '../../deals/projections/deal-view.js';
import { type Page, toPage } from '../../http/paging.js';
import type { DateRange } from '../../http/param-errors.js';
import { type Slicing, reportSource } from '../../report-totals/report-source.js';
import { type Basis, type Credit, MEASURE_COLUMNS, type Measure } from '../../report-totals/totals-segments.js';

export const RANKINGS = ['value', 'count'] as const;
export type Ranking = (typeof RANKINGS)[number];

export interface LeagueRow {
  rank: number;
  company: CompanyRef;
  dealCount: number;
  /** Null when none of the row's deals has a USD figure. */
  valueUsd: string | null;
  /** The row's deals with a value but no USD figure (in no valueUsd). */
  unconvertedCount: number;
}

export class GetLeagueTableQuery extends Query<Page<LeagueRow>> {
  constructor(
    /** Whom the table ranks: acquirers, or advisors of a role. */
    readonly credit: Credit,
    readonly basis: Basis,
    readonly ranking: Ranking,
    readonly measure: Measure,
    readonly range: DateRange,
    /** Only deals whose parties are in these countries or sectors, or that are cross-border (or not). */
    readonly slicing: Slicing,
    readonly limit: number,
    /** Position in the table (1-based) of the last row already served. */
    readonly afterPosition: number,
  ) {
    super();
  }
}

/** The ranking key first: `rank` ties on it alone; the rest only orders the tied rows. Rows with no USD figure last. */
const ORDER_SQL: Record<Ranking, { key: string; then: string }> = {
  value: { key: 'value_usd DESC NULLS LAST', then: 'deal_count DESC' },
  count: { key: 'deal_count DESC', then: 'value_usd DESC NULLS LAST' },
};

interface TableRow {
  position: number;
  rank: number;
  company_id: string;
  name: string;
  deal_count: number;
  value_usd: string | null;
  unconverted_count: number;
}

/**
 * A league table (acquirers, or advisors of a role), summed from credit_totals and ranked with rank() (1, 2, 2, 4).
 * Which deals credit whom is decided where the totals are kept (report_entries and deal_credits, report-totals.sql):
 * announced deals that did not fall through by announcedOn, closed deals by closedOn; the deal's own acquirer, never
 * a bidder; each advisor once per deal.
 */
@QueryHandler(GetLeagueTableQuery)
export class GetLeagueTableHandler implements IQueryHandler<GetLeagueTableQuery, Page<LeagueRow>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ credit, basis, ranking, measure, range, slicing, limit, afterPosition }: GetLeagueTableQuery): Promise<Page<LeagueRow>> {
    const totals = reportSource('credit_totals', { basis, credit }, slicing, range, 'year', 3);
    const rows: TableRow[] = await this.dataSource.query(tableSql(ranking, measure, totals.sql), [afterPosition, limit + 1, ...totals.params]);
    return toPage(rows, limit, toLeagueRow, (row) => [row.position]);
  }
}

function tableSql(ranking: Ranking, measure: Measure, totals: string): string {
  const { key, then } = ORDER_SQL[ranking];
  const m = MEASURE_COLUMNS[measure];
  // Names sort case-insensitively in code-point order, the same on PostgreSQL and PGlite whatever their locale.
  const byName = 'lower(name) COLLATE "C", name COLLATE "C", company_id';
  return `
    WITH totals AS (
      SELECT t.company_id, sum(t.deal_count)::int AS deal_count,
        CASE WHEN sum(t.${m.usdCount}) > 0 THEN sum(t.${m.usd}) END AS value_usd, sum(t.${m.unconverted})::int AS unconverted_count
      FROM ${totals}
      GROUP BY t.company_id
    ), grouped AS (
      -- Rows tied on both figures form a group, ordered within by name: it starts at its rank on both and ends
      -- at the count of rows up to its last peer (one sort for all three).
      SELECT totals.*, rank() OVER (ORDER BY ${key})::int AS rank,
        rank() OVER (ORDER BY ${key}, ${then})::int AS group_start,
        count(*) OVER (ORDER BY ${key}, ${then})::int AS group_end
      FROM totals
    ), named AS (
      -- Names only for the groups the page reaches: the display name profiled, else the latest name seen. Every
      -- company credited has its names in company_names: they are projected from the same events, in the same
      -- transaction.
      SELECT grouped.*, coalesce(v.display_name, latest.name) AS name
      FROM grouped
      JOIN LATERAL (
        SELECT n.name FROM company_names n WHERE n.company_id = grouped.company_id
        ORDER BY n.last_seen_at DESC, n.name COLLATE "C" LIMIT 1
      ) latest ON true
      LEFT JOIN company_views v ON v.company_id = grouped.company_id
      WHERE group_end > $1 AND group_start <= $1 + $2
    ), ranked AS (
      SELECT named.*, (group_start - 1 + row_number() OVER (PARTITION BY value_usd, deal_count ORDER BY ${byName}))::int AS position
      FROM named
    )
    SELECT position, rank, company_id, name, deal_count, trim_scale(value_usd)::text AS value_usd, unconverted_count
    FROM ranked
    WHERE position > $1
    ORDER BY position
    LIMIT $2`;
}

function toLeagueRow(row: TableRow): LeagueRow {
  return {
    rank: row.rank,
    company: { companyId: row.company_id, name: row.name },
    dealCount: row.deal_count,
    valueUsd: row.value_usd,
    unconvertedCount: row.unconverted_count,
  };
}
