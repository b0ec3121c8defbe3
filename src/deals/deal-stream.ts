// How deal events map onto the generic log: one stream per deal, the event's own fields in `data`.
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store/stored-event.js';
import type { DealEventData, RecordedDealEvent } from './domain/deal.events.js';

export const DEAL_STREAM_PREFIX = 'deal-';

export const dealStreamId = (dealId: string) => `${DEAL_STREAM_PREFIX}${dealId}`;

/** The deal a `deal-…` stream belongs to. */
export const dealIdOfStream = (streamId: string) => streamId.slice(DEAL_STREAM_PREFIX.length);

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

/** Events decided but not yet appended, numbered after `version`; position and transaction come from the append. */
export function toPendingEvents(
  streamId: string,
  version: number,
  events: NewEvent[],
  metadata: EventMetadata,
  recordedAt: string,
): StoredEvent[] {
  return events.map((e, i) => ({
    ...e,
    globalPosition: '',
    transactionId: '',
    streamId,
    version: version + i + 1,
    schemaVersion: 1,
    metadata,
    recordedAt,
  }));
}
