// One SSE connection in isolation: what it writes, that it pages through a backlog, waits for a slow client, and
// leaves no timer behind once the client has gone.
import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Response } from 'express';
import type { GlobalPage } from '../../event-store/event-store.js';
import { type GlobalCursor, START, encodeCursor } from '../../event-store/global-cursor.js';
import type { StoredEvent } from '../../event-store/stored-event.js';
import { FeedStreamSettings } from './feed-stream.settings.js';
import { type ReadLog, SseSession } from './sse-session.js';

class FakeResponse extends EventEmitter {
  chunks: string[] = [];
  headers: Record<string, string> = {};
  writableEnded = false;
  writableNeedDrain = false;
  accepting = true;
  status = () => this;
  setHeader = (name: string, value: string) => void (this.headers[name] = value);
  flushHeaders = () => undefined;
  write = (chunk: string) => {
    this.chunks.push(chunk);
    this.writableNeedDrain = !this.accepting;
    return this.accepting;
  };
  end = () => {
    this.writableEnded = true;
    this.emit('close');
  };
  get text() {
    return this.chunks.join('');
  }
}

const event = (n: number): StoredEvent => ({
  globalPosition: String(n),
  transactionId: String(1000 + n),
  streamId: 'deal-5b7e2a44-8f0d-4c1e-9a3b-2d6f1e0c9b87',
  version: n,
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'priced',
  schemaVersion: 1,
  data: { stakePercent: n },
  metadata: { actor: 'analyst' },
  occurredOn: '2024-02-01',
  recordedAt: '2024-02-01T10:00:00.000Z',
});

/** A log of `events` served in commit order, `limit` at a time. */
function logOf(events: StoredEvent[]): jest.Mock<ReadLog> {
  return jest.fn(async (after: GlobalCursor, limit: number): Promise<GlobalPage> => {
    const rest = events.filter((e) => BigInt(e.transactionId) > BigInt(after.transactionId)).slice(0, limit);
    const last = rest.at(-1);
    return { events: rest, next: last ? { transactionId: last.transactionId, position: last.globalPosition } : after };
  });
}

const settings = Object.assign(new FeedStreamSettings(), { pollMs: 100, heartbeatMs: 1_000, retryMs: 3_000, batchSize: 2 });
const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('SseSession', () => {
  let res: FakeResponse;
  const open = (read: ReadLog, from: GlobalCursor = START) => {
    const session = new SseSession(res as unknown as Response, from, read, settings, new Logger('test'));
    session.start();
    return session;
  };

  beforeEach(() => {
    jest.useFakeTimers();
    res = new FakeResponse();
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('sets the event-stream headers, a retry hint, then one message per event with the cursor after it as id', async () => {
    open(logOf([event(1), event(2), event(3)]));
    await flush();
    expect(res.headers).toMatchObject({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
    const cursor = encodeCursor({ transactionId: '1001', position: '1' });
    expect(res.chunks[0]).toBe('retry: 3000\n\n');
    expect(res.chunks[1]).toBe(
      `id: ${cursor}\ndata: ${JSON.stringify({
        eventId: event(1).eventId, streamId: event(1).streamId, dealId: '5b7e2a44-8f0d-4c1e-9a3b-2d6f1e0c9b87', type: 'priced',
        version: 1, position: 1, occurredOn: '2024-02-01', recordedAt: '2024-02-01T10:00:00.000Z', actor: 'analyst', stakePercent: 1,
      })}\n\n`,
    );
    expect(res.chunks).toHaveLength(4);
  });

  it('reads a backlog batch after batch without waiting, then polls from where it stopped', async () => {
    const events = [event(1), event(2), event(3), event(4), event(5)];
    const read = logOf(events);
    open(read);
    await flush();
    // Batches of 2: 2 + 2 + 1 (short: caught up).
    expect(read.mock.calls.map(([after]) => after.transactionId)).toEqual(['0', '1002', '1004']);
    events.push(event(6));
    jest.advanceTimersByTime(settings.pollMs);
    await flush();
    expect(read.mock.calls.at(-1)?.[0]).toEqual({ transactionId: '1005', position: '5' });
    expect(res.text.match(/^id: /gm)).toHaveLength(6);
  });

  it('writes a heartbeat comment every interval', async () => {
    open(logOf([]));
    await flush();
    jest.advanceTimersByTime(settings.heartbeatMs * 2);
    expect(res.chunks.filter((c) => c === ': heartbeat\n\n')).toHaveLength(2);
  });

  it('leaves no timer and reads no more once the client has gone', async () => {
    const read = logOf([event(1)]);
    open(read);
    await flush();
    expect(jest.getTimerCount()).toBe(2); // the next poll and the heartbeat
    res.emit('close');
    await flush();
    expect(jest.getTimerCount()).toBe(0);
    const calls = read.mock.calls.length;
    jest.advanceTimersByTime(settings.heartbeatMs * 5);
    await flush();
    expect(read.mock.calls.length).toBe(calls);
  });

  it('schedules nothing when the client leaves while a read is in flight', async () => {
    let answer!: (page: GlobalPage) => void;
    open(jest.fn<ReadLog>(() => new Promise((resolve) => (answer = resolve))));
    await flush();
    res.emit('close');
    answer({ events: [event(1)], next: START });
    await flush();
    expect(jest.getTimerCount()).toBe(0);
    expect(res.text).not.toMatch(/^id: /m);
  });

  it('waits for a slow client to drain before writing the next message', async () => {
    res.accepting = false;
    open(logOf([event(1), event(2)]));
    await flush();
    expect(res.text.match(/^id: /gm)).toHaveLength(1);
    jest.advanceTimersByTime(settings.heartbeatMs);
    expect(res.text).not.toContain('heartbeat'); // nothing piles up behind a full buffer
    res.accepting = true;
    res.emit('drain');
    await flush();
    expect(res.text.match(/^id: /gm)).toHaveLength(2);
  });

  it('ends the stream on a read error, so the client reconnects with Last-Event-ID', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    open(jest.fn<ReadLog>(() => Promise.reject(new Error('connection terminated'))));
    await flush();
    expect(res.writableEnded).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });
});
