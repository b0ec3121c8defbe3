// Query parameters shared by the aggregate reports (/stats/volume, /league-tables/acquirers).
import { optionalDate } from '../../http/params.js';
import { type FieldError, RequestValidationError } from '../../http/request-validation.error.js';

/** Which date places a deal in a report: its announcement or its closing. */
export const BASES = ['announced', 'closed'] as const;
export type Basis = (typeof BASES)[number];

/** An inclusive range of calendar dates; a missing end is open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** One of `allowed`, or `fallback` when absent; anything else (a repeated parameter too) is a 400. */
export function enumParam<T extends string>(field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new RequestValidationError([{ field, message: `must be one of ${allowed.join(', ')}` }]);
}

export function dateRangeParams(from: unknown, to: unknown): DateRange {
  const range = collectErrors({ from: () => optionalDate('from', from), to: () => optionalDate('to', to) });
  if (range.from && range.to && range.from > range.to) {
    throw new RequestValidationError([{ field: 'to', message: 'must be on or after from' }]);
  }
  return range;
}

/**
 * Runs every parser and reports all the bad fields in one 400, rather than only the first one.
 * Each parser either returns its value or throws a RequestValidationError.
 */
export function collectErrors<T extends object>(parsers: { [K in keyof T]: () => T[K] }): T {
  const errors: FieldError[] = [];
  const parsed: Partial<T> = {};
  for (const key of Object.keys(parsers) as (keyof T)[]) {
    try {
      parsed[key] = parsers[key]();
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      errors.push(...error.errors);
    }
  }
  if (errors.length > 0) throw new RequestValidationError(errors);
  return parsed as T;
}
