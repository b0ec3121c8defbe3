// What a storable rate is, for both upload formats. Pure: "today" comes in from the caller.
import { isISO4217CurrencyCode } from 'class-validator';
import { isCalendarDate } from '../../http/params.js';
import type { FieldError } from '../../http/problem.js';
import type { FxRate } from '../fx-stream.js';

/**
 * One request may carry at most this many rates. A month of the ECB file is ~700 rates and fits the default
 * 64 KiB body; the full history (~200,000 rates) must be split, by year for instance, and BODY_LIMIT raised.
 */
export const MAX_RATES_PER_LOAD = 50_000;

/**
 * Currencies the ECB published before they were replaced (ISO 4217 list three). Its history file still has their
 * columns, with values in old rows, so a historical upload must be able to carry them. No deal can be valued in
 * them (deal values take current codes only), so their rates are stored but never used.
 */
const ECB_FORMER_CURRENCIES = new Set(['CYP', 'EEK', 'HRK', 'LTL', 'LVL', 'MTL', 'ROL', 'SIT', 'SKK', 'TRL']);

/**
 * Generous bounds for a rate: 15 integer digits, 20 decimals (IDR, VND per USD need many). No leading zeros:
 * "01.35" would be stored as typed beside "1.35" for the same rate.
 */
export const RATE_PATTERN = '^(0|[1-9]\\d{0,14})(\\.\\d{1,20})?$';

export function currencyProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) return 'must be an uppercase ISO 4217 currency code, e.g. "GBP"';
  if (value === 'USD') return 'USD is the base currency: its rate is 1 by definition';
  if (!isISO4217CurrencyCode(value) && !ECB_FORMER_CURRENCIES.has(value)) return `"${value}" is not an ISO 4217 currency code`;
  return null;
}

export function isRateValue(value: unknown): value is string {
  return typeof value === 'string' && new RegExp(RATE_PATTERN).test(value) && /[1-9]/.test(value);
}

export function dateProblem(value: unknown, today: string): string | null {
  if (!(typeof value === 'string' && isCalendarDate(value))) return 'must be a real calendar date written YYYY-MM-DD';
  if (value > today) return `must not be after today (${today})`;
  return null;
}

export const RATE_VALUE_MESSAGE = 'must be a positive decimal written as a string without leading zeros, e.g. "1.3563"';

/** The same (currency, date) twice in one load is ambiguous: which one wins? The caller is told, not guessed for. */
export class DuplicateRates {
  private readonly seen = new Map<string, string>();

  /** Where this (currency, date) was seen before, or null the first time. */
  check(rate: Pick<FxRate, 'currency' | 'date'>, where: string): string | null {
    const key = `${rate.currency} ${rate.date}`;
    const before = this.seen.get(key);
    if (before === undefined) this.seen.set(key, where);
    return before ?? null;
  }
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
