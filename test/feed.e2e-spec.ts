// The global feed end to end: GET /events paged and polled, GET /events/stream as Server-Sent Events, events
// written by another instance (or outside the HTTP path), and exactly-once delivery under concurrent writers.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { type ClientRequest, type IncomingMessage, get } from 'node:http';
import { EventStore } from '../src/event-store/event-store.js';
import type { FeedItem } from '../src/feed/feed-item.js';
import { FeedStreamSettings } from '../src/feed/stream/feed-stream.settings.js';
import { FeedStreams } from '../src/feed/stream/feed-streams.js';
import { acmeHistory, acmeRumour, seedDeal } from './support/deals.js';
import { databaseUrlOf, startSecondInstance } from './support/second-instance.js';
import { KEYS, type TestApp, auth, startTestApp } from './support/test-app.js';

const WAIT_MS = 15_000;

// Famous deals, as an analyst would post them.
const activision = {
  create: {
    type: 'announced', occurredOn: '2022-01-18', acquirer: { name: 'Microsoft' }, target: { name: 'Activision Blizzard' },
    dealType: 'acquisition', consideration: 'cash',
    value: { amount: '68700000000', currency: 'USD' }, pricePerShare: { amount: '95.00', currency: 'USD' },
  },
  history: [
    { type: 'regulatory', occurredOn: '2023-04-26', authority: 'CMA', jurisdiction: 'GB', decision: 'blocked' },
    { type: 'regulatory', occurredOn: '2023-05-15', authority: 'European Commission', jurisdiction: 'EU', decision: 'approved_with_remedies' },
    { type: 'regulatory', occurredOn: '2023-10-13', authority: 'CMA', jurisdiction: 'GB', decision: 'approved_with_remedies' },
    { type: 'closed', occurredOn: '2023-10-13', finalValue: { amount: '75400000000', currency: 'USD' } },
  ],
};

const figma = {
  create: {
    type: 'announced', occurredOn: '2022-09-15', acquirer: { name: 'Adobe' }, target: { name: 'Figma' },
    consideration: 'mixed', value: { amount: '20000000000', currency: 'USD' },
  },
  history: [
    { type: 'regulatory', occurredOn: '2023-07-06', authority: 'CMA', jurisdiction: 'GB', decision: 'referred' },
    {
      type: 'terminated', occurredOn: '2023-12-18', reason: 'no clear path to EC and CMA approval',
      terminationFee: { amount: '1000000000', currency: 'USD' },
    },
  ],
};

const vmware = {
  type: 'announced', occurredOn: '2022-05-26', acquirer: { name: 'Broadcom' }, target: { name: 'VMware' },
  consideration: 'mixed', value: { amount: '61000000000', currency: 'USD' },
};

