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

/** "45000000000" → "45.0bn", "999950000" → "1.0bn", "34.10" → "34.10" (below a million, every digit as given). */
export function compact(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const sign = negative ? '-' : '';
  if (whole.length <= 6) return sign + formatDecimal(new Intl.NumberFormat('en-US', { minimumFractionDigits: fraction.length, maximumFractionDigits: 20 }), `${whole}.${fraction || '0'}`);
  // The largest unit the amount reaches; one that rounds up to 1,000 of it (999,950,000 → "1,000.0m") is the next one's 1.0.
  for (let u = 0; u < UNITS.length; u++) {
    const [power, suffix] = UNITS[u];
    if (whole.length <= power) continue;
    const shown = formatDecimal(oneDecimal, `${whole.slice(0, whole.length - power)}.${whole.slice(whole.length - power)}${fraction}`);
    if (shown === '1,000.0' && u > 0) return `${sign}1.0${UNITS[u - 1][1]}`;
    return sign + shown + suffix;
  }
  return sign + formatDecimal(exact, amount);
}

/** The exact amount with its currency, every digit grouped: "USD 1,249,000,000". */
export const exactMoney = (value: Money | null | undefined): string => (value ? `${value.currency} ${full(value.amount)}` : '—');

/** Every digit, grouped: "45,000,000,000". */
export const full = (amount: string): string => formatDecimal(exact, amount);

/** "USD 45.0bn"; a dash when there is none. */
export const money = (value: Money | null | undefined): string => (value ? `${value.currency} ${compact(value.amount)}` : '—');

/** A USD figure of the API ("valueUsd"): "USD 45.0bn", or a dash when it could not be converted. */
export const usd = (amount: string | null | undefined): string => (amount ? `USD ${compact(amount)}` : '—');

/** The exact amount as disclosed and, when it is not in USD, its USD figure: "EUR 41,600,000,000 (USD 45.0bn)". */
export function exactMoneyWithUsd(value: Money | null | undefined, valueUsd: string | null | undefined): string {
  if (!value || value.currency === 'USD') return exactMoney(value);
  return `${exactMoney(value)} (${valueUsd ? usd(valueUsd) : 'no USD rate yet'})`;
}

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
