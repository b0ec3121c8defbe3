import { RequestValidationError } from '../../http/request-validation.error.js';
import { ecbDate, parseEcbCsv } from './parse-ecb-csv.js';

const TODAY = '2026-11-27';

// The history layout (eurofxref-hist.csv): newest first, a trailing comma on every line, N/A for no rate.
const HISTORY = `Date,USD,JPY,GBP,CHF,RUB,HRK,
2025-04-23,1.1402,162.39,0.8555,0.9395,N/A,N/A,
2025-04-22,1.1493,161.34,0.8594,0.9373,N/A,N/A,
`;

function errorsOf(text: unknown) {
  try {
    parseEcbCsv(text, TODAY);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('parseEcbCsv', () => {
  it('yields EUR at the USD column and every other currency as USD/C, to 10 significant digits', () => {
    expect(parseEcbCsv(HISTORY, TODAY)).toEqual([
      { date: '2025-04-23', currency: 'EUR', usd: '1.1402' },
      { date: '2025-04-23', currency: 'JPY', usd: '0.007021368311' },
      { date: '2025-04-23', currency: 'GBP', usd: '1.332787843' },
      { date: '2025-04-23', currency: 'CHF', usd: '1.213624268' },
      { date: '2025-04-22', currency: 'EUR', usd: '1.1493' },
      { date: '2025-04-22', currency: 'JPY', usd: '0.007123465972' },
      { date: '2025-04-22', currency: 'GBP', usd: '1.337328369' },
      { date: '2025-04-22', currency: 'CHF', usd: '1.226181585' },
    ]);
  });

  it('refuses a cell that gives a USD rate out of the bounds a JSON rate must fit, through the USD column', () => {
    // 1.14 USD per EUR ÷ 1e-20 GBP per EUR would be 1.14e20 USD per GBP.
    const text = 'Date,USD,GBP,JPY\n2025-04-23,1.14,0.00000000000000000001,999999999999999\n';
    expect(errorsOf(text)).toEqual([
      { field: 'line 2.GBP', message: 'gives 114000000000000000000 USD per GBP through the USD column: a rate must be above 0 with at most 15 digits before the point' },
    ]);
  });

  it('reads the daily file: padded cells, a BOM, CRLF and "22 April 2025" dates', () => {
    const daily = '\uFEFFDate, USD, JPY, IDR, \r\n22 April 2025, 1.1493, 161.34, 17923.45, \r\n';
    expect(parseEcbCsv(daily, TODAY)).toEqual([
      { date: '2025-04-22', currency: 'EUR', usd: '1.1493' },
      { date: '2025-04-22', currency: 'JPY', usd: '0.007123465972' },
      { date: '2025-04-22', currency: 'IDR', usd: '0.00006412269959' },
    ]);
  });

  it('accepts rows without the trailing comma', () => {
    expect(parseEcbCsv('Date,USD,GBP,\n2025-04-22,1.1493,0.8594\n', TODAY)).toHaveLength(2);
  });

  it('rounds half up', () => {
    // 1 / 8 = 0.125 exactly; 1 / 0.000000000003 = 333333333333.33... → 10 digits
    expect(parseEcbCsv('Date,USD,AUD,NZD\n2025-04-22,1,8,0.000000000003\n', TODAY).map((r) => r.usd)).toEqual([
      '1',
      '0.125',
      '333333333300',
    ]);
    expect(parseEcbCsv('Date,USD,AUD\n2025-04-22,2,3\n', TODAY)[1].usd).toBe('0.6666666667');
    // 2.000000001 / 2 = 1.0000000005: a tie at the 11th digit goes up (half-even would give "1")
    expect(parseEcbCsv('Date,USD,AUD\n2025-04-22,2.000000001,2\n', TODAY)[1].usd).toBe('1.000000001');
  });

  it('yields nothing for a day whose USD cell is N/A', () => {
    expect(parseEcbCsv('Date,USD,GBP,\n2025-04-23,N/A,0.8555,\n2025-04-22,1.1493,0.8594,\n', TODAY)).toHaveLength(2);
  });

  it('lists every line and cell it cannot read', () => {
    const text = [
      'Date,USD,JPY,GBP,',
      '2025-04-23,1.1402,162.39,0.8555,',
      '2025-02-30,1.0400,158.00,0.8300,',
      '2025-04-22,1.1493,161.34,abc,',
      '2025-04-17,1.1371,',
      '2025-04-16,1.1355,161.60,0.8566,0.9,',
      '',
      '2025-04-23,1.1402,162.39,0.8555,',
      '2026-11-30,1.10,160,0.85,',
      '2025-04-15,0,161.60,-0.8566,',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      { field: 'line 3.Date', message: expect.stringContaining('"2025-02-30" must be a real calendar date') },
      { field: 'line 4.GBP', message: '"abc" is not a positive decimal or N/A' },
      { field: 'line 5', message: 'has 3 cells; the header names 4 columns' },
      { field: 'line 6', message: 'cell 5 ("0.9") is under no currency column' },
      { field: 'line 8.Date', message: '2025-04-23 is already given on line 2' },
      { field: 'line 9.Date', message: expect.stringContaining('not be after today') },
      { field: 'line 10.USD', message: '"0" is not a positive decimal or N/A' },
      { field: 'line 10.GBP', message: '"-0.8566" is not a positive decimal or N/A' },
    ]);
  });

  it.each([
    ['', 'body', /empty/],
    ['  \n', 'body', /empty/],
    [undefined, 'body', /empty/],
    ['Date,USD,GBP,\n', 'body', /no rows/],
    ['Date,USD,GBP,\n2025-04-22,N/A,N/A,\n', 'body', /no rates/],
    ['Day,USD,GBP\n2025-04-22,1.1,0.8\n', 'line 1', /first column must be "Date"/],
    ['Date,JPY,GBP\n2025-04-22,161,0.8\n', 'line 1', /USD column is required/],
    ['Date,USD,EUR\n2025-04-22,1.1,1\n', 'line 1', /EUR is the base/],
    ['Date,USD,GBP,GBP\n2025-04-22,1.1,0.8,0.8\n', 'line 1', /GBP appears twice/],
    ['Date,USD,Pound\n2025-04-22,1.1,0.8\n', 'line 1', /column 3 "Pound"/],
    ['Date,USD,GBP\n2025-04-22,"1.1,0.8\n', 'line 2', /not readable as CSV/],
  ])('refuses %p', (text, field, message) => {
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe(field);
    expect(errors[0].message).toMatch(message);
  });

  it('reads both ECB date forms', () => {
    expect(ecbDate('2025-04-22')).toBe('2025-04-22');
    expect(ecbDate('1 February 2024')).toBe('2024-02-01');
    expect(ecbDate('31 Febtember 2024')).toBe('31 Febtember 2024');
  });
});
