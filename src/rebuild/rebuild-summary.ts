import type { RebuildResult } from './projection-rebuilder.js';

/** "3 deals", "1 deal": a count with its noun, for messages people read. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What a finished rebuild says, in the CLI and in the start-up log. */
export function rebuildSummary(result: Pick<RebuildResult, 'deals' | 'events' | 'seconds'>): string {
  return `Rebuilt ${countOf(result.deals, 'deal')} from ${countOf(result.events, 'event')} in ${result.seconds.toFixed(1)} s`;
}
