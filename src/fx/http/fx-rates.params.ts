// Query parameters of GET /fx-rates: a bad one is a 400 naming it.
import { decodePageCursor } from '../../http/paging.js';
import { isCalendarDate } from '../../http/params.js';
import { RequestValidationError } from '../../http/request-validation.error.js';

const MAX_CURRENCIES = 50;

export function currenciesParam(value: unknown): string[] {
  if (value === undefined) return [];
  const codes = typeof value === 'string' ? value.split(',') : [];
  if (codes.length === 0 || codes.length > MAX_CURRENCIES || !codes.every((code) => /^[A-Z]{3}$/.test(code))) {
    throw new RequestValidationError([
      { field: 'currency', message: `must be an uppercase ISO 4217 code or a comma list of at most ${MAX_CURRENCIES}, e.g. GBP,EUR` },
    ]);
  }
  return [...new Set(codes)];
}

/** The (currency, date) key of the last item of the previous page. */
export function rateCursor(value: unknown): [string, string] | undefined {
  const key = decodePageCursor(value, 2);
  if (key === undefined) return undefined;
  const [currency, date] = key;
  if (typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) && typeof date === 'string' && isCalendarDate(date)) {
    return [currency, date];
  }
  throw new RequestValidationError([{ field: 'cursor', message: 'is not a cursor this server issued' }]);
}
