// The reports read credit_totals and volume_totals (report-totals.sql), which hold each total per day, month,
// quarter and year. A date range is read as whole years, then whole quarters, months and days at either end: each
// coarser row stands for all the deals of its period.
import type { DateRange } from '../http/param-errors.js';

/** Which date places a deal in a report: its announcement or its closing (report_entries, report-totals.sql). */
export const BASES = ['announced', 'closed'] as const;
export type Basis = (typeof BASES)[number];

/**
 * What a report sums: the deal's value in USD, or its rank value (enterprise value in USD when there is one, else the
 * value in USD: deal_views.rank_value_usd). Each has its own columns in the totals.
 */
export const MEASURES = ['value', 'rankValue'] as const;
export type Measure = (typeof MEASURES)[number];

export const MEASURE_COLUMNS: Record<Measure, { usd: string; usdCount: string; unconverted: string }> = {
  value: { usd: 'value_usd', usdCount: 'usd_count', unconverted: 'unconverted_count' },
  rankValue: { usd: 'rank_value_usd', usdCount: 'rank_usd_count', unconverted: 'rank_unconverted_count' },
};

/** Whom credit_totals credits a deal to: its acquirer, or an advisor of that role. */
export const CREDITS = ['acquirer', 'financial', 'legal'] as const;
export type Credit = (typeof CREDITS)[number];

export type Grain = 'year' | 'quarter' | 'month' | 'day';
type Coarse = Exclude<Grain, 'day'>;

/** The totals of one grain whose period starts between `from` and `to` (inclusive; null is open). */
export interface Segment {
  grain: Grain;
  from: string | null;
  to: string | null;
}

interface Calendar {
  /** Counts periods: consecutive periods have consecutive indexes. */
  index(date: string): number;
  start(index: number): string;
  end(index: number): string;
}

/** The dates PostgreSQL and the API take: years 1 to 9999. */
const inCalendar = (date: string) => date.length === 10 && date >= '0001-01-01';
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const yearOf = (date: string) => Number(date.slice(0, 4));
const monthOf = (date: string) => Number(date.slice(5, 7));
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => (month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

const monthCalendar = (months: number): Calendar => ({
  index: (date) => Math.floor((yearOf(date) * 12 + monthOf(date) - 1) / months),
  start: (i) => `${pad(Math.floor((i * months) / 12), 4)}-${pad(((i * months) % 12) + 1, 2)}-01`,
  end: (i) => {
    const [year, month] = [Math.floor((i * months + months - 1) / 12), ((i * months + months - 1) % 12) + 1];
    return `${pad(year, 4)}-${pad(month, 2)}-${daysIn(year, month)}`;
  },
});

const CALENDARS: Record<Coarse, Calendar> = {
  year: {
    index: yearOf,
    start: (year) => `${pad(year, 4)}-01-01`,
    end: (year) => `${pad(year, 4)}-12-31`,
  },
  quarter: monthCalendar(3),
  month: monthCalendar(1),
};

/** Grains from the coarsest a report may use down to days (a monthly report cannot use quarters). */
const GRAINS_FROM: Record<Coarse, Grain[]> = {
  year: ['year', 'quarter', 'month', 'day'],
  quarter: ['quarter', 'month', 'day'],
  month: ['month', 'day'],
};

/** Segments that together cover every day of `range` exactly once. */
export function coverRange(range: DateRange, coarsest: Coarse): Segment[] {
  return cover(range.from ?? null, range.to ?? null, GRAINS_FROM[coarsest]);
}

function cover(from: string | null, to: string | null, [grain, ...finer]: Grain[]): Segment[] {
  if (grain === 'day') return [{ grain, from, to }];
  const calendar = CALENDARS[grain];
  // The first and last periods lying wholly inside the range.
  const first = from === null ? null : calendar.index(from) + (calendar.start(calendar.index(from)) === from ? 0 : 1);
  const last = to === null ? null : calendar.index(to) - (calendar.end(calendar.index(to)) === to ? 0 : 1);
  if (first !== null && last !== null && first > last) return cover(from, to, finer);
  const before = from !== null && from < calendar.start(first!) ? cover(from, calendar.end(first! - 1), finer) : [];
  const after = to !== null && to > calendar.end(last!) ? cover(calendar.start(last! + 1), to, finer) : [];
  const whole: Segment = { grain, from: first === null ? null : calendar.start(first), to: last === null ? null : calendar.start(last) };
  // An open range ending in year 1, or starting in year 9999: its whole periods would start outside the calendar.
  if (![whole.from, whole.to].every((date) => date === null || inCalendar(date))) return cover(from, to, finer);
  return [...before, whole, ...after];
}

/** A text[] the statement computes: the slices to read, when they are not known before it runs. */
export interface SlicesSql {
  sql: string;
}

/**
 * The rows of `table` with the given column values (a basis, a kind of credit) in any of `slices`, within the
 * segments, as a subquery `t`, with its parameters numbered from `firstParam`. One index range scan per segment: the
 * planner sees each segment's bounds as values.
 */
export function totalsWithin(
  table: 'credit_totals' | 'volume_totals',
  equal: { basis: Basis; credit?: Credit },
  slices: string[] | SlicesSql,
  segments: Segment[],
  firstParam: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${firstParam + params.push(value) - 1}`;
  const sliceSet = Array.isArray(slices) ? `${param(slices)}::text[]` : slices.sql;
  const keys = [...Object.entries(equal).map(([column, value]) => `${column} = ${param(value)}`), `slice = ANY(${sliceSet})`];
  const scans = segments.map(({ grain, from, to }) => {
    const bounds = [from === null ? '' : ` AND period_start >= ${param(from)}::date`, to === null ? '' : ` AND period_start <= ${param(to)}::date`];
    return `SELECT * FROM ${table} WHERE ${keys.join(' AND ')} AND grain = ${param(grain)}${bounds.join('')}`;
  });
  return { sql: `(${scans.join(' UNION ALL ')}) t`, params };
}