describe('global feed: GET /events and GET /events/stream', () => {
  let t: TestApp;
  let settings: FeedStreamSettings;
  /** Every event this file wrote, in the order it was acknowledged (writes before the concurrency test are sequential). */
  const written: string[] = [];
  const dealOf = new Map<string, string>();
  let xai: { dealId: string; eventId: string };
  let wrongPrice: string;
  let retraction: string;
  let auditEvent: string;

  beforeAll(async () => {
    t = await startTestApp();
    settings = t.app.get(FeedStreamSettings);
    settings.pollMs = 50;
    xai = await post('/deals', seedDeal);
    const acme = await post('/deals', acmeRumour);
    for (const event of acmeHistory) await post(`/deals/${acme.dealId}/events`, event);
    for (const deal of [activision, figma]) {
      const { dealId } = await post('/deals', deal.create);
      for (const event of deal.history) await post(`/deals/${dealId}/events`, event);
    }
    // A mistyped price, then taken back: the feed carries both, the retraction naming the event it retracts.
    wrongPrice = (await post(`/deals/${xai.dealId}/events`, { type: 'priced', occurredOn: '2025-03-28', value: { amount: '4500000000', currency: 'USD' } })).eventId;
    retraction = (await post(`/deals/${xai.dealId}/events`, { type: 'retracted', occurredOn: '2025-03-29', eventId: wrongPrice, reason: 'one zero short' })).eventId;
    auditEvent = await appendOutsideDeals();
  });
  afterAll(() => t?.close());

  async function post(path: string, body: object): Promise<{ dealId: string; eventId: string }> {
    const res = await t.http.post(path).set(auth('analyst')).send(body).expect(201);
    written.push(res.body.eventId);
    dealOf.set(res.body.eventId, res.body.dealId);
    return res.body;
  }

  /** The log is generic: a stream that is not a deal's appears in the feed without a dealId. */
  async function appendOutsideDeals(): Promise<string> {
    const store = t.app.get(EventStore);
    const eventId = randomUUID();
    const event = { eventId, type: 'api_key_rotated', occurredOn: '2025-04-01', data: { keyName: 'dashboard' } };
    await t.dataSource.transaction((m) => store.append(m, `ops-${randomUUID()}`, 0, [event], { actor: 'admin' }));
    written.push(eventId);
    return eventId;
  }

  const getPage = (params: Record<string, string | number>) => t.http.get('/events').query(params).set(auth('viewer'));

  /**
   * Pages from `after` until every expected event has been read (bounded): on a shared PostgreSQL server another
   * database's running transaction briefly holds the gap-safe reader back, so "read once" is not "read all".
   */
  async function readFeed(after: string | undefined, expected: readonly string[], limit = 7) {
    const items: FeedItem[] = [];
    let cursor = after;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const res = await getPage({ ...(cursor === undefined ? {} : { after: cursor }), limit }).expect(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor as string;
      const seen = new Set(items.map((i) => i.eventId));
      if (res.body.items.length === 0 && expected.every((id) => seen.has(id))) return { items, cursor };
      if (Date.now() > deadline) throw new Error(`the feed did not deliver ${expected.filter((id) => !seen.has(id)).length} events`);
    }
  }

  const ids = (items: { eventId: string }[]) => items.map((i) => i.eventId);

  describe('GET /events', () => {
    it('pages through the whole log: every event exactly once, in commit order, deal events with their dealId', async () => {
      const { items } = await readFeed(undefined, written, 4);
      expect(ids(items)).toEqual(written);
      for (const item of items.filter((i) => i.eventId !== auditEvent)) {
        expect(item.dealId).toBe(dealOf.get(item.eventId));
        expect(item.streamId).toBe(`deal-${item.dealId}`);
      }
      const audit = items.find((i) => i.eventId === auditEvent)!;
      expect(audit).not.toHaveProperty('dealId');
      expect(audit).toMatchObject({ type: 'api_key_rotated', version: 1, actor: 'admin', keyName: 'dashboard' });
      expect(audit.streamId).toMatch(/^ops-/);
    });

    it('gives each item its envelope and the event’s own fields', async () => {
      const { items } = await readFeed(undefined, written, 200);
      const announced = items.find((i) => i.eventId === xai.eventId);
      expect(announced).toEqual({
        eventId: xai.eventId,
        streamId: `deal-${xai.dealId}`,
        dealId: xai.dealId,
        type: 'announced',
        version: 1,
        position: expect.any(Number),
        occurredOn: '2025-03-28',
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        actor: 'analyst',
        acquirer: { name: 'xAI', companyId: expect.any(String) },
        target: { name: 'X Corp.', companyId: expect.any(String) },
        dealType: 'acquisition',
        consideration: 'stock',
        stakePercent: 100,
        value: { amount: '45000000000', currency: 'USD' },
        equivalents: [{ amount: '41600000000', currency: 'EUR' }],
        source: seedDeal.source,
        note: seedDeal.note,
      });
      expect(items.find((i) => i.eventId === retraction)).toMatchObject({
        type: 'retracted', dealId: xai.dealId, version: 3, retractedEventId: wrongPrice, reason: 'one zero short',
      });
      const fee = items.find((i) => i.type === 'terminated');
      expect(fee?.terminationFee).toEqual({ amount: '1000000000', currency: 'USD' });
    });

    it('keeps nextCursor when nothing new has committed, resumes from the middle, and then hands out only new events', async () => {
      const end = await readFeed(undefined, written);
      const idle = await getPage({ after: end.cursor }).expect(200);
      expect(idle.body).toEqual({ items: [], nextCursor: end.cursor });

      const firstFive = await getPage({ limit: 5 }).expect(200);
      expect(ids(firstFive.body.items)).toEqual(written.slice(0, 5));
      const rest = await readFeed(firstFive.body.nextCursor, written.slice(5));
      expect(ids(rest.items)).toEqual(written.slice(5));
      expect(rest.cursor).toBe(end.cursor);

      const vote = await post(`/deals/${xai.dealId}/events`, { type: 'shareholder_vote', occurredOn: '2025-03-28', party: 'target', outcome: 'approved' });
      const next = await readFeed(end.cursor, [vote.eventId]);
      expect(ids(next.items)).toEqual([vote.eventId]);
      expect(next.cursor).not.toBe(end.cursor);
      expect((await getPage({ after: next.cursor }).expect(200)).body).toEqual({ items: [], nextCursor: next.cursor });
    });

    it('answers an empty after= and a missing one alike: from the start', async () => {
      const [missing, empty] = await Promise.all([getPage({ limit: 3 }).expect(200), getPage({ after: '', limit: 3 }).expect(200)]);
      expect(ids(empty.body.items)).toEqual(written.slice(0, 3));
      expect(empty.body).toEqual(missing.body);
    });

    it.each([
      ['after', 'not-a-cursor'],
      ['after', Buffer.from('12:abc').toString('base64url')],
      ['after', Buffer.from('99999999999999999999:1').toString('base64url')],
      ['after', Buffer.from('1:9999999999999999999').toString('base64url')],
      // Numbers a column holds, but no event stands there: past the end, a reader would wait for ever.
      ['after', Buffer.from('18446744073709551615:1').toString('base64url')],
      ['after', Buffer.from('1:9223372036854775807').toString('base64url')],
      ['limit', '0'],
      ['limit', '201'],
      ['limit', 'ten'],
    ])('refuses %s=%s with a 400 naming the field', async (field, value) => {
      const res = await getPage({ [field]: value }).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field, message: expect.any(String) }] });
    });

    it('needs a key', async () => {
      await t.http.get('/events').expect(401);
      await t.http.get('/events/stream').expect(401);
    });
  });

  describe('GET /events/stream', () => {
    it('sends the existing events, then one posted after connecting; a reconnect with Last-Event-ID gets only what follows it', async () => {
      const feed = await readFeed(undefined, written);
      const client = await SseClient.open(t, {});
      try {
        expect(client.res.statusCode).toBe(200);
        expect(client.res.headers['content-type']).toMatch(/^text\/event-stream/);
        expect(client.res.headers['cache-control']).toBe('no-cache');
        expect(client.res.headers['x-accel-buffering']).toBe('no');
        await client.until(() => client.messages.length >= feed.items.length, 'the existing events');
        expect(client.messages.map((m) => m.data)).toEqual(feed.items);
        expect(client.messages.map((m) => m.data.type)).toEqual(feed.items.map((i) => i.type));
        // Message ids are feed cursors: the last one is where GET /events stands at the end.
        expect(client.messages.at(-1)!.id).toBe(feed.cursor);
        expect(client.retry).toBe(settings.retryMs);

        const pricing = await post(`/deals/${xai.dealId}/events`, {
          type: 'priced', occurredOn: '2025-03-28', pricePerShare: { amount: '33.00', currency: 'USD' },
        });
        await client.until(() => client.messages.some((m) => m.data.eventId === pricing.eventId), 'the event posted after connecting');
        expect(ids(client.messages.map((m) => m.data))).toEqual([...ids(feed.items), pricing.eventId]);
        expect(client.messages.at(-1)).toMatchObject({ event: undefined, data: { type: 'priced', dealId: xai.dealId, actor: 'analyst' } });
      } finally {
        client.close();
      }

      const everything = client.messages;
      const resumeAt = everything[4];
      const expected = ids(everything.slice(5).map((m) => m.data));
      // EventSource reconnects to the same URL, so Last-Event-ID must win over the ?after= it was opened with, which
      // is then not read at all (as documented), even when it is no cursor.
      for (const resume of [{ lastEventId: resumeAt.id, after: everything[1].id }, { lastEventId: resumeAt.id, after: '%%%' }, { after: resumeAt.id }]) {
        const again = await SseClient.open(t, resume);
        try {
          await again.until(() => again.messages.some((m) => m.data.eventId === expected.at(-1)), 'the resumed events');
          expect(ids(again.messages.map((m) => m.data))).toEqual(expected);
        } finally {
          again.close();
        }
      }
    });

    it('sends heartbeat comments while idle', async () => {
      const { cursor } = await readFeed(undefined, written);
      const heartbeatMs = settings.heartbeatMs;
      settings.heartbeatMs = 50;
      const client = await SseClient.open(t, { after: cursor });
      settings.heartbeatMs = heartbeatMs;
      try {
        await client.until(() => client.comments.filter((c) => c === 'heartbeat').length >= 2, 'two heartbeats');
        expect(client.messages).toEqual([]);
      } finally {
        client.close();
      }
    });

    it('refuses a bad Last-Event-ID or after with a 400 problem before streaming', async () => {
      const badHeader = await t.http.get('/events/stream').set(auth('viewer')).set('Last-Event-ID', 'garbage').expect(400);
      expect(badHeader.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(badHeader.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'Last-Event-ID' }] });
      const badQuery = await t.http.get('/events/stream').query({ after: '%%%' }).set(auth('viewer')).expect(400);
      expect(badQuery.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'after' }] });
      const pastTheEnd = Buffer.from('18446744073709551615:1').toString('base64url');
      const forged = await t.http.get('/events/stream').set(auth('viewer')).set('Last-Event-ID', pastTheEnd).expect(400);
      expect(forged.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'Last-Event-ID', message: 'is not a cursor this server issued' }] });
    });

    it('stops polling when the client disconnects', async () => {
      const streams = t.app.get(FeedStreams);
      const before = streams.openCount;
      const client = await SseClient.open(t, {});
      expect(streams.openCount).toBe(before + 1);
      client.close();
      await eventually(() => streams.openCount === before, 'the server to drop the stream');
    });

    it('delivers an event written by another instance on the same database (embedded: appended outside the HTTP path)', async () => {
      const { dealId } = await post('/deals', vmware);
      const { cursor } = await readFeed(undefined, written);
      const client = await SseClient.open(t, { after: cursor });
      const approval = { type: 'regulatory', occurredOn: '2023-07-12', authority: 'European Commission', jurisdiction: 'EU', decision: 'approved_with_remedies' };
      try {
        const eventId = await writeElsewhere(dealId, approval);
        await client.until(() => client.messages.length > 0, 'the event written elsewhere');
        expect(client.messages).toEqual([
          { id: expect.any(String), event: undefined, data: expect.objectContaining({ ...approval, type: 'regulatory', eventId, dealId, version: 2 }) },
        ]);
      } finally {
        client.close();
      }
    });

    /** On PostgreSQL through a second server instance; the embedded database belongs to one process, so a direct append. */
    async function writeElsewhere(dealId: string, event: { type: string; occurredOn: string } & Record<string, unknown>): Promise<string> {
      const url = databaseUrlOf(t);
      if (url) {
        const second = await startSecondInstance(url);
        try {
          const res = await second.http.post(`/deals/${dealId}/events`).set(auth('analyst')).send(event).expect(201);
          return res.body.eventId;
        } finally {
          await second.close();
        }
      }
      const { type, occurredOn, ...data } = event;
      const store = t.app.get(EventStore);
      const eventId = randomUUID();
      await t.dataSource.transaction((m) => store.append(m, `deal-${dealId}`, 1, [{ eventId, type, occurredOn, data }], { actor: 'importer' }));
      return eventId;
    }
  });

  // Last on purpose: its writes are concurrent, so it does not add them to `written` (kept in commit order).
  describe('under concurrent writers', () => {
    it('hands every acknowledged event of 4 concurrent writers exactly once to a polling consumer and to a stream', async () => {
      const { cursor: start } = await readFeed(undefined, written);
      const stream = await SseClient.open(t, { after: start });
      const acknowledged: string[] = [];
      const targets = ['Slack', 'Tableau', 'MuleSoft', 'Informatica'];
      let writing = true;
      const polled: string[] = [];
      const consumer = (async () => {
        let cursor = start;
        while (writing) {
          const res = await getPage({ after: cursor, limit: 50 }).expect(200);
          polled.push(...ids(res.body.items));
          cursor = res.body.nextCursor;
        }
        return cursor;
      })();
      try {
        await Promise.all(
          targets.map(async (target) => {
            const created = await t.http.post('/deals').set(auth('analyst'))
              .send({ type: 'rumored', occurredOn: '2024-01-02', acquirer: { name: 'Salesforce' }, target: { name: target } }).expect(201);
            acknowledged.push(created.body.eventId);
            for (let i = 1; i <= 15; i++) {
              const res = await t.http.post(`/deals/${created.body.dealId}/events`).set(auth('analyst'))
                .send({ type: 'priced', occurredOn: '2024-02-01', stakePercent: i }).expect(201);
              acknowledged.push(res.body.eventId);
            }
          }),
        );
      } finally {
        writing = false;
      }
      try {
        const rest = await readFeed(await consumer, acknowledged.filter((id) => !polled.includes(id)), 50);
        polled.push(...ids(rest.items));
        expect(polled).toHaveLength(acknowledged.length);
        expect(new Set(polled)).toEqual(new Set(acknowledged));

        await stream.until(() => stream.messages.length >= acknowledged.length, 'every event on the stream');
        const streamed = ids(stream.messages.map((m) => m.data));
        expect(streamed).toHaveLength(acknowledged.length);
        expect(new Set(streamed)).toEqual(new Set(acknowledged));
        // Both consumers see the one commit-safe order.
        expect(streamed).toEqual(polled);
      } finally {
        stream.close();
      }
    });
  });
});

