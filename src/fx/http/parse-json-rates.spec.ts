import { RequestValidationError } from '../../http/request-validation.error.js';
import { MAX_RATES_PER_LOAD } from '../domain/fx-rate-rules.js';
import { parseJsonRates } from './parse-json-rates.js';

const TODAY = '2026-11-27';

function errorsOf(body: unknown) {
  try {
    parseJsonRates(body, TODAY);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('parseJsonRates', () => {
  it('returns the rates as given', () => {
    const rates = [
      { date: '2018-05-08', currency: 'GBP', usd: '1.3563' },
      { date: '2018-05-08', currency: 'EUR', usd: '1.1933' },
    ];
    expect(parseJsonRates({ rates }, TODAY)).toEqual(rates);
  });

  it('lists every bad field with its path', () => {
    const errors = errorsOf({
      rates: [
        { date: '2018-05-08', currency: 'GBP', usd: 1.3563 },
        { date: '2018-05-08', currency: 'usd', usd: '1.1' },
        { date: '2026-11-28', currency: 'EUR', usd: '1.1' },
        { date: '2018-05-08', currency: 'EUR', usd: '1.19', source: 'ECB' },
        'GBP 1.35',
        { date: '2018-05-08', currency: 'USD', usd: '1' },
        { currency: 'JPY' },
      ],
      note: 'May',
    });
    expect(errors.map((e) => e.field)).toEqual([
      'note',
      'rates.0.usd',
      'rates.1.currency',
      'rates.2.date',
      'rates.3.source',
      'rates.4',
      'rates.5.currency',
      'rates.6.date',
      'rates.6.usd',
    ]);
  });

  it('refuses the same currency and date twice', () => {
    const rate = { date: '2018-05-08', currency: 'GBP', usd: '1.3563' };
    expect(errorsOf({ rates: [rate, { ...rate, usd: '1.3570' }] })).toEqual([
      { field: 'rates.1', message: 'GBP on 2018-05-08 is already given by rates.0' },
    ]);
  });

  it.each(['01.3563', '00.5', '0', '0.000', '-1.2', '1e3', ' 1.2'])('refuses the rate %p (no leading zeros, positive)', (usd) => {
    expect(errorsOf({ rates: [{ date: '2018-05-08', currency: 'GBP', usd }] })).toEqual([
      { field: 'rates.0.usd', message: 'must be a positive decimal written as a string without leading zeros, e.g. "1.3563"' },
    ]);
  });

  it('takes a rate below one', () => {
    expect(parseJsonRates({ rates: [{ date: '2018-05-08', currency: 'JPY', usd: '0.0091' }] }, TODAY)).toHaveLength(1);
  });

  it.each([
    [undefined, 'body'],
    [[], 'body'],
    [{}, 'rates'],
    [{ rates: {} }, 'rates'],
    [{ rates: [] }, 'rates'],
  ])('refuses the body %p', (body, field) => {
    expect(errorsOf(body).map((e) => e.field)).toEqual([field]);
  });

  it('refuses more rates than one load may carry, without checking each', () => {
    const rates = Array.from({ length: MAX_RATES_PER_LOAD + 1 }, () => ({}));
    expect(errorsOf({ rates })).toEqual([{ field: 'rates', message: `at most ${MAX_RATES_PER_LOAD} rates per request` }]);
  });

  it('does not let __proto__ through', () => {
    const body = JSON.parse('{"rates": [{"date": "2018-05-08", "currency": "GBP", "usd": "1.3", "__proto__": {"x": 1}}]}');
    expect(errorsOf(body).map((e) => e.field)).toEqual(['rates.0.__proto__']);
  });
});
