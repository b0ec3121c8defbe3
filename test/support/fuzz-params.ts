// Query, path and header values, valid and hostile, and what the server must make of them. Each parameter gets a
// kind from its documented schema (enum, integer range, date, uuid), else from its name (limit, cursor, ...), and a
// judge that says when a value must be refused. Judges only claim what the HTTP contract or the document promises.
import fc from 'fast-check';
import type { ParamSpec } from './fuzz-openapi.js';
import { isCalendarDate, isUuid } from './fuzz-openapi.js';
import {
  EDGE_DATES,
  SQL_FRAGMENTS,
  UNICODE_SAMPLES,
  UNSTORABLE_SAMPLES,
  clip,
  hostileString,
  printableHostileString,
  wellFormed,
} from './fuzz-values.js';

export type ParamKind = 'enum' | 'limit' | 'date' | 'timestamp' | 'cursor' | 'uuid' | 'currencies' | 'statuses' | 'decimal' | 'text';

export const DEAL_STATUSES = ['rumored', 'pending', 'closed', 'terminated', 'withdrawn'];

/** A cursor the server really issued, with the request that got it (the request a next page repeats). */
export interface IssuedCursor {
  opKey: string;
  param: string;
  /** Path and query of the request that answered it, without the cursor. */
  path: string;
  query: string;
  cursor: string;
}

/** What the fuzzer learnt from the seeded data: ids that exist and cursors the server really issued. */
export interface FuzzContext {
  dealIds: string[];
  companyIds: string[];
  companyNames: string[];
  /** From every list (one list's cursor is a fine thing to try on another). */
  cursors: IssuedCursor[];
}

export interface JudgedValue {
  value: string;
  /** Why the server must refuse it, or null when it may be fine. */
  refuse: string | null;
}

export function kindOf(param: ParamSpec): ParamKind {
  const { name, schema } = param;
  if (Array.isArray(schema.enum)) return 'enum';
  if (name === 'limit') return 'limit';
  if (schema.format === 'date' || /^(from|to|asOf|announcedFrom|announcedTo)$/.test(name)) return 'date';
  if (schema.format === 'date-time' || name === 'knownAt') return 'timestamp';
  if (name === 'cursor' || name === 'after' || name.toLowerCase() === 'last-event-id') return 'cursor';
  if (schema.format === 'uuid') return 'uuid';
  if (name === 'currency') return 'currencies';
  if (name === 'status') return 'statuses';
  if (/ValueUsd$/.test(name)) return 'decimal';
  return 'text';
}

// ---- judges: given the value the server sees, must it refuse? ----

/** Base64url-decoded, as Node decodes it (characters outside the alphabet are skipped). */
const decodeCursorText = (text: string) => Buffer.from(text, 'base64url').toString('utf8');

function cursorCouldBeReal(text: string): boolean {
  if (text === '') return true;
  const decoded = decodeCursorText(text);
  if (/^\d{1,20}(:\d{1,20})?$/.test(decoded)) return true;
  try {
    return Array.isArray(JSON.parse(decoded));
  } catch {
    return false;
  }
}

export function judge(param: ParamSpec, value: unknown): string | null {
  if (Array.isArray(value)) return `${param.name} given ${value.length} times`;
  if (typeof value !== 'string') return `${param.name} given as ${typeof value}`;
  const { schema } = param;
  if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) return `${param.name} longer than ${schema.maxLength}`;
  switch (kindOf(param)) {
    case 'enum':
      return schema.enum.includes(value) ? null : `${param.name} not one of ${schema.enum.join(', ')}`;
    case 'limit':
      return /^\d+$/.test(value) && +value >= 1 && +value <= 200 ? null : 'limit not a whole number from 1 to 200';
    case 'date':
      return isCalendarDate(value) ? null : `${param.name} not a YYYY-MM-DD date`;
    case 'timestamp':
      return /^\d{4}-\d{2}-\d{2}T/.test(value) ? null : `${param.name} not a timestamp`;
    case 'cursor':
      return cursorCouldBeReal(value) ? null : `${param.name} not a cursor`;
    case 'uuid':
      return isUuid(value) ? null : `${param.name} not a uuid`;
    case 'currencies':
      return value === '' || /^[A-Z]{3}(,[A-Z]{3})*$/.test(value) ? null : `${param.name} not a list of currency codes`;
    case 'statuses': {
      const unknown = value.split(',').find((s) => s.trim() !== '' && !DEAL_STATUSES.includes(s.trim().toLowerCase()));
      return unknown === undefined ? null : `${param.name} has unknown status ${JSON.stringify(unknown)}`;
    }
    case 'decimal':
      return value === '' || (/^[\d.\s]+$/.test(value) && (value.match(/\./g)?.length ?? 0) <= 1 && /[1-9]/.test(value))
        ? null
        : `${param.name} not a positive decimal`;
    default:
      return null;
  }
}

