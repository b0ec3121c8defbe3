// OpenAPI documentation of the global feed: response schemas and the choices the HTTP contract leaves open.
import type { SchemaObject } from '@nestjs/swagger';
import { FeedStreamSettings } from '../stream/feed-stream.settings.js';

const defaults = new FeedStreamSettings();


export const AFTER_DESCRIPTION =
  'Opaque cursor: a `nextCursor` of GET /events or an `id` of GET /events/stream (the two are interchangeable). ' +
  'Absent or empty: from the start of the log.';

export const FEED_ITEM_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    "One event of the log plus the event's own fields (e.g. `acquirer`, `value`, `decision`, `source`, `note`; on a " +
    '`retracted` event the retracted id is `retractedEventId`). A field of the event never overrides the envelope fields below.',
  properties: {
    eventId: { type: 'string', format: 'uuid' },
    streamId: { type: 'string', example: 'deal-3f2b8c1d-6e4a-4b7f-9d2c-1a5e8f0b7c6d' },
    dealId: { type: 'string', format: 'uuid', description: 'Present only on deal streams (`deal-<dealId>`)' },
    type: { type: 'string', example: 'announced' },
    version: { type: 'integer', description: "The event's version within its stream" },
    position: { type: 'integer', description: 'Global position; NOT the feed order (commit order) and not a cursor' },
    occurredOn: { type: 'string', format: 'date', example: '2025-03-28' },
    recordedAt: { type: 'string', format: 'date-time' },
    actor: { type: 'string', description: 'The name of the API key that posted it' },
  },
  required: ['eventId', 'streamId', 'type', 'version', 'position', 'occurredOn', 'recordedAt', 'actor'],
  additionalProperties: true,
};

export const FEED_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: { type: 'array', items: FEED_ITEM_SCHEMA },
    nextCursor: {
      type: 'string',
      description:
        'Never null: where to resume. The same cursor when nothing new has committed, so keep polling with it; ' +
        'the end of the log for now is an empty `items`, not a null cursor.',
    },
  },
  required: ['items', 'nextCursor'],
};

export const FEED_DESCRIPTION =
  'The whole log in commit-safe order: only transactions older than every transaction still running are served, ' +
  'ordered by (transaction id, position), so a consumer that keeps polling from `nextCursor` never misses an event ' +
  'that commits late and never sees one twice. Order is commit-safe, not by `position`.';

export const STREAM_DESCRIPTION = [
  `The feed as Server-Sent Events (\`text/event-stream\`). First a \`retry: ${defaults.retryMs}\` line, then one message per event:`,
  '`id: <cursor after this event>` and `data: <the GET /events item as JSON>` (its `type` is the event type).',
  'Messages are unnamed, so an EventSource receives them in `onmessage`.',
  `A \`: heartbeat\` comment every ${defaults.heartbeatMs / 1000} s keeps idle connections open through proxies.`,
  `The server polls the log every ${defaults.pollMs} ms, so events written by any instance on the same database are delivered.`,
  'Resume with `Last-Event-ID` (sent by EventSource on reconnect; it wins over `after`) or `?after=`.',
  'A bad cursor is a 400 before the stream starts. If the server cannot read the log it ends the stream;',
  'reconnecting with Last-Event-ID resumes exactly where it stopped.',
].join(' ');

export const STREAM_RESPONSE_EXAMPLE =
  `retry: ${defaults.retryMs}\n\n` +
  'id: MTIzNDo0Mg\ndata: {"eventId":"…","streamId":"deal-…","dealId":"…","type":"announced",…}\n\n' +
  ': heartbeat\n\n';