interface SseMessage {
  id: string;
  event: string;
  data: FeedItem;
}

/** A minimal EventSource over node:http that parses messages as chunks arrive. */
class SseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  retry?: number;
  private buffer = '';
  private readonly changed = new EventEmitter();

  private constructor(
    readonly res: IncomingMessage,
    private readonly req: ClientRequest,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.take(chunk));
    res.on('error', () => undefined); // a destroyed request errors its response; that is how close() works
  }

  static open(t: TestApp, { after, lastEventId }: { after?: string; lastEventId?: string }): Promise<SseClient> {
    const url = new URL('/events/stream', new URL(urlOf(t)));
    if (after !== undefined) url.searchParams.set('after', after);
    const headers: Record<string, string> = { Authorization: `Bearer ${KEYS.viewer}`, Accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    return new Promise((resolve, reject) => {
      const req = get(url, { headers, agent: false }, (res) => resolve(new SseClient(res, req)));
      req.on('error', reject);
    });
  }

  /** Resolves once `condition` holds, checked after every chunk; fails after a bound instead of hanging. */
  until(condition: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        stop();
        resolve();
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      const stop = () => {
        clearTimeout(timer);
        this.changed.off('change', check);
      };
      this.changed.on('change', check);
      check();
    });
  }

  close(): void {
    this.req.destroy();
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      this.parse(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 2);
    }
    this.changed.emit('change');
  }

  private parse(block: string): void {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
    }
    if (fields.retry !== undefined) this.retry = Number(fields.retry);
    if (fields.data !== undefined) this.messages.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
  }
}

function urlOf(t: TestApp): string {
  const address = t.app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

/** Polls a server-side condition with a bound. */
async function eventually(condition: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
