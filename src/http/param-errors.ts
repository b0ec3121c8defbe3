// Query-string parameters, all problems collected: one 400 names every bad field at once. A parser either returns
// its value or throws a RequestValidationError.
import { optionalDate } from './params.js';
import { type FieldError, RequestValidationError } from './request-validation.error.js';

/** The longest free text a parameter takes (a company name, a search). */
export const MAX_TEXT_LENGTH = 200;

/** An inclusive range of calendar dates; a missing end is open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** Collects field errors; `done` throws them all as one 400. */
export class ParamErrors {
  readonly errors: FieldError[] = [];

  add(field: string, message: string): undefined {
    this.errors.push({ field, message });
    return undefined;
  }

  /** Runs a throwing parser (the shared helpers of src/http) and keeps its errors with the others. */
  collect<T>(parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      this.errors.push(...error.errors);
      return undefined;
    }
  }

  done(): void {
    if (this.errors.length > 0) throw new RequestValidationError(this.errors);
  }
}

/** A single string value: a repeated parameter (?q=a&q=b) arrives as an array and is refused. */
export function optionalText(field: string, value: unknown, errors: ParamErrors, max = MAX_TEXT_LENGTH): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return errors.add(field, 'must be given once, as text');
  const text = value.trim();
  if (text.length === 0 || text.length > max) return errors.add(field, `must be 1–${max} characters`);
  // PostgreSQL text cannot hold NUL: compared with a column, it would be a 500.
  if (text.includes('\u0000')) return errors.add(field, 'must not contain NUL characters (%00)');
  return text;
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
