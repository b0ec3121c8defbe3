import { compact, exactMoney, full, money, moneyWithUsd, usd, words } from './format';

describe('money on the screen', () => {
  it('scales to bn, m and tn by moving the decimal point, rounding to one decimal', () => {
    expect(compact('45000000000')).toBe('45.0bn');
    expect(compact('41600000000')).toBe('41.6bn');
    expect(compact('1640000000')).toBe('1.6bn');
    expect(compact('2500000')).toBe('2.5m');
    expect(compact('1250000000000')).toBe('1.3tn');
    expect(compact('-1500000000')).toBe('-1.5bn');
    expect(compact('1249000000')).toBe('1.2bn');
  });

  it('rolls over to the next unit when rounding reaches a thousand of one', () => {
    expect(compact('999950000')).toBe('1.0bn');
    expect(compact('999999999')).toBe('1.0bn');
    expect(compact('999950000000')).toBe('1.0tn');
    expect(compact('999949999')).toBe('999.9m');
  });

  it('keeps small amounts whole, with every digit', () => {
    expect(compact('54.20')).toBe('54.20');
    expect(compact('34.10')).toBe('34.10');
    expect(compact('0.5')).toBe('0.5');
    expect(compact('999999')).toBe('999,999');
    expect(compact('0.000001')).toBe('0.000001');
  });

  it('never goes through a float: digits beyond a double survive', () => {
    expect(full('12345678901234567890.123456789')).toBe('12,345,678,901,234,567,890.123456789');
    expect(compact('12345678901234567890')).toBe('12,345,678.9tn');
  });

  it('names the currency, and the USD figure beside another currency', () => {
    expect(money({ amount: '45000000000', currency: 'USD' })).toBe('USD 45.0bn');
    expect(money(null)).toBe('—');
    expect(exactMoney({ amount: '1249000000', currency: 'USD' })).toBe('USD 1,249,000,000');
    expect(usd('45000000000')).toBe('USD 45.0bn');
    expect(moneyWithUsd({ amount: '41600000000', currency: 'EUR' }, '45000000000')).toBe('EUR 41.6bn (USD 45.0bn)');
    expect(moneyWithUsd({ amount: '41600000000', currency: 'EUR' }, null)).toBe('EUR 41.6bn (no USD rate yet)');
  });

  it('writes the API words as words', () => {
    expect(words('information_technology')).toBe('Information technology');
    expect(words(null)).toBe('—');
    expect(words('url')).toBe('URL');
  });
});
