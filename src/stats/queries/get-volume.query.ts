import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../http/paging.js';
import type { Basis, DateRange } from '../http/report-params.js';
import { INTERVAL_SQL, type Interval, periodLabel } from '../period.js';

export interface VolumeBucket {
  period: string;
  dealCount: number;
  valueUsd: string;
  unconvertedCount: number;
  byCurrency: Record<string, string>;
}

export class GetVolumeQuery extends Query<Page<VolumeBucket>> {
  constructor(
    readonly basis: Basis,
    readonly interval: Interval,
    readonly range: DateRange,
    readonly limit: number,
    /** First day of the last period already served (from the cursor). */
    readonly afterPeriodStart?: string,
  ) {
    super();
  }
}

/**
 * Which deals a bucket counts, and by which date. Announced: every deal that was announced, whatever happened
 * later (withdrawn and terminated ones too: it is the volume of announcements). Closed: closed deals by closedOn
 * (a retracted closing has already taken the deal out of `closed` in deal_views).
 */
const BASIS_SQL: Record<Basis, { date: string; filter: string }> = {
  announced: { date: 'announced_on', filter: 'announced_on IS NOT NULL' },
  closed: { date: 'closed_on', filter: "status = 'closed' AND closed_on IS NOT NULL" },
};

interface VolumeRow {
  period_start: string;
  deal_count: number;
  value_usd: string;
  unconverted_count: number;
  by_currency: Record<string, string>;
}

/** Deal volume per period, summed in SQL over deal_views; amounts of different currencies are kept apart. */
@QueryHandler(GetVolumeQuery)
export class GetVolumeHandler implements IQueryHandler<GetVolumeQuery, Page<VolumeBucket>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(query: GetVolumeQuery): Promise<Page<VolumeBucket>> {
    const { basis, interval, range, limit, afterPeriodStart } = query;
    const { field, step } = INTERVAL_SQL[interval];
    const allPeriods = everyPeriod(range);
    const params = [field, range.from ?? null, range.to ?? null, afterPeriodStart ?? null, limit + 1];
    // $6 only exists in the statement that generates the periods (an unused parameter has no type and fails).
    const rows: VolumeRow[] = await this.dataSource.query(volumeSql(basis, allPeriods), allPeriods ? [...params, step] : params);
    return toPage(rows, limit, (row) => toBucket(row, interval), (row) => [periodLabel(row.period_start, interval)]);
  }
}

/** With both ends given, every period between them is listed (empty ones as zeros); otherwise those with deals. */
const everyPeriod = (range: DateRange): boolean => Boolean(range.from && range.to);

function volumeSql(basis: Basis, allPeriods: boolean): string {
  const { date, filter } = BASIS_SQL[basis];
  // Periods are keyed by their first day (sorts and pages in date order); to_char keeps it YYYY-MM-DD whatever DateStyle.
  const periods = allPeriods
    ? `SELECT generate_series(date_trunc($1::text, $2::date::timestamp), date_trunc($1::text, $3::date::timestamp), $6::interval)::date AS period_start`
    : 'SELECT period_start FROM totals';
  return `
    WITH counted AS (
      SELECT date_trunc($1::text, ${date}::timestamp)::date AS period_start, value_amount, value_currency, value_usd
      FROM deal_views
      WHERE ${filter} AND ($2::date IS NULL OR ${date} >= $2::date) AND ($3::date IS NULL OR ${date} <= $3::date)
    ), totals AS (
      SELECT period_start, count(*)::int AS deal_count, coalesce(sum(value_usd), 0) AS value_usd,
        (count(*) FILTER (WHERE value_amount IS NOT NULL AND value_usd IS NULL))::int AS unconverted_count
      FROM counted GROUP BY period_start
    ), per_currency AS (
      SELECT period_start, value_currency, sum(value_amount) AS amount
      FROM counted WHERE value_amount IS NOT NULL GROUP BY period_start, value_currency
    ), currencies AS (
      SELECT period_start, json_object_agg(value_currency, trim_scale(amount)::text ORDER BY value_currency) AS by_currency
      FROM per_currency GROUP BY period_start
    ), periods AS (${periods})
    SELECT to_char(p.period_start::timestamp, 'YYYY-MM-DD') AS period_start,
      coalesce(t.deal_count, 0) AS deal_count,
      trim_scale(coalesce(t.value_usd, 0))::text AS value_usd,
      coalesce(t.unconverted_count, 0) AS unconverted_count,
      coalesce(c.by_currency, '{}'::json) AS by_currency
    FROM periods p
    LEFT JOIN totals t ON t.period_start = p.period_start
    LEFT JOIN currencies c ON c.period_start = p.period_start
    WHERE $4::date IS NULL OR p.period_start > $4::date
    ORDER BY p.period_start
    LIMIT $5`;
}

function toBucket(row: VolumeRow, interval: Interval): VolumeBucket {
  return {
    period: periodLabel(row.period_start, interval),
    dealCount: row.deal_count,
    valueUsd: row.value_usd,
    unconvertedCount: row.unconverted_count,
    byCurrency: row.by_currency,
  };
}
