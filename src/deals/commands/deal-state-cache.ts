import type { DealState } from '../domain/deal.js';

const CAPACITY = 10_000;

/**
 * The folded state of recently written deals, so a write reads only the events appended since (by any instance)
 * instead of the whole stream. Only committed states go in; deal_append's version check still guards every append,
 * so a stale entry costs a retry, never a wrong write. Least recently used entries go first.
 */
export class DealStateCache {
  private readonly states = new Map<string, DealState>();

  get(streamId: string): DealState | undefined {
    const state = this.states.get(streamId);
    if (state) {
      this.states.delete(streamId);
      this.states.set(streamId, state);
    }
    return state;
  }

  set(streamId: string, state: DealState): void {
    this.states.delete(streamId);
    this.states.set(streamId, state);
    if (this.states.size > CAPACITY) this.states.delete(this.states.keys().next().value!);
  }
}
