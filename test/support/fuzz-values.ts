// Hostile building blocks shared by every fuzz family: strings, number literals, keys, nesting and JSON values.
import fc from 'fast-check';

/** Strings that hurt when pasted into SQL, LIKE patterns, format strings or escapes. */
export const SQL_FRAGMENTS = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  "Robert'); DELETE FROM deal_views; --",
  '$1',
  '$$',
  '$1::text',
  '\\x00',
  "E'\\\\x00'",
  '\\',
  '%',
  '_%_',
  '%s%s%n',
  "'",
  '"',
  ';',
  '--',
  '/*',
  'NULL',
  'null',
  'undefined',
  '1; SELECT pg_sleep(5)',
  "'||(SELECT version())||'",
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
];

/** Unicode that breaks naive code: bidi overrides, zero-width, combining marks, astral, BOM, separators. */
export const UNICODE_SAMPLES = [
  '\u202Eeulav\u202C', // right-to-left override
  'مرحبا', // RTL script
  'a\u200Bb', // zero-width space
  '\u200D', // zero-width joiner alone
  '\uFEFF', // byte order mark
  '\u2028\u2029', // line and paragraph separators (invalid in JS source, fine in JSON)
  '😀🏳️‍🌈👨‍👩‍👧‍👦',
  'e\u0301\u0301\u0301', // stacked combining accents
  'Ａｃｍｅ', // full-width
  'İstanbul ß ǅ', // case-mapping oddities
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\u00A0\u3000', // non-breaking and ideographic spaces
  '\uFFFD\uFFFF',
  '\t\r\n\f\v',
  '\u007F\u0085\u009F', // DEL and C1 controls
];

/** Text PostgreSQL cannot store: NUL is refused by `text` and `jsonb`, a lone surrogate by `jsonb`. */
export const UNSTORABLE_SAMPLES = ['\u0000', 'nul\u0000inside', '\ud800', 'a\udfffb', '\udc00\ud800', 'x\u0000\ud83d'];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Whether a string holds NUL or a UTF-16 surrogate that is not half of a pair. */
export function isUnstorable(text: string): boolean {
  return text.includes('\u0000') || new RegExp(LONE_SURROGATE.source).test(text);
}

/** Lone surrogates replaced by U+FFFD, as any UTF-8 encoder does (String.prototype.toWellFormed is ES2024). */
export const wellFormed = (text: string) => text.replace(LONE_SURROGATE, '\ufffd');

/** A value as JSON, cut to `max` characters with its full length said: for failure messages. */
export function short(value: unknown, max = 80): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}

/** The first `max` code points: URLs and headers must stay under Node's 16 KiB header limit. */
export const clip = (text: string, max: number) => (text.length <= max ? text : [...text].slice(0, max).join(''));

/** JSON number literals JSON.parse turns into something surprising (Infinity, -0, a rounded integer, 0). */
export const NUMBER_LITERALS = [
  '1e400',
  '-1e400',
  '-0',
  '-0.0',
  '9007199254740993',
  '-9007199254740993',
  '1e-400',
  '123456789012345678901234567890',
  '1.7976931348623157e309',
  '0',
  '-1',
  '0.1',
  '1E2',
  '100.00000000000001',
  '100.0000001',
  '50',
  '2147483648',
  '-2147483649',
];

/** Keys that pollute prototypes or shadow Object.prototype members. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQL_FRAGMENTS),
  fc.constantFrom(...UNICODE_SAMPLES),
  fc.constantFrom(...UNSTORABLE_SAMPLES),
  fc.string({ unit: 'binary', maxLength: 40 }), // any code point, lone surrogates included
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }), // control characters
  fc.constantFrom('', ' ', '   '),
  fc.tuple(fc.constantFrom('a', 'é', '😀', "'", '\u0000'), fc.integer({ min: 201, max: 5_000 })).map(([c, n]) => c.repeat(n)),
  fc.tuple(fc.constantFrom(...SQL_FRAGMENTS), fc.constantFrom(...UNICODE_SAMPLES)).map(([a, b]) => `${a}${b}`),
);

/** A string that would be a fine free-text value (no NUL, no lone surrogate) but is still unkind. */
export const printableHostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQL_FRAGMENTS),
  fc.constantFrom(...UNICODE_SAMPLES),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...PROTO_KEYS), weight: 3 },
  { arbitrary: fc.constantFrom(...SQL_FRAGMENTS), weight: 1 },
  { arbitrary: fc.constantFrom(...UNICODE_SAMPLES, ...UNSTORABLE_SAMPLES, ''), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
);

/** JSON values: fast-check's plus the extremes it rarely produces. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 4 },
  { arbitrary: hostileString, weight: 2 },
  { arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, -Number.MAX_VALUE, [], {}), weight: 1 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => withOwnKey({}, key, value)),
    weight: 1,
  },
);

/** An object with `key` as an own enumerable property, even `__proto__` (a literal would set the prototype). */
export function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** `depth` nested arrays or objects around a scalar, as JSON text (built as text: JSON.stringify would recurse). */
export function deepNestingText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export const deepNesting: fc.Arbitrary<{ depth: number; text: string }> = fc
  .tuple(fc.constantFrom(7, 50, 1_000, 10_000, 30_000), fc.constantFrom<'array' | 'object'>('array', 'object'))
  .map(([depth, kind]) => ({ depth, text: deepNestingText(depth, kind) }));

