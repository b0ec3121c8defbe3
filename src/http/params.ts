// Path, query and header values: checked here so a bad one is a 400 naming the field, never a 500.
import { isISO8601, isUUID } from 'class-validator';
import { holdsIssuedKey } from '../logging/harmless.js';
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
  const ok = typeof value === 'string' && /^[1-9]\d{0,2}$/.test(value) && +value >= 1 && +value <= 200;
  return ok ? Number.parseInt(value as string, 10) : invalid('limit', 'must be a whole number from 1 to 200');
}

/** Idempotency-Key: 1–200 visible ASCII characters of the client's making; it is stored, so never one of our keys. */
export function idempotencyKeyHeader(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(value)) return invalid('Idempotency-Key', 'must be 1–200 visible ASCII characters, no spaces');
  if (holdsIssuedKey(value)) return invalid('Idempotency-Key', 'holds an API key, which is a secret: send a key of your own making, e.g. a UUID');
  return value;
}

/** An If-Match that can match no deal version: a weak tag (RFC 9110 compares strongly there) or another opaque tag. */
export class IfMatchNeverMatches extends Error {
  readonly code = 'VERSION_MISMATCH';
}

/** If-Match: one entity tag as a deal's or company's ETag gives it ("3"), or *. */
export function ifMatchHeader(value: unknown): number | '*' | undefined {
  if (value === undefined) return undefined;
  const tag = typeof value === 'string' ? /^\s*(?:(\*)|(W\/)?"([^"]*)")\s*$/.exec(value) : null;
  if (!tag) return invalid('If-Match', 'must be one entity tag, quoted as the ETag came (e.g. "3"), or *');
  if (tag[1]) return '*';
  if (tag[2]) {
    throw new IfMatchNeverMatches(`If-Match W/"${tag[3]}" is a weak entity tag, which never matches (RFC 9110); send the ETag as it came, e.g. "3".`);
  }
  // Compared as the octets of the tag: "03" is not the ETag "3" of any version.
  if (!/^(0|[1-9]\d{0,8})$/.test(tag[3])) throw new IfMatchNeverMatches(`If-Match "${tag[3]}" is not the ETag of any version.`);
  return Number(tag[3]);
}
