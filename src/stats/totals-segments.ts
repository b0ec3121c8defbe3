// The reports read acquirer_totals and volume_totals (migrations/1764246300000-report-totals.ts), which hold each
// total per day, per month and per year. A date range is read as whole years, then whole months at either end,
// then single days at either end: a few thousand rows at most, however many deals there are.
import type { DateRange } from './http/report-params.js';

export type Grain = 'year' | 'month' | 'day';

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

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const yearOf = (date: string) => Number(date.slice(0, 4));
const monthOf = (date: string) => Number(date.slice(5, 7));
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => (month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

const CALENDARS: Record<Exclude<Grain, 'day'>, Calendar> = {
  year: {
    index: yearOf,
    start: (year) => `${pad(year, 4)}-01-01`,
    end: (year) => `${pad(year, 4)}-12-31`,
  },
  month: {
    index: (date) => yearOf(date) * 12 + monthOf(date) - 1,
    start: (i) => `${pad(Math.floor(i / 12), 4)}-${pad((i % 12) + 1, 2)}-01`,
    end: (i) => `${pad(Math.floor(i / 12), 4)}-${pad((i % 12) + 1, 2)}-${daysIn(Math.floor(i / 12), (i % 12) + 1)}`,
  },
};

/** Grains from the coarsest a report may use down to days (a quarterly report cannot use years). */
const GRAINS_FROM: Record<Exclude<Grain, 'day'>, Grain[]> = { year: ['year', 'month', 'day'], month: ['month', 'day'] };

/** Segments that together cover every day of `range` exactly once. */
export function coverRange(range: DateRange, coarsest: Exclude<Grain, 'day'>): Segment[] {
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
  return [...before, whole, ...after];
}

/**
 * The rows of `table` for one basis within the segments passed as JSON in parameter `segments`, as `t`.
 * Dates may be open ended, hence the infinities.
 */
export const totalsWithin = (table: 'acquirer_totals' | 'volume_totals', basis: string, segments: string) => `
  jsonb_to_recordset(${segments}::jsonb) AS s(grain text, "from" date, "to" date)
  JOIN ${table} t ON t.basis = ${basis} AND t.grain = s.grain
    AND t.period_start BETWEEN coalesce(s."from", '-infinity'::date) AND coalesce(s."to", 'infinity'::date)`;
