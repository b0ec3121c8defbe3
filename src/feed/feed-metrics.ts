import { Injectable, Logger } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { FeedStreams } from './stream/feed-streams.js';

interface HeldBack {
  events: number;
  oldestSeconds: number;
}

/**
 * Reader lag of the gap-safe feed, measured when Prometheus scrapes (one indexed query per scrape, shared by both
 * gauges), not on every poll. The feed hands out only events of transactions older than every transaction still
 * running, so a transaction left open anywhere in the cluster holds back events that have already committed; these
 * gauges show how many, and for how long. Both stay 0 on a healthy server (always on the embedded database, where
 * transactions are serialised).
 */
@Injectable()
export class FeedMetrics {
  private readonly logger = new Logger(FeedMetrics.name);
  private inFlight: Promise<HeldBack> | null = null;

  constructor(
    registry: Registry,
    private readonly dataSource: DataSource,
    streams: FeedStreams,
  ) {
    const probe = () => this.heldBack();
    new Gauge({
      name: 'deal_tracker_feed_held_back_events',
      help: 'Committed events the feed (GET /events, /events/stream) cannot hand out yet because an older transaction is still open.',
      registers: [registry],
      async collect() {
        this.set((await probe()).events);
      },
    });
    new Gauge({
      name: 'deal_tracker_feed_lag_seconds',
      help: 'How long the oldest held-back event has been waiting (since its transaction started); 0 when none is held back.',
      registers: [registry],
      async collect() {
        this.set((await probe()).oldestSeconds);
      },
    });
    new Gauge({
      name: 'deal_tracker_sse_streams_open',
      help: 'Open GET /events/stream connections on this instance.',
      registers: [registry],
      collect() {
        this.set(streams.openCount);
      },
    });
  }

  /** Both gauges are collected concurrently in one scrape; they share the query in flight. */
  private heldBack(): Promise<HeldBack> {
    this.inFlight ??= this.queryHeldBack().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** A range scan of events_commit_order; NaN rather than a stale or made-up value when the database cannot answer. */
  private async queryHeldBack(): Promise<HeldBack> {
    try {
      const [row]: HeldBack[] = await this.dataSource.query(
        `SELECT count(*)::int AS events,
                coalesce(greatest(extract(epoch FROM now() - min(recorded_at)), 0), 0)::float8 AS "oldestSeconds"
         FROM events
         WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())`,
      );
      return row;
    } catch (error) {
      this.logger.warn(`Feed lag not measured: ${error instanceof Error ? error.message : String(error)}`);
      return { events: Number.NaN, oldestSeconds: Number.NaN };
    }
  }
}
