// Path, query and header values: checked here so a bad one is a 400 naming the field, never a 500.
import { isISO8601, isUUID } from 'class-validator';
import { RequestValidationError } from './request-validation.error.js';

const invalid = (field: string, message: string): never => {
  throw new RequestValidationError([{ field, message }]);
};

export function uuidParam(field: string, value: string): string {
  return isUUID(value) ? value.toLowerCase() : invalid(field, 'must be a UUID');
}

/** A real calendar date written YYYY-MM-DD, from year 1 (PostgreSQL has no year 0: '0000-01-01' is out of its range). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function optionalDate(field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' && isCalendarDate(value) ? value : invalid(field, 'must be a date YYYY-MM-DD');
}

export function optionalTimestamp(field: string, value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  // Four-digit years only: an extended year (+2025-…, -271821-…) is valid ISO 8601 but an Invalid Date here or out of
  // PostgreSQL's range, a 500 either way.
  const ok =
    typeof value === 'string' &&
    isISO8601(value, { strict: true }) &&
    /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d\d:?\d\d)$/.test(value) &&
    !Number.isNaN(Date.parse(value));
  return ok ? new Date(value as string) : invalid(field, 'must be an ISO 8601 timestamp with a time zone, e.g. 2025-03-28T12:00:00Z');
}

export function limitParam(value: unknown, fallback = 50): number {
  if (value === undefined) return fallback;
  const ok = typeof value === 'string' && /^\d{1,3}$/.test(value) && +value >= 1 && +value <= 200;
  return ok ? Number.parseInt(value as string, 10) : invalid('limit', 'must be a whole number from 1 to 200');
}

export function optionalHeader(field: string, value: unknown, pattern = /^[\x21-\x7e]{1,200}$/): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' && pattern.test(value) ? value : invalid(field, `must match ${pattern}`);
}

/** A weak entity tag in If-Match: RFC 9110 compares strongly there, so it never matches (412). */
export class WeakIfMatch extends Error {
  readonly code = 'VERSION_MISMATCH';
  constructor(tag: string) {
    super(`If-Match ${tag.trim()} is a weak entity tag, which never matches (RFC 9110); send the deal's ETag as it came, e.g. "3".`);
  }
}

/** If-Match: "3" (or 3); * accepts any current version. */
export function ifMatchHeader(value: unknown): number | '*' | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^\s*(W\/)?"?(\d{1,9}|\*)"?\s*$/.exec(value) : null;
  if (!match) return invalid('If-Match', 'must be a deal version in quotes, e.g. "3"');
  if (match[1]) throw new WeakIfMatch(value as string);
  return match[2] === '*' ? '*' : Number.parseInt(match[2], 10);
}
