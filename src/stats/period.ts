// Period labels of /stats/volume: "2024-03" (month), "2024-Q1" (quarter), "2024" (year).

export const INTERVALS = ['month', 'quarter', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

/** PostgreSQL's date_trunc field and generate_series step for each interval. */
export const INTERVAL_SQL: Record<Interval, { field: string; step: string }> = {
  month: { field: 'month', step: '1 month' },
  quarter: { field: 'quarter', step: '3 months' },
  year: { field: 'year', step: '1 year' },
};

// Years from 0001: PostgreSQL has no year 0, so "0000" would reach it as a 500.
const LABEL_PATTERN: Record<Interval, RegExp> = {
  month: /^((?!0000)\d{4})-(0[1-9]|1[0-2])$/,
  quarter: /^((?!0000)\d{4})-Q([1-4])$/,
  year: /^((?!0000)\d{4})$/,
};

/** The label of the period that starts on `start` (YYYY-MM-DD, the first day of the period). */
export function periodLabel(start: string, interval: Interval): string {
  const year = start.slice(0, 4);
  const month = Number(start.slice(5, 7));
  switch (interval) {
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'year':
      return year;
    default:
      return assertNever(interval);
  }
}

/** The first day of the labelled period, or undefined when `label` is not a label of this interval. */
export function periodStart(label: string, interval: Interval): string | undefined {
  const match = LABEL_PATTERN[interval].exec(label);
  if (!match) return undefined;
  switch (interval) {
    case 'month':
      return `${match[1]}-${match[2]}-01`;
    case 'quarter':
      return `${match[1]}-${String((Number(match[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
    case 'year':
      return `${match[1]}-01-01`;
    default:
      return assertNever(interval);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown interval ${String(value)}`);
}
