import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** The log's streams, as the `stream_type` label names them. */
export type StreamType = 'deal' | 'fx';

export const CONFLICT_KINDS = ['version_mismatch', 'deal_exists', 'invalid_transition', 'retried_race'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** How a deal write began: from the state this instance held (one round trip), or by reading the deal first. */
export const WRITE_PATHS = ['cached', 'read'] as const;
export type WritePath = (typeof WRITE_PATHS)[number];

/** What the write side did: events appended (once committed) and the conflicts it met on the way. */
@Injectable()
export class WriteMetrics {
  private readonly appendedTotal: Counter<'stream_type' | 'type'>;
  private readonly conflictsTotal: Counter<'kind'>;
  private readonly dealWritesTotal: Counter<'path'>;

  constructor(registry: Registry) {
    this.appendedTotal = new Counter({
      name: 'deal_tracker_events_appended_total',
      help: 'Events appended to the log and committed, by stream type and event type.',
      labelNames: ['stream_type', 'type'],
      registers: [registry],
    });
    this.conflictsTotal = new Counter({
      name: 'deal_tracker_write_conflicts_total',
      help:
        'Write conflicts: refused writes (version_mismatch = 412, deal_exists and invalid_transition = 409) and ' +
        'lost races that were retried by re-reading and re-deciding (retried_race).',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.dealWritesTotal = new Counter({
      name: 'deal_tracker_deal_writes_total',
      help:
        'Deal writes that appended, by how they began: cached = from the state this instance held, in one round trip; ' +
        'read = after reading the deal (first write here, a company named, another instance wrote since, or a retry).',
      labelNames: ['path'],
      registers: [registry],
    });
    // Every kind from the start, so a dashboard sees 0 rather than no series at all.
    for (const kind of CONFLICT_KINDS) this.conflictsTotal.inc({ kind }, 0);
    for (const path of WRITE_PATHS) this.dealWritesTotal.inc({ path }, 0);
  }

  /** Call only after the transaction that appended them has committed. */
  appended(streamType: StreamType, events: readonly { type: string }[]): void {
    for (const { type } of events) this.appendedTotal.inc({ stream_type: streamType, type });
  }

  dealWrite(path: WritePath): void {
    this.dealWritesTotal.inc({ path });
  }

  conflict(kind: ConflictKind): void {
    this.conflictsTotal.inc({ kind });
  }
}
