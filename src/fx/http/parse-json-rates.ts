// Turns an untrusted JSON body {rates: [{date, currency, usd}]} into rates, or a 400 listing every bad field.
import type { FieldError } from '../../http/problem.js';
import { RequestValidationError } from '../../http/request-validation.error.js';
import {
  DuplicateRates,
  MAX_RATES_PER_LOAD,
  RATE_VALUE_MESSAGE,
  currencyProblem,
  dateProblem,
  isRateValue,
} from '../domain/fx-rate-rules.js';
import type { FxRate } from '../fx-stream.js';

const RATE_FIELDS = ['date', 'currency', 'usd'] as const;

export function parseJsonRates(body: unknown, today: string): FxRate[] {
  if (!isObject(body)) fail([{ field: 'body', message: 'the body must be a JSON object {"rates": [...]}' }]);
  const unknown = Object.keys(body).filter((key) => key !== 'rates');
  const errors: FieldError[] = unknown.map((key) => ({ field: key, message: `unknown field "${key}"` }));
  const { rates } = body;
  if (!Array.isArray(rates)) {
    fail([...errors, { field: 'rates', message: rates === undefined ? 'rates is required' : 'rates must be an array' }]);
  }
  if (rates.length === 0) errors.push({ field: 'rates', message: 'rates must hold at least one rate' });
  if (rates.length > MAX_RATES_PER_LOAD) fail([{ field: 'rates', message: `at most ${MAX_RATES_PER_LOAD} rates per request` }]);

  const duplicates = new DuplicateRates();
  rates.forEach((item, i) => errors.push(...rateErrors(item, `rates.${i}`, today, duplicates)));
  if (errors.length > 0) fail(errors);
  return rates.map((item: Record<string, string>) => ({ date: item.date, currency: item.currency, usd: item.usd }));
}

function rateErrors(item: unknown, path: string, today: string, duplicates: DuplicateRates): FieldError[] {
  if (!isObject(item)) return [{ field: path, message: 'each rate must be an object {date, currency, usd}' }];
  const errors: FieldError[] = Object.keys(item)
    .filter((key) => !(RATE_FIELDS as readonly string[]).includes(key))
    .map((key) => ({ field: `${path}.${key}`, message: `unknown field "${key}"` }));
  const problems = {
    date: item.date === undefined ? 'date is required' : dateProblem(item.date, today),
    currency: item.currency === undefined ? 'currency is required' : currencyProblem(item.currency),
    usd: item.usd === undefined ? 'usd is required' : isRateValue(item.usd) ? null : RATE_VALUE_MESSAGE,
  };
  for (const field of RATE_FIELDS) {
    if (problems[field]) errors.push({ field: `${path}.${field}`, message: problems[field] });
  }
  if (!problems.date && !problems.currency) {
    const before = duplicates.check(item as { date: string; currency: string }, path);
    if (before) errors.push({ field: path, message: `${item.currency} on ${item.date} is already given by ${before}` });
  }
  return errors;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(errors: FieldError[]): never {
  throw new RequestValidationError(errors);
}
