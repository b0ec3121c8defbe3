// How deal events map onto the generic log: one stream per deal, the event's own fields in `data`.
import type { NewEvent, StoredEvent } from '../event-store/stored-event.js';
import type { DealEventData, RecordedDealEvent } from './domain/deal.events.js';

export const DEAL_STREAM_PREFIX = 'deal-';

export const dealStreamId = (dealId: string) => `${DEAL_STREAM_PREFIX}${dealId}`;

export function toNewEvent(eventId: string, event: DealEventData): NewEvent {
  const { type, occurredOn, ...data } = event;
  return { eventId, type, occurredOn, data };
}

export function toDealEvent(stored: StoredEvent): RecordedDealEvent {
  return {
    ...stored.data,
    type: stored.type,
    occurredOn: stored.occurredOn,
    eventId: stored.eventId,
    version: stored.version,
    recordedAt: stored.recordedAt,
    actor: stored.metadata.actor,
  } as RecordedDealEvent;
}
