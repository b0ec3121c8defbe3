// How the screen writes money and dates. Amounts are decimal strings (as the API sends them): scaled by moving the
// decimal point in the text and rounded by Intl, which formats decimal strings exactly, never through a float.

export interface Money {
  amount: string;
  currency: string;
}

const UNITS: [power: number, suffix: string][] = [
  [12, 'tn'],
  [9, 'bn'],
  [6, 'm'],
];

const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });
// Intl takes a decimal string and keeps every digit of it (ECMA-402 "Intl.NumberFormat v3"); the DOM types say number.
const formatDecimal = (format: Intl.NumberFormat, text: string) => format.format(text as unknown as number);

/** "45000000000" → "45.0bn", "1500000" → "1.5m", "54.20" → "54.2". */
export function compact(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const unit = UNITS.find(([power]) => whole.length > power);
  const sign = negative ? '-' : '';
  if (!unit) return sign + formatDecimal(exact, `${whole}.${fraction || '0'}`);
  const [power, suffix] = unit;
  const shifted = `${whole.slice(0, whole.length - power)}.${whole.slice(whole.length - power)}${fraction}`;
  return sign + formatDecimal(oneDecimal, shifted) + suffix;
}

/** Every digit, grouped: "45,000,000,000". */
export const full = (amount: string): string => formatDecimal(exact, amount);

/** "USD 45.0bn"; a dash when there is none. */
export const money = (value: Money | null | undefined): string => (value ? `${value.currency} ${compact(value.amount)}` : '—');

/** A USD figure of the API ("valueUsd"): "USD 45.0bn", or a dash when it could not be converted. */
export const usd = (amount: string | null | undefined): string => (amount ? `USD ${compact(amount)}` : '—');

/** The amount as disclosed and, when it is not in USD, its USD figure: "EUR 41.6bn (USD 45.0bn)". */
export function moneyWithUsd(value: Money | null | undefined, valueUsd: string | null | undefined): string {
  if (!value) return '—';
  if (value.currency === 'USD') return money(value);
  return `${money(value)} (${valueUsd ? usd(valueUsd) : 'no USD rate yet'})`;
}

/** A count with thousands separators: "7,500". */
export const count = (n: number): string => n.toLocaleString('en-US');

/** Dates are shown as disclosed (YYYY-MM-DD); a dash when unknown. */
export const day = (date: string | null | undefined): string => date ?? '—';

/** A time of the log in UTC, to the second: "2025-03-28 09:14:03 UTC". */
export const instant = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

const ACRONYMS: Record<string, string> = { url: 'URL', lei: 'LEI', naics: 'NAICS', usd: 'USD', id: 'id' };

/** "information_technology" → "Information technology"; the API's words for statuses, sectors and decisions. */
export function words(value: string | null | undefined): string {
  if (!value) return '—';
  const text = value.split('_').map((word) => ACRONYMS[word] ?? word).join(' ');
  return text[0].toUpperCase() + text.slice(1);
}

/** Today in UTC as YYYY-MM-DD (the business dates the API takes). */
export const today = (): string => new Date().toISOString().slice(0, 10);
