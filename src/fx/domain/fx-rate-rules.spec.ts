import { DuplicateRates, currencyProblem, dateProblem, isRateValue, todayUtc } from './fx-rate-rules.js';

describe('FX rate rules', () => {
  it.each(['GBP', 'EUR', 'JPY', 'CHF', 'HRK', 'CYP'])('accepts %s as a currency', (code) => {
    expect(currencyProblem(code)).toBeNull();
  });

  it.each([
    ['USD', /base currency/],
    ['gbp', /uppercase ISO 4217/],
    ['GB', /uppercase ISO 4217/],
    ['XYZ', /not an ISO 4217/],
    [42, /uppercase ISO 4217/],
  ])('refuses %p as a currency', (code, message) => {
    expect(currencyProblem(code)).toMatch(message);
  });

  it.each(['1.3563', '0.00006412269959', '159', '0.1'])('accepts %s as a rate', (value) => {
    expect(isRateValue(value)).toBe(true);
  });

  it.each([1.3563, '0', '0.000', '-1.2', '1,35', '1e3', ' 1.2', '1.', '.5', ''])('refuses %p as a rate', (value) => {
    expect(isRateValue(value)).toBe(false);
  });

  it('takes real dates up to today only', () => {
    expect(dateProblem('2024-02-29', '2026-11-27')).toBeNull();
    expect(dateProblem('2026-11-27', '2026-11-27')).toBeNull();
    expect(dateProblem('2026-11-28', '2026-11-27')).toMatch(/not be after today \(2026-11-27\)/);
    expect(dateProblem('2023-02-29', '2026-11-27')).toMatch(/real calendar date/);
    expect(dateProblem('01/02/2024', '2026-11-27')).toMatch(/real calendar date/);
  });

  it('reports where a (currency, date) was first given', () => {
    const duplicates = new DuplicateRates();
    expect(duplicates.check({ currency: 'GBP', date: '2024-02-01' }, 'rates.0')).toBeNull();
    expect(duplicates.check({ currency: 'EUR', date: '2024-02-01' }, 'rates.1')).toBeNull();
    expect(duplicates.check({ currency: 'GBP', date: '2024-02-01' }, 'rates.2')).toBe('rates.0');
  });

  it('takes today in UTC', () => {
    expect(todayUtc(new Date('2026-11-27T23:30:00-05:00'))).toBe('2026-11-28');
  });
});
