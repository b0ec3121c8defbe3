// The write path end to end: the seed deal, concurrency with and without If-Match, idempotent retries,
// retraction, and the actor recorded on each event.
import { randomUUID } from 'node:crypto';
import { createDeal, dealVersion, eventCount, postEvent, seedDeal } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

describe('deal writes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('creates the seed deal and serves its view at once', async () => {
    const res = await t.http.post('/deals').set(auth('analyst')).send(seedDeal).expect(201);
    expect(res.body).toEqual({ dealId: expect.any(String), eventId: expect.any(String), version: 1, position: expect.any(Number), possibleDuplicates: [] });
    expect(res.headers.location).toBe(`/deals/${res.body.dealId}`);
    expect(res.headers.etag).toBe('"1"');
    const view = await t.http.get(`/deals/${res.body.dealId}`).set(auth('viewer')).expect(200);
    expect(view.headers.etag).toBe('"1"');
    expect(view.body).toMatchObject({
      dealId: res.body.dealId,
      status: 'pending',
      acquirer: { name: 'xAI', companyId: expect.any(String) },
      target: { name: 'X Corp.', companyId: expect.any(String) },
      seller: null,
      dealType: 'acquisition',
      consideration: 'stock',
      value: { amount: '45000000000', currency: 'USD' },
      initialValue: { amount: '45000000000', currency: 'USD' },
      valueUsd: '45000000000',
      stakePercent: 100,
      announcedOn: '2025-03-28',
      rumoredOn: null,
      closedOn: null,
      durationDays: null,
      contested: false,
      regulatory: [],
      competingBids: [],
      version: 1,
    });
  });

  it('uses a client-chosen dealId', async () => {
    const dealId = randomUUID();
    const res = await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, dealId }).expect(201);
    expect(res.body.dealId).toBe(dealId);
    await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200);
  });

  it('gives a USD value from the equivalents the same event reported', async () => {
    const dealId = await createDeal(t, {
      ...seedDeal,
      value: { amount: '41600000000', currency: 'EUR' },
      equivalents: [{ amount: '45000000000', currency: 'USD' }],
    });
    const view = await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200);
    expect(view.body.value).toEqual({ amount: '41600000000', currency: 'EUR' });
    expect(view.body.valueUsd).toBe('45000000000');
  });

  it('records the key name as the actor of every event', async () => {
    const dealId = await createDeal(t);
    await postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 90 }).set(auth('admin')).expect(201);
    const timeline = await t.http.get(`/deals/${dealId}/events`).set(auth('viewer')).expect(200);
    expect(timeline.body.items.map((e: { actor: string }) => e.actor)).toEqual(['analyst', 'admin']);
  });

  it('with the same If-Match, exactly one of 20 concurrent posts wins and 19 get 412', async () => {
    const dealId = await createDeal(t);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 50 + i }).set('If-Match', '"1"'),
      ),
    ).then((all) => all.map((r) => r.status));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    expect(await dealVersion(t, dealId)).toBe(2);
  });

  it('without If-Match, 20 concurrent posts all land with contiguous versions', async () => {
    const dealId = await createDeal(t);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 50 + i })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(responses.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const timeline = await t.http.get(`/deals/${dealId}/events?limit=200`).set(auth('viewer')).expect(200);
    expect(timeline.body.items.map((e: { version: number }) => e.version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(await dealVersion(t, dealId)).toBe(21);
  });

  it('10 parallel retries with one Idempotency-Key append one event and all answer the same result', async () => {
    const dealId = await createDeal(t);
    const before = await eventCount(t);
    const key = `retry-${randomUUID()}`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 75 }).set('Idempotency-Key', key),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.body.eventId)).size).toBe(1);
    expect(new Set(responses.map((r) => r.body.version))).toEqual(new Set([2]));
    expect(await eventCount(t)).toBe(before + 1);
  });

  it('replays POST /deals with the same Idempotency-Key, even without a dealId', async () => {
    const key = `create-${randomUUID()}`;
    const first = await t.http.post('/deals').set(auth('analyst')).set('Idempotency-Key', key).send(seedDeal).expect(201);
    const before = await eventCount(t);
    const again = await t.http.post('/deals').set(auth('analyst')).set('Idempotency-Key', key).send(seedDeal).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await eventCount(t)).toBe(before);
  });

  it('takes a retry whose body has the same fields in another order, nested ones too, for the same request', async () => {
    const dealId = await createDeal(t);
    const key = `reordered-${randomUUID()}`;
    const body = { type: 'priced', occurredOn: '2025-04-01', value: { amount: '46000000000', currency: 'USD' }, stakePercent: 90 };
    const reordered = { stakePercent: 90, value: { currency: 'USD', amount: '46000000000' }, occurredOn: '2025-04-01', type: 'priced' };
    const first = await postEvent(t, dealId, body).set('Idempotency-Key', key).expect(201);
    const before = await eventCount(t);
    const again = await t.http
      .post(`/deals/${dealId}/events`)
      .set(auth('analyst'))
      .set('Idempotency-Key', key)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(reordered))
      .expect(201);
    expect(again.body).toEqual(first.body);
    expect(await eventCount(t)).toBe(before);
  });

  it('scopes an Idempotency-Key to the API key: the same key from another API key is another request', async () => {
    const dealId = await createDeal(t);
    const key = `shared-${randomUUID()}`;
    const body = { type: 'priced', occurredOn: '2025-04-01', stakePercent: 60 };
    const byAnalyst = await postEvent(t, dealId, body).set('Idempotency-Key', key).expect(201);
    const byAdmin = await t.http.post(`/deals/${dealId}/events`).set(auth('admin')).set('Idempotency-Key', key).send(body).expect(201);
    expect(byAdmin.body.eventId).not.toBe(byAnalyst.body.eventId);
    expect([byAnalyst.body.version, byAdmin.body.version]).toEqual([2, 3]);
    // Each API key's own retry still answers its own first result.
    expect((await postEvent(t, dealId, body).set('Idempotency-Key', key).expect(201)).body).toEqual(byAnalyst.body);
  });

  it('retracting a wrong close puts the deal back to pending; the timeline keeps both', async () => {
    const dealId = await createDeal(t);
    const closed = await postEvent(t, dealId, { type: 'closed', occurredOn: '2025-06-01' }).expect(201);
    expect((await t.http.get(`/deals/${dealId}`).set(auth('viewer'))).body).toMatchObject({ status: 'closed', closedOn: '2025-06-01', durationDays: 65 });
    await postEvent(t, dealId, { type: 'retracted', occurredOn: '2025-06-02', eventId: closed.body.eventId, reason: 'posted on the wrong deal' }).expect(201);
    const view = (await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200)).body;
    expect(view).toMatchObject({ status: 'pending', closedOn: null, durationDays: null, version: 3 });
    const items = (await t.http.get(`/deals/${dealId}/events`).set(auth('viewer')).expect(200)).body.items;
    expect(items.map((e: { type: string; retracted: boolean }) => [e.type, e.retracted])).toEqual([
      ['announced', false],
      ['closed', true],
      ['retracted', false],
    ]);
    expect(items[2]).toMatchObject({ retractedEventId: closed.body.eventId, reason: 'posted on the wrong deal' });
    // Once the close is retracted the deal can close again.
    await postEvent(t, dealId, { type: 'closed', occurredOn: '2025-07-01' }).expect(201);
  });

  it('pages the timeline with a cursor', async () => {
    const dealId = await createDeal(t);
    for (const stake of [60, 70, 80]) await postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: stake }).expect(201);
    const first = (await t.http.get(`/deals/${dealId}/events?limit=3`).set(auth('viewer')).expect(200)).body;
    expect(first.items.map((e: { version: number }) => e.version)).toEqual([1, 2, 3]);
    const second = (await t.http.get(`/deals/${dealId}/events?limit=3&cursor=${first.nextCursor}`).set(auth('viewer')).expect(200)).body;
    expect(second.items.map((e: { version: number }) => e.version)).toEqual([4]);
    expect(second.nextCursor).toBeNull();
    // Only the text issued is a cursor: not "03" for "3", nor the issued one with padding; no limit with a leading zero.
    for (const query of [`cursor=${Buffer.from('03').toString('base64url')}`, `cursor=${first.nextCursor}=`, 'limit=03']) {
      const res = await t.http.get(`/deals/${dealId}/events?${query}`).set(auth('viewer')).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: query.split('=')[0] })]);
    }
  });
});
