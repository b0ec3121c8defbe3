// Follows the log live: GET /events/stream read with fetch (an EventSource cannot send the Authorization header, and
// the key must not go into the URL), messages parsed by eventsource-parser. A dropped connection is opened again
// with Last-Event-ID, so no event is missed or shown twice.
import { createParser } from 'eventsource-parser';
import { unauthenticated } from './api';
import { readKey } from './session';

/** An item of GET /events (its envelope; the event's own fields beside it). */
export interface FeedItem {
  eventId: string;
  streamId: string;
  dealId?: string;
  companyId?: string;
  type: string;
  version: number;
  occurredOn: string;
  recordedAt: string;
  actor: string;
  [field: string]: unknown;
}

export interface FollowOptions {
  /** Where to start: the nextCursor of GET /events/latest. */
  after: string;
  onEvent(item: FeedItem): void;
  onConnected(connected: boolean): void;
}

const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000];

/** Follows the feed until the returned function is called. */
export function follow({ after, onEvent, onConnected }: FollowOptions): () => void {
  const stop = new AbortController();
  let last = after;
  let failures = 0;

  async function connect(): Promise<void> {
    const key = readKey();
    const response = await fetch(`/events/stream`, {
      headers: { Accept: 'text/event-stream', 'Last-Event-ID': last, ...(key ? { Authorization: `Bearer ${key}` } : {}) },
      signal: stop.signal,
    });
    if (response.status === 401) {
      // The key is no longer accepted: retrying cannot help; the app signs out and says why.
      stop.abort();
      unauthenticated();
      return;
    }
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    onConnected(true);
    failures = 0;
    const parser = createParser({
      onEvent(message) {
        if (message.id) last = message.id;
        onEvent(JSON.parse(message.data) as FeedItem);
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(value);
    }
  }

  (async () => {
    while (!stop.signal.aborted) {
      try {
        await connect();
      } catch {
        // Dropped, refused or the server restarting: try again below.
      }
      if (stop.signal.aborted) return;
      onConnected(false);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]));
    }
  })();
  return () => stop.abort();
}
