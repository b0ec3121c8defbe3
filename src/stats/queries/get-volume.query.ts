import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../http/paging.js';
import type { DateRange } from '../../http/param-errors.js';
import { INTERVAL_SQL, type Interval, periodLabel } from '../period.js';
import { type Slicing, reportSource } from '../../report-totals/report-source.js';
import { type Basis, MEASURE_COLUMNS, type Measure } from '../../report-totals/totals-segments.js';
import type { VolumeBucket } from '../volume-bucket.js';

export type { VolumeBucket };


export class GetVolumeQuery extends Query<Page<VolumeBucket>> {
  constructor(
    readonly basis: Basis,
    readonly interval: Interval,
    readonly measure: Measure,
    readonly range: DateRange,
    readonly slicing: Slicing,
    readonly limit: number,
    /** First day of the last period already served (from the cursor). */
    readonly afterPeriodStart?: string,
  ) {
    super();
  }
}

interface VolumeRow {
  period_start: string;
  deal_count: number;
  value_usd: string;
  unconverted_count: number;
  by_currency: Record<string, string>;
}

/**
 * Deal volume per period, summed from volume_totals; amounts of different currencies are kept apart. Which deals a
 * bucket counts is decided where the totals are kept (report_entries, report-totals.sql): announced, every deal
 * that was announced, whatever happened later (it is the volume of announcements), by announcedOn; closed,
 * closed deals by closedOn (a retracted closing has already taken the deal out of `closed`).
 */
@QueryHandler(GetVolumeQuery)
export class GetVolumeHandler implements IQueryHandler<GetVolumeQuery, Page<VolumeBucket>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(query: GetVolumeQuery): Promise<Page<VolumeBucket>> {
    const { basis, interval, measure, range, slicing, limit, afterPeriodStart } = query;
    const { field, step } = INTERVAL_SQL[interval];
    const allPeriods = everyPeriod(range);
    // A month cannot be read from a quarter's totals, nor a quarter from a year's.
    const totals = reportSource('volume_totals', { basis }, slicing, range, interval, allPeriods ? 7 : 4);
    // $4 to $6 only exist in the statement that generates the periods (an unused parameter has no type and fails).
    const params = [field, afterPeriodStart ?? null, limit + 1, ...(allPeriods ? [range.from, range.to, step] : []), ...totals.params];
    const rows: VolumeRow[] = await this.dataSource.query(volumeSql(allPeriods, measure, totals.sql), params);
    return toPage(rows, limit, (row) => toBucket(row, interval), (row) => [periodLabel(row.period_start, interval)]);
  }
}

/** With both ends given, every period between them is listed (empty ones as zeros); otherwise those with deals. */
const everyPeriod = (range: DateRange): boolean => Boolean(range.from && range.to);

function volumeSql(allPeriods: boolean, measure: Measure, totals: string): string {
  const m = MEASURE_COLUMNS[measure];
  // Periods are keyed by their first day (sorts and pages in date order); to_char keeps it YYYY-MM-DD whatever DateStyle.
  const periods = allPeriods
    ? `SELECT generate_series(date_trunc($1::text, $4::date::timestamp), date_trunc($1::text, $5::date::timestamp), $6::interval)::date AS period_start`
    : 'SELECT period_start FROM totals';
  return `
    WITH counted AS (
      SELECT date_trunc($1::text, t.period_start::timestamp)::date AS period_start, t.currency, t.deal_count,
        t.${m.usd} AS value_usd, t.${m.unconverted} AS unconverted_count, t.amount
      FROM ${totals}
    ), totals AS (
      SELECT period_start, sum(deal_count)::int AS deal_count, sum(value_usd) AS value_usd,
        sum(unconverted_count)::int AS unconverted_count
      FROM counted GROUP BY period_start
    ), per_currency AS (
      SELECT period_start, currency, sum(amount) AS amount
      FROM counted WHERE currency <> '' GROUP BY period_start, currency
    ), currencies AS (
      SELECT period_start, json_object_agg(currency, trim_scale(amount)::text ORDER BY currency) AS by_currency
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
    WHERE $2::date IS NULL OR p.period_start > $2::date
    ORDER BY p.period_start
    LIMIT $3`;
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
