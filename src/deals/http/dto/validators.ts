// Validators for the contract's own formats, where class-validator's built-ins are looser than the HTTP contract
// (IsISO8601 accepts times and week dates, IsISO4217CurrencyCode accepts "usd", IsDecimal accepts "0").
// Each one yields a single message, so a bad value is reported once.
//
// class-validator checks a field's constraints in the order they are registered, which for stacked
// decorators is bottom-up, and with stopAtFirstError reports only the first failure. The composed
// decorators below (applyDecorators registers in list order) put the type check first, so a number where a
// string belongs is reported as "must be a string", not as a length problem.
import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsObject,
  IsString,
  Length,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  isISO31661Alpha2,
  isISO4217CurrencyCode,
} from 'class-validator';
import { holdsIssuedKey } from '../../../logging/harmless.js';

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
// No leading zeros: "00012" would be stored and served as typed, beside "12" for the same amount.
export const AMOUNT_PATTERN = '^(0|[1-9]\\d{0,19})(\\.\\d{1,10})?$';
export const CURRENCY_PATTERN = '^[A-Z]{3}$';
/** A signed decimal (a premium may be negative), no leading zeros. */
export const SIGNED_DECIMAL_PATTERN = '^-?(0|[1-9]\\d{0,5})(\\.\\d{1,6})?$';
/** An ISO 3166-1 alpha-2 country code, or EU for the European Union's authorities. */
export const JURISDICTION_PATTERN = '^[A-Z]{2}$';
/** BCP 47-ish: a 2–3 letter language, then optional subtags (`fr`, `en-GB`, `zh-Hant-TW`). */
export const LANGUAGE_PATTERN = '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` that names a real day (2025-02-30 does not; 2024-02-29 does), from year 1 (PostgreSQL has no year 0). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !new RegExp(DATE_PATTERN).test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/** A decimal string greater than zero; a JSON number is refused so no amount ever passes through a float. */
export function isPositiveDecimalString(value: unknown): value is string {
  return typeof value === 'string' && new RegExp(AMOUNT_PATTERN).test(value) && /[1-9]/.test(value);
}

/** A one-check constraint with a single message. */
const check = (name: string, validate: (value: unknown) => boolean, message: string) => () =>
  ValidateBy({ name, validator: { validate } }, { message });

export const IsCalendarDate = check(
  'isCalendarDate',
  isCalendarDate,
  '$property must be a real calendar date written YYYY-MM-DD',
);

export const IsSignedDecimalString = check(
  'isSignedDecimalString',
  (value) => typeof value === 'string' && new RegExp(SIGNED_DECIMAL_PATTERN).test(value),
  '$property must be a decimal written as a JSON string, e.g. "37.5" or "-2.1"',
);

export const IsJurisdiction = check(
  'isJurisdiction',
  (value) => typeof value === 'string' && (value === 'EU' || isISO31661Alpha2(value)),
  '$property must be an ISO 3166-1 alpha-2 country code or EU, e.g. "GB"',
);

/** A JSON number from `min` up to `max`, `max` itself included or not. */
export const IsPercent = (min: number, max: number, maxIncluded = true) =>
  ValidateBy(
    {
      name: 'isPercent',
      validator: { validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= min && (maxIncluded ? value <= max : value < max) },
    },
    { message: `$property must be a JSON number ${maxIncluded ? `from ${min} to ${max}` : `of at least ${min} and below ${max}`}` },
  );

export const IsPositiveDecimalString = check(
  'isPositiveDecimalString',
  isPositiveDecimalString,
  '$property must be a positive decimal written as a JSON string, e.g. "45000000000" or "4.10"',
);

export const IsCurrencyCode = check(
  'isCurrencyCode',
  (value) => typeof value === 'string' && new RegExp(CURRENCY_PATTERN).test(value) && isISO4217CurrencyCode(value),
  '$property must be an uppercase ISO 4217 currency code, e.g. "USD"',
);

/** A required field; also refuses `null`. Checked before any other constraint of the field. */
export const IsRequired = () => IsDefined({ message: '$property is required' });

/**
 * An optional field: absent is fine, `null` is not (IsOptional would let `null` through, and the domain
 * types have no nulls).
 */
export const IsOptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

/** Characters drawn as nothing or that reorder or break lines: fine in no field, as they make equal-looking texts differ. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\u2800]/u; // U+2800: the blank braille pattern
/** Control characters other than tab and line ends (a note may have several lines). */
const CONTROL = /[^\P{Cc}\t\n\r]/u;

/** A string of `min`..`max` characters, not all blank, none of them invisible or a control character. */
export const IsText = (min: number, max: number) =>
  applyDecorators(
    ValidateBy(
      { name: 'holdsNoKey', validator: { validate: (value: unknown) => typeof value !== 'string' || !holdsIssuedKey(value) } },
      { message: '$property holds an API key (dt_…), which is a secret and would be shown to every viewer' },
    ),
    ValidateBy(
      { name: 'isNotBlank', validator: { validate: (value: unknown) => typeof value !== 'string' || value.length === 0 || value.trim().length > 0 } },
      { message: '$property must not be blank' },
    ),
    ValidateBy(
      { name: 'isVisibleText', validator: { validate: (value: unknown) => typeof value !== 'string' || (!INVISIBLE.test(value) && !CONTROL.test(value)) } },
      { message: '$property must not contain control or invisible characters (zero-width spaces, direction overrides, fillers, line separators)' },
    ),
    IsString({ message: '$property must be a string' }),
    Length(min, max, { message: `$property must be ${min} to ${max} characters long` }),
  );

/**
 * A name a company is known by: some letter or digit (so "!!!", emoji or undecodable bytes are not all one nameless
 * company), and no control or invisible character (zero-width spaces, bidirectional overrides and blank fillers make
 * names that look the same, or look empty, and are not).
 */
export function nameProblem(value: string): string | null {
  if (!/[\p{L}\p{N}]/u.test(value)) return 'must contain a letter or a digit';
  // Default-ignorable code points are drawn as nothing: Hangul fillers, zero-width joiners, soft hyphens.
  if (/\p{Cc}/u.test(value) || INVISIBLE.test(value)) {
    return 'must not contain control or invisible characters (zero-width spaces, direction overrides, fillers, line separators)';
  }
  return null;
}

export const IsName = () =>
  ValidateBy({
    name: 'isName',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && nameProblem(value) === null,
      defaultMessage: (args) => `$property ${nameProblem(String(args?.value ?? '')) ?? 'is not a name'}`,
    },
  });

/** Trims surrounding whitespace so "  " fails a minimum length of 1. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Codes taken in any case and kept upper-case ("gb" is GB). */
export const UpperCase = () => Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value));

/** Ids are case-insensitive and kept lower-case: "ABC…" and "abc…" are one id. */
export const LowerCase = () => Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value));

/**
 * A nested object validated as `cls`. IsObject refuses arrays and primitives, which ValidateNested alone
 * would accept or report obscurely.
 */
export const ValidNested = (cls: () => new () => object) =>
  applyDecorators(
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(cls),
  );

/** An array of at most `max` objects, each validated as `cls`. */
export const ValidNestedArray = (cls: () => new () => object, max: number) =>
  applyDecorators(
    IsArray({ message: '$property must be an array' }),
    ArrayMaxSize(max),
    IsObject({ each: true, message: 'each item of $property must be an object' }),
    ValidateNested({ each: true }),
    Type(cls),
  );
