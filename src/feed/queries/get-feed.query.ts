import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EventStore } from '../../event-store/event-store.js';
import { type GlobalCursor, encodeCursor } from '../../event-store/global-cursor.js';
import { type FeedPage, toFeedItem } from '../feed-item.js';

export class GetFeedQuery extends Query<FeedPage> {
  constructor(
    readonly after: GlobalCursor,
    readonly limit: number,
  ) {
    super();
  }
}

/** One page of the whole log in commit-safe order, straight from the gap-safe reader. */
@QueryHandler(GetFeedQuery)
export class GetFeedHandler implements IQueryHandler<GetFeedQuery, FeedPage> {
  constructor(private readonly store: EventStore) {}

  async execute({ after, limit }: GetFeedQuery): Promise<FeedPage> {
    const page = await this.store.readAll(after, limit);
    return { items: page.events.map(toFeedItem), nextCursor: encodeCursor(page.next) };
  }
}

export class GetLatestEventsQuery extends Query<FeedPage> {
  constructor(readonly limit: number) {
    super();
  }
}

/** The newest events (oldest of them first) and the cursor after them: where a live screen starts streaming. */
@QueryHandler(GetLatestEventsQuery)
export class GetLatestEventsHandler implements IQueryHandler<GetLatestEventsQuery, FeedPage> {
  constructor(private readonly store: EventStore) {}

  async execute({ limit }: GetLatestEventsQuery): Promise<FeedPage> {
    const page = await this.store.readLatest(limit);
    return { items: page.events.map(toFeedItem), nextCursor: encodeCursor(page.next) };
  }
}
