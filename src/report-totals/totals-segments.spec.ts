import fc from 'fast-check';
import { type Grain, type Segment, coverRange } from './totals-segments.js';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const quarterStart = (day: string) => `${day.slice(0, 4)}-${String(Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
const START_OF: Record<Grain, (day: string) => string> = {
  year: (day) => `${day.slice(0, 4)}-01-01`,
  quarter: quarterStart,
  month: (day) => `${day.slice(0, 7)}-01`,
  day: (day) => day,
};
const covers = (segment: Segment, day: string) => {
  const start = START_OF[segment.grain](day);
  return (segment.from === null || start >= segment.from) && (segment.to === null || start <= segment.to);
};

describe('coverRange', () => {
  it('reads a range as whole years, quarters, months, then days', () => {
    expect(coverRange({ from: '2019-03-15', to: '2023-09-10' }, 'year')).toEqual([
      { grain: 'day', from: '2019-03-15', to: '2019-03-31' },
      { grain: 'quarter', from: '2019-04-01', to: '2019-10-01' },
      { grain: 'year', from: '2020-01-01', to: '2022-01-01' },
      { grain: 'quarter', from: '2023-01-01', to: '2023-04-01' },
      { grain: 'month', from: '2023-07-01', to: '2023-08-01' },
      { grain: 'day', from: '2023-09-01', to: '2023-09-10' },
    ]);
    expect(coverRange({ from: '2023-11-15', to: '2025-02-28' }, 'year')).toEqual([
      { grain: 'day', from: '2023-11-15', to: '2023-11-30' },
      { grain: 'month', from: '2023-12-01', to: '2023-12-01' },
      { grain: 'year', from: '2024-01-01', to: '2024-01-01' },
      { grain: 'month', from: '2025-01-01', to: '2025-02-01' },
    ]);
  });

  it('reads an open range as open years, and nothing coarser than the report asks for', () => {
    expect(coverRange({}, 'year')).toEqual([{ grain: 'year', from: null, to: null }]);
    expect(coverRange({ to: '2024-02-29' }, 'year')).toEqual([
      { grain: 'year', from: null, to: '2023-01-01' },
      { grain: 'month', from: '2024-01-01', to: '2024-02-01' },
    ]);
    expect(coverRange({ from: '2024-01-01', to: '2024-12-31' }, 'month')).toEqual([{ grain: 'month', from: '2024-01-01', to: '2024-12-01' }]);
    expect(coverRange({ from: '2024-01-01', to: '2024-12-31' }, 'quarter')).toEqual([{ grain: 'quarter', from: '2024-01-01', to: '2024-10-01' }]);
    expect(coverRange({ from: '2024-03-05', to: '2024-03-20' }, 'year')).toEqual([{ grain: 'day', from: '2024-03-05', to: '2024-03-20' }]);
  });

  it('never names a period starting outside years 1 to 9999, at either end of the calendar', () => {
    expect(coverRange({ to: '0001-01-01' }, 'year')).toEqual([{ grain: 'day', from: null, to: '0001-01-01' }]);
    expect(coverRange({ to: '0001-06-15' }, 'year')).toEqual([
      { grain: 'quarter', from: null, to: '0001-01-01' },
      { grain: 'month', from: '0001-04-01', to: '0001-05-01' },
      { grain: 'day', from: '0001-06-01', to: '0001-06-15' },
    ]);
    expect(coverRange({ from: '9999-12-31' }, 'year')).toEqual([{ grain: 'day', from: '9999-12-31', to: null }]);
  });

  it('covers every day of the range exactly once and no day outside it', () => {
    const day = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map(iso);
    const near = (base: string) => fc.integer({ min: -800, max: 800 }).map((n) => iso(new Date(Date.parse(`${base}T00:00:00Z`) + n * 86_400_000)));
    const scenario = day
      .filter((d) => d > '0003-01-01' && d < '9997-01-01')
      .chain((base) =>
        fc.record({
          from: fc.option(near(base), { nil: undefined }),
          to: fc.option(near(base), { nil: undefined }),
          probe: near(base),
          coarsest: fc.constantFrom('year' as const, 'quarter' as const, 'month' as const),
        }),
      )
      .filter(({ from, to }) => !(from && to && from > to));
    fc.assert(
      fc.property(scenario, ({ from, to, probe, coarsest }) => {
        const segments = coverRange({ from, to }, coarsest);
        const inRange = (!from || probe >= from) && (!to || probe <= to);
        expect(segments.filter((s) => covers(s, probe)).length).toBe(inRange ? 1 : 0);
        const allowed: Grain[] = { year: ['year', 'quarter', 'month', 'day'], quarter: ['quarter', 'month', 'day'], month: ['month', 'day'] }[coarsest] as Grain[];
        expect(segments.every((s) => allowed.includes(s.grain))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});
