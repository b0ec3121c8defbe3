import { countOf, rebuildSummary } from './rebuild-summary.js';

describe('rebuildSummary', () => {
  it('says one deal and one event in the singular', () => {
    expect(rebuildSummary({ deals: 1, events: 1, seconds: 1.72 })).toBe('Rebuilt 1 deal from 1 event in 1.7 s');
  });

  it('says other counts in the plural, none included', () => {
    expect(rebuildSummary({ deals: 35, events: 0, seconds: 0 })).toBe('Rebuilt 35 deals from 0 events in 0.0 s');
    expect(countOf(2, 'event')).toBe('2 events');
  });
});
