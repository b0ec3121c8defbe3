import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EventStore } from '../../event-store/event-store.js';
import type { StoredEvent } from '../../event-store/stored-event.js';
import { DataSource } from 'typeorm';
import { dealStreamOf } from './deal-stream-of.js';
import { DealNotFound } from '../domain/deal.errors.js';

import type { TimelineItem } from './timeline-item.js';

export type { TimelineItem };

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}

export class GetDealEventsQuery extends Query<TimelinePage> {
  constructor(
    readonly dealId: string,
    readonly limit: number,
    /** The version after which to continue. */
    readonly afterVersion: number,
  ) {
    super();
  }
}

/** The deal's timeline straight from its stream, with every event a retraction took back flagged. */
@QueryHandler(GetDealEventsQuery)
export class GetDealEventsHandler implements IQueryHandler<GetDealEventsQuery, TimelinePage> {
  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ dealId, limit, afterVersion }: GetDealEventsQuery): Promise<TimelinePage> {
    const events = await this.store.readStream(await dealStreamOf(this.dataSource, dealId));
    if (events.length === 0) throw new DealNotFound(dealId);
    const retracted = new Set(events.filter((e) => e.type === 'retracted').map((e) => String(e.data.retractedEventId)));
    const page = events.filter((e) => e.version > afterVersion).slice(0, limit);
    const last = page.at(-1);
    const more = last !== undefined && last.version < events.length;
    return {
      items: page.map((e) => toTimelineItem(e, retracted.has(e.eventId))),
      nextCursor: more ? Buffer.from(String(last.version)).toString('base64url') : null,
    };
  }
}

function toTimelineItem(event: StoredEvent, retracted: boolean): TimelineItem {
  return {
    ...event.data,
    eventId: event.eventId,
    type: event.type,
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor,
    version: event.version,
    position: Number(event.globalPosition),
    retracted,
  };
}
