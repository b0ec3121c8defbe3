// How deal events map onto the generic log: one stream per deal, the event's own fields in `data`.
import type { NewEvent, PendingEvent } from '../event-store/stored-event.js';
import type { DealEventData, RecordedDealEvent } from './domain/deal.events.js';

export const DEAL_STREAM_PREFIX = 'deal-';

export const dealStreamId = (dealId: string) => `${DEAL_STREAM_PREFIX}${dealId}`;

/** The deal a `deal-…` stream belongs to. */
export const dealIdOfStream = (streamId: string) => streamId.slice(DEAL_STREAM_PREFIX.length);

export function toNewEvent(eventId: string, event: DealEventData): NewEvent {
  const { type, occurredOn, ...data } = event;
  return { eventId, type, occurredOn, data };
}

/** A logged (or about to be logged) event as the domain folds it. */
export function toDealEvent(event: PendingEvent): RecordedDealEvent {
  return {
    ...event.data,
    type: event.type,
    occurredOn: event.occurredOn,
    eventId: event.eventId,
    version: event.version,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor,
  } as RecordedDealEvent;
}