/**
 * JSON values some of whose parts are raw JSON text (a number literal like 1e400, a deep nesting): a placeholder
 * string stands for each part, and `toJsonText` puts the text in.
 */
export class RawJson {
  private readonly parts = new Map<string, string>();

  placeholder(text: string): string {
    const marker = `\u0001raw${this.parts.size}\u0001`;
    this.parts.set(JSON.stringify(marker), text);
    return marker;
  }

  toJsonText(value: unknown): string {
    let text = JSON.stringify(value) ?? 'null';
    for (const [marker, raw] of this.parts) text = text.split(marker).join(raw);
    return text;
  }
}

/** Body texts that are not JSON, or JSON that surprises: duplicate keys (the last wins), prototype keys. */
export const ODD_JSON_TEXTS = [
  '{"type": "withdrawn", "occurredOn": "2026-03-05", "type": "closed"}',
  '{"__proto__": {"type": "closed"}, "occurredOn": "2026-03-05"}',
  '{"constructor": {"prototype": {"polluted": true}}, "type": "priced"}',
  '{"rates": [], "rates": [{"date": "2024-01-31", "currency": "GBP", "usd": "1.2712"}]}',
  '{"type": "priced",',
  '{type: "priced"}',
  "{'type': 'priced'}",
  '{"type": "priced",}',
  '{"a": NaN}',
  '{"a": Infinity}',
  '{"a": undefined}',
  '{"a": 01}',
  '{"a": 1} {"b": 2}',
  '{"a": "\\x41"}',
  '{"a": "\\u12"}',
  '{"a": "unterminated}',
  '{"a": /* comment */ 1}',
  '\uFEFF{"type": "priced"}',
  '',
  ' ',
  'null',
  '"just a string"',
  '42',
  'true',
  '[]',
  '\u0000',
  '{"a":"\t"}',
];

/** Calendar dates at the ends of the range (PostgreSQL has no year 0: '0000-01-01' is out of its range). */
export const EDGE_DATES = ['0000-01-01', '0001-01-01', '1582-10-10', '9999-12-31'];

const EDGE_UUIDS = ['00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '3f2b8c1d-6e4a-4b7f-9d2c-1a5e8f0b7c6d'];
const EDGE_URLS = [
  'http://a', 'javascript:alert(1)', 'ftp://example.com', `https://${'a'.repeat(1_985)}.com`, 'http://[::1]:80/', 'https://é.fr/?q=😀',
];
const EDGE_DECIMALS = [
  '0.0000000001', '0.00000000001', '99999999999999999999.9999999999', '999999999999999999999', '00000000000000000000.0000000001',
  '1.', '.5', '1e3', '-1', '+1', ' 1', '1,000', '１', 'NaN', '0x1A',
];

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Values at the edges of a documented schema: the other enum values, the ends of a length or number range and one
 * past them, dates at the ends of the calendar and of "today", amounts with the most digits the pattern allows.
 * `current` is the value the node has now (an array's items are repeated to reach its maximum).
 */
export function boundaryValues(schema: Record<string, any>, current: unknown, today: string): unknown[] {
  const out: unknown[] = [];
  if (Array.isArray(schema.enum)) for (const v of schema.enum) out.push(v, String(v).toUpperCase(), ` ${v}`);
  const pattern = String(schema.pattern ?? '');
  if (schema.type === 'string') {
    if (schema.format === 'date' || pattern.includes('\\d{4}-')) out.push(...EDGE_DATES, today, addDays(today, 1), '2024-02-29', '2023-02-29');
    if (schema.format === 'uuid') out.push(...EDGE_UUIDS);
    if (schema.format === 'uri') out.push(...EDGE_URLS);
    if (pattern.includes('\\d{1,')) out.push(...EDGE_DECIMALS);
    if (pattern.includes('[A-Z]{3}')) out.push('USD', 'EUR', 'XXX', 'XAU', 'XTS', 'ABC', 'BTC', 'usd', 'US', 'USDD');
    if (pattern.includes('[A-Za-z]{2,3}')) out.push('fr', 'en-GB', 'zh-Hant-TW', 'x', 'en-', 'en_GB', 'abcd', `en${'-abcdefgh'.repeat(4)}`);
    if (typeof schema.maxLength === 'number') {
      const n = schema.maxLength;
      out.push('x'.repeat(n), 'x'.repeat(n + 1), 'é'.repeat(n), '😀'.repeat(n), ' '.repeat(n), `${' '.repeat(n)}x`);
    }
    if (typeof schema.minLength === 'number') out.push('', ' ', 'x'.repeat(schema.minLength));
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
    const max = typeof schema.maximum === 'number' ? schema.maximum : 1e9;
    out.push(min, max, max + 1e-9, min + 1e-9, max - 1e-12, Number.MIN_VALUE, 1e-300, 100.00000000000001, -0, 0.1 + 0.2, 2 ** 53, 1e21);
  }
  if (schema.type === 'array' && Array.isArray(current) && current.length > 0) {
    const max = typeof schema.maxItems === 'number' ? schema.maxItems : 20;
    out.push([]);
    // Thousands of copies would only test the body limit (and a copied deep nesting would not fit in memory).
    if (max <= 100) out.push(Array(max).fill(current[0]), Array(max + 1).fill(current[0]));
  }
  return out;
}
