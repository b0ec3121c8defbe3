import fc from 'fast-check';
import { type Grain, type Segment, coverRange } from './totals-segments.js';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const startOf = (day: string, grain: Grain) => (grain === 'year' ? `${day.slice(0, 4)}-01-01` : grain === 'month' ? `${day.slice(0, 7)}-01` : day);
const covers = (segment: Segment, day: string) => {
  const start = startOf(day, segment.grain);
  return (segment.from === null || start >= segment.from) && (segment.to === null || start <= segment.to);
};

describe('coverRange', () => {
  it('reads a range as whole years, whole months, then days', () => {
    expect(coverRange({ from: '2023-11-15', to: '2025-02-28' }, 'year')).toEqual([
      { grain: 'day', from: '2023-11-15', to: '2023-11-30' },
      { grain: 'month', from: '2023-12-01', to: '2023-12-01' },
      { grain: 'year', from: '2024-01-01', to: '2024-01-01' },
      { grain: 'month', from: '2025-01-01', to: '2025-02-01' },
    ]);
  });

  it('reads an open range as open years, and no years for a quarterly report', () => {
    expect(coverRange({}, 'year')).toEqual([{ grain: 'year', from: null, to: null }]);
    expect(coverRange({ to: '2024-02-29' }, 'year')).toEqual([
      { grain: 'year', from: null, to: '2023-01-01' },
      { grain: 'month', from: '2024-01-01', to: '2024-02-01' },
    ]);
    expect(coverRange({ from: '2024-01-01', to: '2024-12-31' }, 'month')).toEqual([{ grain: 'month', from: '2024-01-01', to: '2024-12-01' }]);
    expect(coverRange({ from: '2024-03-05', to: '2024-03-20' }, 'year')).toEqual([{ grain: 'day', from: '2024-03-05', to: '2024-03-20' }]);
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
          coarsest: fc.constantFrom('year' as const, 'month' as const),
        }),
      )
      .filter(({ from, to }) => !(from && to && from > to));
    fc.assert(
      fc.property(scenario, ({ from, to, probe, coarsest }) => {
        const segments = coverRange({ from, to }, coarsest);
        const inRange = (!from || probe >= from) && (!to || probe <= to);
        expect(segments.filter((s) => covers(s, probe)).length).toBe(inRange ? 1 : 0);
        if (coarsest === 'month') expect(segments.some((s) => s.grain === 'year')).toBe(false);
      }),
      { numRuns: 5_000 },
    );
  });
});
