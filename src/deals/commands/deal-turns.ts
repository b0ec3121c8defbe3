/**
 * Writes to one deal from this instance take turns: each starts when the one before it has committed (or failed), so
 * it decides on the state that write left instead of racing it to the append and losing (a lost race is a decision
 * thrown away and a retry under the deal's lock). Writes to different deals do not wait for each other. Across
 * instances the append's version check still decides races.
 */
export class DealTurns {
  /** The last write queued per deal (lower-cased: ids are case-insensitive); removed when it ends with none after it. */
  private readonly last = new Map<string, Promise<void>>();

  async take<T>(dealId: string, write: () => Promise<T>): Promise<T> {
    const key = dealId.toLowerCase();
    const before = this.last.get(key);
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    this.last.set(key, mine);
    try {
      await before;
      return await write();
    } finally {
      done();
      if (this.last.get(key) === mine) this.last.delete(key);
    }
  }

  /** Deals with a write running or queued (for the tests: nothing is kept once the writes end). */
  get busyDeals(): number {
    return this.last.size;
  }
}
