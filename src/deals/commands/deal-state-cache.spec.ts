import { initialDealState } from '../domain/deal.js';
import { DealStateCache } from './deal-state-cache.js';

const entry = (id: string) => ({ state: initialDealState(id), streamId: `deal-${id}` });

describe('DealStateCache', () => {
  it('keeps the 10,000 most recently used deals, dropping the least recently used first', () => {
    const cache = new DealStateCache();
    for (let i = 0; i < 10_000; i++) cache.set(String(i), entry(String(i)));
    expect(cache.get('0')?.state.dealId).toBe('0'); // used again: now the most recent
    cache.set('new', entry('new'));
    expect(cache.get('1')).toBeUndefined();
    expect(cache.get('0')?.streamId).toBe('deal-0');
    expect(cache.get('new')?.state.dealId).toBe('new');
  });
});
