import type { Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { GlobalPage } from '../../event-store/event-store.js';
import type { GlobalCursor } from '../../event-store/global-cursor.js';
import { cursorAfter, toFeedItem } from '../feed-item.js';
import type { FeedStreamSettings } from './feed-stream.settings.js';
import { sseComment, sseMessage, sseRetry } from './sse.js';

export type ReadLog = (after: GlobalCursor, limit: number) => Promise<GlobalPage>;

/**
 * One open GET /events/stream: polls the log from its cursor and writes each new event as a message whose id is
 * the cursor after it. Stops (timers cleared, no further reads) when the client goes away or `stop()` is called.
 */
export class SseSession {
  private stopped = false;
  private pollTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private readonly closed: Promise<void>;

  constructor(
    private readonly res: Response,
    private cursor: GlobalCursor,
    private readonly read: ReadLog,
    private readonly settings: Readonly<FeedStreamSettings>,
    private readonly logger: Logger,
  ) {
    this.closed = new Promise((resolve) => res.once('close', resolve));
    void this.closed.then(() => this.stop());
  }

  /** Resolves once the connection is gone. */
  get done(): Promise<void> {
    return this.closed;
  }

  start(): void {
    this.res.status(200);
    this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.res.setHeader('Cache-Control', 'no-cache');
    this.res.setHeader('X-Accel-Buffering', 'no'); // nginx would otherwise hold messages back
    this.res.flushHeaders();
    this.res.socket?.setNoDelay(true);
    this.res.write(sseRetry(this.settings.retryMs));
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.settings.heartbeatMs);
    void this.poll();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.pollTimer);
    clearInterval(this.heartbeatTimer);
    if (!this.res.writableEnded) this.res.end();
  }

  private async poll(): Promise<void> {
    try {
      await this.sendEverythingNew();
    } catch (error) {
      // Ending is the recovery: the client reconnects with Last-Event-ID and resumes exactly where it was.
      this.logger.warn(`Event stream stopped on a read error: ${error instanceof Error ? error.message : String(error)}`);
      this.stop();
    }
    if (!this.stopped) this.pollTimer = setTimeout(() => void this.poll(), this.settings.pollMs);
  }

  private async sendEverythingNew(): Promise<void> {
    for (;;) {
      const page = await this.read(this.cursor, this.settings.batchSize);
      for (const event of page.events) {
        if (this.stopped) return;
        await this.write(sseMessage(cursorAfter(event), toFeedItem(event)));
        this.cursor = { transactionId: event.transactionId, position: event.globalPosition };
      }
      if (this.stopped || page.events.length < this.settings.batchSize) return;
    }
  }

  private heartbeat(): void {
    // A client too slow to take messages does not need comments queued behind them.
    if (!this.stopped && !this.res.writableNeedDrain) this.res.write(sseComment('heartbeat'));
  }

  /** Waits for a slow client to drain before writing more, so an old backlog is not buffered whole in memory. */
  private async write(chunk: string): Promise<void> {
    if (this.res.write(chunk)) return;
    await Promise.race([new Promise((resolve) => this.res.once('drain', resolve)), this.closed]);
  }
}
