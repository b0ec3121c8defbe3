import { initialDealState } from '../domain/deal.js';
import { DealStateCache } from './deal-state-cache.js';

describe('DealStateCache', () => {
  it('keeps the 10,000 most recently used deals, dropping the least recently used first', () => {
    const cache = new DealStateCache();
    for (let i = 0; i < 10_000; i++) cache.set(`deal-${i}`, initialDealState(String(i)));
    expect(cache.get('deal-0')?.dealId).toBe('0'); // used again: now the most recent
    cache.set('deal-new', initialDealState('new'));
    expect(cache.get('deal-1')).toBeUndefined();
    expect(cache.get('deal-0')?.dealId).toBe('0');
    expect(cache.get('deal-new')?.dealId).toBe('new');
  });
});
