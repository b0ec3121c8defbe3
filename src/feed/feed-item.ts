// How one event of the log looks in the global feed (GET /events and each message of GET /events/stream).
import { isUUID } from 'class-validator';
import { DEAL_STREAM_PREFIX } from '../deals/deal-stream.js';
import { encodeCursor } from '../event-store/global-cursor.js';
import type { StoredEvent } from '../event-store/stored-event.js';

export interface FeedItem {
  eventId: string;
  streamId: string;
  /** Only on deal streams (`deal-<uuid>`); the log itself is generic. */
  dealId?: string;
  type: string;
  version: number;
  position: number;
  occurredOn: string;
  recordedAt: string;
  actor: string;
  /** The event's own fields (acquirer, value, decision, ...). */
  [field: string]: unknown;
}

export interface FeedPage {
  items: FeedItem[];
  /** Never null: where to resume, the same cursor when nothing new has committed. */
  nextCursor: string;
}

const ENVELOPE_FIELDS = new Set(['eventId', 'streamId', 'dealId', 'type', 'version', 'position', 'occurredOn', 'recordedAt', 'actor']);

export function toFeedItem(event: StoredEvent): FeedItem {
  const dealId = dealIdOf(event.streamId);
  // The envelope wins over a same-named field of the data, so a consumer can always trust these names.
  const ownFields = Object.entries(event.data).filter(([name]) => !ENVELOPE_FIELDS.has(name));
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    ...(dealId ? { dealId } : {}),
    type: event.type,
    version: event.version,
    position: Number(event.globalPosition),
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor,
    ...Object.fromEntries(ownFields),
  };
}

/** The cursor that resumes the feed right after this event: the SSE message id, interchangeable with `after`. */
export function cursorAfter(event: StoredEvent): string {
  return encodeCursor({ transactionId: event.transactionId, position: event.globalPosition });
}

function dealIdOf(streamId: string): string | undefined {
  if (!streamId.startsWith(DEAL_STREAM_PREFIX)) return undefined;
  const id = streamId.slice(DEAL_STREAM_PREFIX.length);
  return isUUID(id) ? id : undefined;
}
