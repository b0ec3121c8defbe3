import type { DealState } from '../domain/deal.js';

const CAPACITY = 10_000;

/** A deal as this instance last wrote it: its folded state and the stream it lives in. */
export interface CachedDeal {
  state: DealState;
  streamId: string;
}

/**
 * The folded state of recently written deals, so a write reads only the events appended since (by any instance)
 * instead of the whole stream, or nothing at all (DealWriter's one-round-trip path). Only committed states go in;
 * the append's version check still guards every append, so a stale entry costs a retry, never a wrong write. Least
 * recently used entries go first.
 */
export class DealStateCache {
  private readonly deals = new Map<string, CachedDeal>();

  get(dealId: string): CachedDeal | undefined {
    const deal = this.deals.get(dealId);
    if (deal) {
      this.deals.delete(dealId);
      this.deals.set(dealId, deal);
    }
    return deal;
  }

  set(dealId: string, deal: CachedDeal): void {
    this.deals.delete(dealId);
    this.deals.set(dealId, deal);
    if (this.deals.size > CAPACITY) this.deals.delete(this.deals.keys().next().value!);
  }
}