// ---- values: valid ones (which may still be refused for a reason the judge cannot see) and hostile ones ----

const calendarDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const BAD_DATES = [
  '2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-99-99', '24-01-01', '2024-1-1', '2024-01-01T00:00:00Z', '01/02/2024',
  '20240101', '+2024-01-01', '２０２４-01-01',
];
const BAD_LIMITS = ['0', '201', '-1', '1.5', '1e2', '0x10', ' 5', '5 ', 'abc', '', '99999999999999999999', '٣', '+5', '050', 'NaN', 'Inf'];
const CURRENCY_LISTS = ['GBP', 'EUR,GBP', 'gbp', 'GB', 'GBPX', 'GBP,', ',', 'USD', 'XXX', 'GBP,GBP', Array(60).fill('EUR').join(',')];
const DECIMALS = ['1000000000', '0.5', '0', '-1', '1e9', 'NaN', 'Infinity', '1.2.3', '0x10', '9'.repeat(41), '1,000'];
const TIMESTAMPS = [
  '2025-03-28T12:00:00Z', '2025-03-28T12:00:00.123+02:00', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2025-02-30T00:00:00Z',
  '2025-03-28T25:61:61Z', '0000-01-01T00:00:00Z', '+2025-03-28T12:00:00Z', '+002025-03-28T12:00:00Z', '-271821-04-20T00:00:00Z',
  '+275760-09-13T00:00:00Z', '2025-03-28T12:00:00+14:59', '2025-03-28T12:00:00.1234567890Z', '2025-03-28T24:00:00Z',
];

/** Digits replaced by other digits: the same shape, most often nonsense (2024-99-99, a transaction id of 20 nines). */
export const scrambleDigits = (text: string, seed: number) => text.replace(/\d/g, (_d, i: number) => String((seed * (i + 7) * 31) % 10));

/** How to damage a real cursor: its digits scrambled (same shape, most often nonsense), or one part replaced. */
export interface CursorMutation {
  mode: number;
  seed: number;
  text: string;
}

export const cursorMutation: fc.Arbitrary<CursorMutation> = fc.record({
  mode: fc.integer({ min: 0, max: 9 }),
  seed: fc.nat(),
  text: fc.oneof(hostileString.map((s) => clip(s, 100)), fc.constantFrom(...UNSTORABLE_SAMPLES)),
});

export function mutateCursor(cursor: string, m: CursorMutation): string {
  const decoded = decodeCursorText(cursor);
  if (m.mode === 9) return cursor;
  if (m.mode < 4) return Buffer.from(scrambleDigits(decoded, m.seed)).toString('base64url');
  try {
    const key = JSON.parse(decoded) as unknown[];
    const at = m.seed % key.length;
    key[at] = [m.text, null, 1e400, 12345678901234567890, scrambleDigits(String(key[at]), m.seed)][m.mode - 4];
    return Buffer.from(JSON.stringify(key)).toString('base64url');
  } catch {
    return Buffer.from(`${decoded}${m.text}`).toString('base64url');
  }
}

