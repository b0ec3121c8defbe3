import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '../event-store/event-store.module.js';
import { FeedMetrics } from './feed-metrics.js';
import { FeedController } from './http/feed.controller.js';
import { GetFeedHandler, GetLatestEventsHandler } from './queries/get-feed.query.js';
import { FeedStreamSettings } from './stream/feed-stream.settings.js';
import { FeedStreams } from './stream/feed-streams.js';

/** GET /events and GET /events/stream: the whole log for live consumers, read with the gap-safe reader. */
@Module({
  imports: [CqrsModule, EventStoreModule],
  controllers: [FeedController],
  providers: [GetFeedHandler, GetLatestEventsHandler, FeedStreamSettings, FeedStreams, FeedMetrics],
})
export class FeedModule {}
