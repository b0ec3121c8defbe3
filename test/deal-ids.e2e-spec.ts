// A deal id is one id whatever its letter case: answered lower-case, refused as a duplicate in capitals, the same
// request for an idempotent retry. Streams an earlier release opened under capitalised ids are sorted out by the
// rebuild: each deal keeps its own stream, the others are reported and left out of the views.
import { randomUUID } from 'node:crypto';
import { EventStore } from '../src/event-store/event-store.js';
import { ProjectionRebuilder } from '../src/rebuild/projection-rebuilder.js';
import { acmeRumour, eventCount, postEvent, seedDeal } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

describe('deal ids in any letter case', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('refuses POST /deals with the capitalised id of an existing deal as DEAL_EXISTS, appending nothing', async () => {
    const dealId = randomUUID();
    await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, dealId }).expect(201);
    const before = await eventCount(t);
    const res = await t.http.post('/deals').set(auth('analyst')).send({ ...acmeRumour, dealId: dealId.toUpperCase() }).expect(409);
    expect(res.body.code).toBe('DEAL_EXISTS');
    expect(await eventCount(t)).toBe(before);
  });

  it('creates a deal posted with a capitalised id under its lower-case id, readable in either case', async () => {
    const dealId = randomUUID();
    const res = await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, dealId: dealId.toUpperCase() }).expect(201);
    expect(res.body.dealId).toBe(dealId);
    expect(res.headers.location).toBe(`/deals/${dealId}`);
    for (const id of [dealId, dealId.toUpperCase()]) {
      expect((await t.http.get(`/deals/${id}`).set(auth('viewer')).expect(200)).body.dealId).toBe(dealId);
      expect((await t.http.get(`/deals/${id}/events`).set(auth('viewer')).expect(200)).body.items).toHaveLength(1);
    }
  });

  it('takes an idempotent retry with the id in capitals or a trailing slash for the same request', async () => {
    const dealId = randomUUID();
    await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, dealId }).expect(201);
    const body = { type: 'priced', occurredOn: '2025-04-01', stakePercent: 90 };
    const first = await postEvent(t, dealId, body).set('Idempotency-Key', `k-${dealId}`).expect(201);
    for (const path of [`/deals/${dealId.toUpperCase()}/events`, `/deals/${dealId}/events/`]) {
      const again = await t.http.post(path).set(auth('analyst')).set('Idempotency-Key', `k-${dealId}`).send(body).expect(201);
      expect(again.body).toEqual(first.body);
    }
    expect((await t.http.get(`/deals/${dealId}`).set(auth('viewer'))).body.version).toBe(2);
  });

  it('takes a pinned company id and a retracted event id in capitals', async () => {
    const dealId = randomUUID();
    await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, dealId }).expect(201);
    const acquirer = (await t.http.get(`/deals/${dealId}`).set(auth('viewer'))).body.acquirer.companyId as string;
    const pinned = { ...acmeRumour, acquirer: { name: 'x.AI Corp', companyId: acquirer.toUpperCase() } };
    const other = (await t.http.post('/deals').set(auth('analyst')).send(pinned).expect(201)).body.dealId;
    expect((await t.http.get(`/deals/${other}`).set(auth('viewer'))).body.acquirer.companyId).toBe(acquirer);
    const priced = await postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 90 }).expect(201);
    await postEvent(t, dealId, { type: 'retracted', occurredOn: '2025-04-02', eventId: priced.body.eventId.toUpperCase(), reason: 'typo' }).expect(201);
    expect((await t.http.get(`/deals/${dealId}`).set(auth('viewer'))).body.stakePercent).toBe(100);
  });
});

describe('streams an earlier release opened under capitalised deal ids', () => {
  let t: TestApp;
  const real = randomUUID();
  const legacy = randomUUID();
  let ignored: string[];

  // As the earlier release wrote them: the case a client sent was kept in the stream id.
  const announce = (acquirer: string, target: string) => ({
    eventId: randomUUID(),
    type: 'announced',
    occurredOn: '2025-03-28',
    data: { acquirer: { name: acquirer, companyId: randomUUID() }, target: { name: target, companyId: randomUUID() } },
  });

  beforeAll(async () => {
    t = await startTestApp();
    await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, dealId: real }).expect(201);
    const store = new EventStore(t.dataSource);
    await t.dataSource.transaction(async (m) => {
      await store.append(m, `deal-${real.toUpperCase()}`, 0, [announce('Impostor Inc', 'Nobody Ltd')], { actor: 'old-release' });
      await store.append(m, `deal-${legacy.toUpperCase()}`, 0, [announce('Legacy Corp', 'Capital Ltd')], { actor: 'old-release' });
    });
    ignored = (await new ProjectionRebuilder(t.dataSource).rebuild()).ignoredStreams;
  });
  afterAll(() => t?.close());

  it('keeps each deal its own (first) stream and reports the streams it left out', async () => {
    expect(ignored).toEqual([`deal-${real.toUpperCase()}`]);
    expect((await t.http.get(`/deals/${real}`).set(auth('viewer')).expect(200)).body.acquirer.name).toBe('xAI');
    const ids = (await t.http.get('/deals').set(auth('viewer')).expect(200)).body.items.map((d: { dealId: string }) => d.dealId);
    expect(ids.sort()).toEqual([real, legacy].sort());
  });

  it('serves a deal whose only stream is capitalised: its view, timeline and as-of view, and takes its next event', async () => {
    expect((await t.http.get(`/deals/${legacy}`).set(auth('viewer')).expect(200)).body.acquirer.name).toBe('Legacy Corp');
    expect((await t.http.get(`/deals/${legacy}/events`).set(auth('viewer')).expect(200)).body.items).toHaveLength(1);
    await t.http.get(`/deals/${legacy}?asOf=2025-03-28`).set(auth('viewer')).expect(200);
    const closed = await postEvent(t, legacy, { type: 'closed', occurredOn: '2025-04-01' }).expect(201);
    expect(closed.body.version).toBe(2);
    const [{ stream }] = await t.dataSource.query('SELECT stream_id AS stream FROM events WHERE event_id = $1', [closed.body.eventId]);
    expect(stream).toBe(`deal-${legacy.toUpperCase()}`);
  });
});