function cursorValues(ctx: FuzzContext): fc.Arbitrary<string> {
  const real = ctx.cursors.map((c) => c.cursor);
  const forged = fc
    .array(fc.oneof(hostileString.map((s) => clip(s, 100)), fc.constantFrom(null, 1, -1, 1e308, true), fc.jsonValue({ maxDepth: 2 })), {
      maxLength: 4,
    })
    .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));
  const forgedDigits = fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.bigInt({ min: -1n, max: 10n ** 25n }))
    .map(([a, b]) => Buffer.from(`${a}:${b}`).toString('base64url'));
  const arbitraries = [
    forged,
    forgedDigits,
    fc.constantFrom('', '=', '====', 'null', 'W10', 'e30', Buffer.from('[]').toString('base64url')),
    hostileString,
  ];
  if (real.length > 0) arbitraries.push(fc.tuple(fc.constantFrom(...real), cursorMutation).map(([c, m]) => mutateCursor(c, m)));
  return fc.oneof(...arbitraries);
}

/** Values for one parameter: a mix of valid ones and hostile ones of the right flavour. */
export function paramValues(param: ParamSpec, ctx: FuzzContext): fc.Arbitrary<string> {
  const hostile = fc.oneof({ arbitrary: hostileString, weight: 3 }, { arbitrary: fc.constantFrom(...UNSTORABLE_SAMPLES), weight: 1 });
  const kinded = (() => {
    switch (kindOf(param)) {
      case 'enum': {
        const values: string[] = param.schema.enum.map(String);
        return fc.oneof(
          fc.constantFrom(...values),
          fc.constantFrom(...values.map((v) => v.toUpperCase()), ...values.map((v) => ` ${v}`), ...values.map((v) => `${v},${v}`)),
        );
      }
      case 'limit':
        return fc.oneof(fc.integer({ min: 1, max: 200 }).map(String), fc.constantFrom(...BAD_LIMITS));
      case 'date':
        return fc.oneof(calendarDate, fc.constantFrom(...EDGE_DATES), fc.constantFrom(...BAD_DATES));
      case 'timestamp':
        return fc.oneof(fc.constantFrom(...TIMESTAMPS), calendarDate);
      case 'cursor':
        return cursorValues(ctx);
      case 'uuid':
        return fc.oneof(fc.uuid(), fc.constantFrom(...ctx.dealIds, ...ctx.companyIds));
      case 'currencies':
        return fc.constantFrom(...CURRENCY_LISTS);
      case 'statuses':
        return fc.subarray(DEAL_STATUSES, { minLength: 1 }).map((s) => s.join(',')).chain((valid) =>
          fc.constantFrom(valid, `${valid},`, valid.toUpperCase(), `${valid},merged`, ` ${valid} `),
        );
      case 'decimal':
        return fc.constantFrom(...DECIMALS);
      default:
        return fc.oneof(
          fc.constantFrom(...ctx.companyNames, ...ctx.companyIds),
          printableHostileString,
          fc.constantFrom(...SQL_FRAGMENTS, ...UNICODE_SAMPLES),
        );
    }
  })();
  return fc.oneof({ arbitrary: kinded, weight: 3 }, { arbitrary: hostile, weight: 1 });
}

// ---- encoding into a request target ----

/** Percent-encodes UTF-8 (a lone surrogate becomes U+FFFD's bytes, as it would in any client). */
export const percentEncode = (text: string) => encodeURIComponent(wellFormed(text));

/** Ways to damage an already-encoded query value or path segment. */
export const ENCODING_GARBAGE = ['%', '%Z', '%ZZ', '%E2%82', '%ED%A0%80', '%C0%AF', '%FF', '%00', '+', '%2B', '%25', '%%', '%u0041'];

/** A value as it goes into a URL: at most 300 code points (percent-encoding may make that 3.6 KB). */
export const encodedValue = (raw: fc.Arbitrary<string>): fc.Arbitrary<string> => {
  const value = raw.map((v) => clip(v, 300));
  return fc.oneof(
    { arbitrary: value.map(percentEncode), weight: 6 },
    {
      arbitrary: fc.tuple(value, fc.constantFrom(...ENCODING_GARBAGE), fc.boolean()).map(([v, g, before]) =>
        before ? `${g}${percentEncode(v)}` : `${percentEncode(v)}${g}`,
      ),
      weight: 1,
    },
  );
};
