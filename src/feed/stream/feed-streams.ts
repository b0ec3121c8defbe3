import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { EventStore } from '../../event-store/event-store.js';
import type { GlobalCursor } from '../../event-store/global-cursor.js';
import { FeedStreamSettings } from './feed-stream.settings.js';
import { SseSession } from './sse-session.js';

/** The open event streams of this instance; ended at shutdown so the HTTP server can close and no poll outlives the database. */
@Injectable()
export class FeedStreams implements OnModuleDestroy {
  private readonly logger = new Logger('EventStream');
  private readonly sessions = new Set<SseSession>();

  constructor(
    private readonly store: EventStore,
    private readonly settings: FeedStreamSettings,
  ) {}

  get openCount(): number {
    return this.sessions.size;
  }

  open(res: Response, from: GlobalCursor): void {
    const session = new SseSession(res, from, (after, limit) => this.store.readAll(after, limit), { ...this.settings }, this.logger);
    this.sessions.add(session);
    void session.done.then(() => this.sessions.delete(session));
    session.start();
  }

  onModuleDestroy(): void {
    for (const session of this.sessions) session.stop();
  }
}
