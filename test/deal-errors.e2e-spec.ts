// Every status and code of the HTTP contract's error table, each produced by the case it names, as problem+json,
// and a refused request never appends anything.
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { createDeal, dealVersion, eventCount, postEvent, seedDeal } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

describe('write errors', () => {
  let t: TestApp;
  let dealId: string;

  beforeAll(async () => {
    t = await startTestApp({ bodyLimit: '8kb' });
    dealId = await createDeal(t);
  });
  afterAll(() => t?.close());

  function expectProblem(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  }

  /** Runs a refused request and checks it appended nothing and left the deal's version alone. */
  async function refused(send: () => Promise<Response>, status: number, code: string): Promise<Response> {
    const [before, version] = [await eventCount(t), await dealVersion(t, dealId)];
    const res = await send();
    expectProblem(res, status, code);
    expect(await eventCount(t)).toBe(before);
    expect(await dealVersion(t, dealId)).toBe(version);
    return res;
  }

  describe('400 VALIDATION_FAILED', () => {
    const post = (body: string | object) =>
      t.http.post(`/deals/${dealId}/events`).set(auth('analyst')).set('Content-Type', 'application/json').send(body);

    it.each([
      ['malformed JSON', '{"type": "priced",', 'body'],
      ['a wrong type', { type: 'priced', occurredOn: '2025-04-01', stakePercent: 'all' }, 'stakePercent'],
      ['an unknown field', { type: 'priced', occurredOn: '2025-04-01', stakePercent: 50, colour: 'blue' }, 'colour'],
      ['a bad currency', { type: 'priced', occurredOn: '2025-04-01', value: { amount: '1', currency: 'usd' } }, 'value.currency'],
      ['a bad date', { type: 'priced', occurredOn: '2025-02-30', stakePercent: 50 }, 'occurredOn'],
      ['a negative amount', { type: 'priced', occurredOn: '2025-04-01', value: { amount: '-5', currency: 'USD' } }, 'value.amount'],
      ['a zero amount', { type: 'priced', occurredOn: '2025-04-01', value: { amount: '0', currency: 'USD' } }, 'value.amount'],
      ['an amount as a binary float', { type: 'priced', occurredOn: '2025-04-01', value: { amount: 4.6, currency: 'USD' } }, 'value.amount'],
      ['an unknown event type', { type: 'merged', occurredOn: '2025-04-01' }, 'type'],
    ])('refuses %s', async (_case, body, field) => {
      const res = await refused(() => post(body), 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it.each(['null', '"announced"', '45000000000', 'true'])('tells a body of valid JSON that is no object (%s) it must be one', async (text) => {
      const res = await refused(() => post(text), 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    });

    it('lists at most 100 problems, then says it left some out', async () => {
      const unknown = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`f${i}`, 1]));
      const app = await startTestApp({ bodyLimit: '1mb' });
      try {
        const res = await app.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, ...unknown });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toHaveLength(100);
        expect(res.body.errorsTruncated).toBe(true);
        expect(res.text.length).toBeLessThan(12_000);
      } finally {
        await app.close();
      }
    });

    it('refuses a deal id that is not a uuid, on writes and reads', async () => {
      const write = await t.http.post('/deals/not-a-uuid/events').set(auth('analyst')).send({ type: 'withdrawn', occurredOn: '2025-04-01' });
      expectProblem(write, 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get('/deals/not-a-uuid').set(auth('viewer')), 400, 'VALIDATION_FAILED');
    });

    it('refuses a bad dealId in the body of POST /deals', async () => {
      const before = await eventCount(t);
      const res = await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, dealId: '12345' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'dealId' })]);
      expect(await eventCount(t)).toBe(before);
    });
  });

  it('401 UNAUTHENTICATED without a key or with a wrong one', async () => {
    await refused(() => t.http.post(`/deals/${dealId}/events`).send({ type: 'withdrawn', occurredOn: '2025-04-01' }), 401, 'UNAUTHENTICATED');
    await refused(
      () => t.http.post(`/deals/${dealId}/events`).set('Authorization', 'Bearer nope').send({ type: 'withdrawn', occurredOn: '2025-04-01' }),
      401,
      'UNAUTHENTICATED',
    );
    expectProblem(await t.http.get(`/deals/${dealId}`), 401, 'UNAUTHENTICATED');
  });

  it('403 FORBIDDEN when a viewer posts', async () => {
    await refused(
      () => t.http.post(`/deals/${dealId}/events`).set(auth('viewer')).send({ type: 'withdrawn', occurredOn: '2025-04-01' }),
      403,
      'FORBIDDEN',
    );
    const before = await eventCount(t);
    expectProblem(await t.http.post('/deals').set(auth('viewer')).send(seedDeal), 403, 'FORBIDDEN');
    expect(await eventCount(t)).toBe(before);
  });

  it('404 DEAL_NOT_FOUND for an unknown deal on a write and on reads', async () => {
    const unknown = randomUUID();
    await refused(() => postEvent(t, unknown, { type: 'withdrawn', occurredOn: '2025-04-01' }), 404, 'DEAL_NOT_FOUND');
    expectProblem(await t.http.get(`/deals/${unknown}`).set(auth('viewer')), 404, 'DEAL_NOT_FOUND');
    expectProblem(await t.http.get(`/deals/${unknown}/events`).set(auth('viewer')), 404, 'DEAL_NOT_FOUND');
  });

  it('409 INVALID_TRANSITION when announcing twice or opening a deal with another type', async () => {
    await refused(() => postEvent(t, dealId, seedDeal), 409, 'INVALID_TRANSITION');
    const before = await eventCount(t);
    const res = await t.http.post('/deals').set(auth('analyst')).send({ type: 'priced', occurredOn: '2025-04-01', stakePercent: 10 });
    expectProblem(res, 409, 'INVALID_TRANSITION');
    expect(await eventCount(t)).toBe(before);
  });

  it('409 INVALID_TRANSITION when closing a terminated deal', async () => {
    const other = await createDeal(t);
    expect((await postEvent(t, other, { type: 'terminated', occurredOn: '2025-05-01' })).status).toBe(201);
    const res = await postEvent(t, other, { type: 'closed', occurredOn: '2025-06-01' });
    expectProblem(res, 409, 'INVALID_TRANSITION');
    expect(await dealVersion(t, other)).toBe(2);
  });

  it('409 DEAL_EXISTS when POST /deals reuses a dealId', async () => {
    const id = randomUUID();
    await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, dealId: id }).expect(201);
    const before = await eventCount(t);
    expectProblem(await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, dealId: id }), 409, 'DEAL_EXISTS');
    expect(await eventCount(t)).toBe(before);
  });

  it('412 VERSION_MISMATCH when If-Match is not the current version', async () => {
    const version = await dealVersion(t, dealId);
    await refused(
      () => postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 90 }).set('If-Match', `"${version + 1}"`),
      412,
      'VERSION_MISMATCH',
    );
  });

  it('412 VERSION_MISMATCH for a weak If-Match, even of the current version: If-Match compares strongly (RFC 9110)', async () => {
    const version = await dealVersion(t, dealId);
    await refused(
      () => postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 90 }).set('If-Match', `W/"${version}"`),
      412,
      'VERSION_MISMATCH',
    );
  });

  it.each(['"03"', '"abc"', '"*"'])('412 VERSION_MISMATCH for If-Match %s, an entity tag no deal version has', async (tag) => {
    await refused(() => postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 90 }).set('If-Match', tag), 412, 'VERSION_MISMATCH');
  });

  it.each(['3', '"3', '"2", "3"'])('400 for If-Match %s, not one quoted entity tag', async (tag) => {
    await refused(() => postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 90 }).set('If-Match', tag), 400, 'VALIDATION_FAILED');
  });

  it('413 PAYLOAD_TOO_LARGE over the body limit', async () => {
    const note = 'x'.repeat(10_000);
    await refused(() => postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 90, note }), 413, 'PAYLOAD_TOO_LARGE');
  });

  describe('422 RULE_VIOLATED', () => {
    it.each([
      ['acquirer = target', { ...seedDeal, target: { name: 'XAI' } }],
      ['an event after today', { ...seedDeal, occurredOn: '2999-01-01' }],
    ])('refuses a new deal with %s', async (_case, body) => {
      const before = await eventCount(t);
      expectProblem(await t.http.post('/deals').set(auth('analyst')).send(body), 422, 'RULE_VIOLATED');
      expect(await eventCount(t)).toBe(before);
    });

    it.each([
      ['an event dated before the first event', { type: 'priced', occurredOn: '2025-03-27', stakePercent: 50 }],
      ['an event after today', { type: 'priced', occurredOn: '2999-01-01', stakePercent: 50 }],
      ['closing before the announcement', { type: 'closed', occurredOn: '2025-03-27' }],
      ['retracting an unknown event', { type: 'retracted', occurredOn: '2025-04-01', eventId: randomUUID(), reason: 'typo' }],
    ])('refuses %s', async (_case, body) => {
      await refused(() => postEvent(t, dealId, body), 422, 'RULE_VIOLATED');
    });

    it("refuses retracting the deal's first event or a retraction, and retracting twice", async () => {
      const id = await createDeal(t);
      const [first] = (await t.http.get(`/deals/${id}/events`).set(auth('viewer'))).body.items;
      const retractFirst = { type: 'retracted', occurredOn: '2025-04-01', eventId: first.eventId, reason: 'wrong' };
      expectProblem(await postEvent(t, id, retractFirst), 422, 'RULE_VIOLATED');
      const priced = await postEvent(t, id, { type: 'priced', occurredOn: '2025-04-01', stakePercent: 60 });
      const retraction = await postEvent(t, id, { ...retractFirst, eventId: priced.body.eventId });
      expect(retraction.status).toBe(201);
      expectProblem(await postEvent(t, id, { ...retractFirst, eventId: priced.body.eventId }), 422, 'RULE_VIOLATED');
      expectProblem(await postEvent(t, id, { ...retractFirst, eventId: retraction.body.eventId }), 422, 'RULE_VIOLATED');
      expect(await dealVersion(t, id)).toBe(3);
    });
  });

  it('422 IDEMPOTENCY_KEY_REUSED when a key comes back with another body', async () => {
    const key = `k-${randomUUID()}`;
    const first = await postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-02', stakePercent: 80 }).set('Idempotency-Key', key);
    expect(first.status).toBe(201);
    await refused(
      () => postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-02', stakePercent: 81 }).set('Idempotency-Key', key),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it.each([
    ['with a space', 'must be 1–200 visible ASCII characters, no spaces'],
    ['x'.repeat(201), 'must be 1–200 visible ASCII characters, no spaces'],
    ['clé-1', 'must be 1–200 visible ASCII characters, no spaces'],
    ['retry-dt_Qm9vLTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams', 'holds an API key, which is a secret: send a key of your own making, e.g. a UUID'],
  ])('400 for the Idempotency-Key %j, saying what a key must be, not a pattern', async (key, message) => {
    const res = await refused(() => postEvent(t, dealId, { type: 'priced', occurredOn: '2025-04-03', stakePercent: 82 }).set('Idempotency-Key', key), 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message }]);
    expect(res.text).not.toContain('dt_Qm9v');
  });

  it('answers unknown routes with problem details', async () => {
    expectProblem(await t.http.get('/nowhere').set(auth('viewer')), 404, 'NOT_FOUND');
  });
});
