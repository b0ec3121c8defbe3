import { Injectable } from '@nestjs/common';

/**
 * Timings of GET /events/stream. A provider rather than constants so they can be tuned in one place and
 * shortened by tests (`app.get(FeedStreamSettings).heartbeatMs = 50`); a stream reads them when it opens.
 */
@Injectable()
export class FeedStreamSettings {
  /**
   * How long an idle stream waits before asking the log again. Polling, not LISTEN/NOTIFY or in-process events,
   * is what lets a stream deliver events written by any instance on the same database; 250 ms keeps the delay
   * small at one cheap indexed query per open stream per tick.
   */
  pollMs = 250;
  /** A `: heartbeat` comment this often, so proxies and load balancers do not cut an idle stream (most allow 30–60 s). */
  heartbeatMs = 15_000;
  /** The `retry:` hint: how long an EventSource waits before reconnecting (with Last-Event-ID) after a drop. */
  retryMs = 2_000;
  /** Events read per query; a full batch is followed at once by the next one, so a backlog streams without waiting. */
  batchSize = 200;
}
