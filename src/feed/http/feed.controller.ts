import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EventStore } from '../../event-store/event-store.js';
import { limitParam } from '../../http/params.js';
import type { FeedPage } from '../feed-item.js';
import { GetFeedQuery, GetLatestEventsQuery } from '../queries/get-feed.query.js';
import { FeedStreams } from '../stream/feed-streams.js';
import { LimitQuery, Problems } from '../../http/openapi.js';
import { feedCursorParam } from './feed-params.js';
import {
  AFTER_DESCRIPTION,
  FEED_DESCRIPTION,
  FEED_PAGE_SCHEMA,
  STREAM_DESCRIPTION,
  STREAM_RESPONSE_EXAMPLE,
} from './feed.openapi.js';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class FeedController {
  constructor(
    private readonly queries: QueryBus,
    private readonly streams: FeedStreams,
    private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The global feed: every event of the log, in commit-safe order.', description: FEED_DESCRIPTION })
  @ApiQuery({ name: 'after', required: false, description: AFTER_DESCRIPTION, schema: { type: 'string' } })
  @LimitQuery()
  @ApiResponse({ status: 200, schema: FEED_PAGE_SCHEMA })
  @Problems(400, 401)
  async list(@Query('after') after: unknown, @Query('limit') limit: unknown): Promise<FeedPage> {
    const pageSize = limitParam(limit);
    return this.queries.execute(new GetFeedQuery(await feedCursorParam(this.store, 'after', after), pageSize));
  }

  @Get('latest')
  @ApiOperation({
    summary: 'The newest events of the feed, and the cursor after them.',
    description:
      'The last `limit` events GET /events would have served by now, oldest first, and `nextCursor` after the newest: ' +
      'pass it as `after` to GET /events/stream (or /events) to follow the log from there without missing an event. ' +
      'On an empty log, no items and the cursor of the start.',
  })
  @LimitQuery()
  @ApiResponse({ status: 200, schema: FEED_PAGE_SCHEMA })
  @Problems(400, 401)
  async latest(@Query('limit') limit: unknown): Promise<FeedPage> {
    return this.queries.execute(new GetLatestEventsQuery(limitParam(limit)));
  }

  @Get('stream')
  @ApiOperation({ summary: 'The global feed as Server-Sent Events, resumable with Last-Event-ID.', description: STREAM_DESCRIPTION })
  @ApiQuery({ name: 'after', required: false, description: `${AFTER_DESCRIPTION} Ignored when Last-Event-ID is sent.`, schema: { type: 'string' } })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last message received; the stream resumes after it', schema: { type: 'string' } })
  @ApiProduces('text/event-stream')
  @ApiResponse({
    status: 200,
    description: 'An open event stream',
    content: { 'text/event-stream': { schema: { type: 'string', example: STREAM_RESPONSE_EXAMPLE } } },
  })
  @Problems(400, 401)
  async stream(@Query('after') after: unknown, @Headers('last-event-id') lastEventId: unknown, @Res() res: Response): Promise<void> {
    // Checked before anything is written, so a bad one is still an ordinary 400 problem. A reconnecting EventSource
    // sends Last-Event-ID to the URL it first opened: the ?after= there is history, not read.
    const from =
      lastEventId === undefined ? await feedCursorParam(this.store, 'after', after) : await feedCursorParam(this.store, 'Last-Event-ID', lastEventId);
    this.streams.open(res, from);
  }
}
