import { INTERVALS, periodLabel, periodStart } from './period.js';

describe('period labels', () => {
  it.each([
    ['2024-03-01', 'month', '2024-03'],
    ['2024-01-01', 'quarter', '2024-Q1'],
    ['2024-04-01', 'quarter', '2024-Q2'],
    ['2024-10-01', 'quarter', '2024-Q4'],
    ['2024-01-01', 'year', '2024'],
  ] as const)('labels the period starting %s by %s as %s', (start, interval, label) => {
    expect(periodLabel(start, interval)).toBe(label);
    expect(periodStart(label, interval)).toBe(start);
  });

  it("refuses labels that are not the interval's", () => {
    expect(periodStart('2024-Q1', 'month')).toBeUndefined();
    expect(periodStart('2024-13', 'month')).toBeUndefined();
    expect(periodStart('2024-Q5', 'quarter')).toBeUndefined();
    expect(periodStart('2024-03', 'year')).toBeUndefined();
  });

  it('round-trips the first day of every month for every interval', () => {
    for (const interval of INTERVALS) {
      for (let month = 1; month <= 12; month += 1) {
        const start = `1999-${String(month).padStart(2, '0')}-01`;
        const label = periodLabel(start, interval);
        expect(periodLabel(periodStart(label, interval)!, interval)).toBe(label);
      }
    }
  });
});
