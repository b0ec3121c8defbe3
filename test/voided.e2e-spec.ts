// A deal entered twice (or by mistake) can be taken out of every number with a `voided` event, and put back by
// retracting it. POST /deals names the deals a new one may duplicate.
import { randomUUID } from 'node:crypto';
import { postEvent, seedDeal } from './support/deals.js';
import { waitFor } from './support/wait-for.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

describe('voided deals', () => {
  let t: TestApp;
  let original: string;
  let duplicate: string;
  let possibleDuplicates: string[];
  let voiding: string;
  const get = (path: string) => t.http.get(path).set(auth('viewer')).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    original = (await t.http.post('/deals').set(auth('analyst')).send(seedDeal).expect(201)).body.dealId;
    // The same deal entered again by another analyst, from another source, with the names spelt differently.
    const again = { ...seedDeal, acquirer: { name: 'XAI' }, target: { name: 'X CORP' }, source: { publisher: 'Reuters' } };
    const created = (await t.http.post('/deals').set(auth('analyst')).send(again).expect(201)).body;
    [duplicate, possibleDuplicates] = [created.dealId, created.possibleDuplicates];
    voiding = (await postEvent(t, duplicate, { type: 'voided', occurredOn: '2025-03-29', reason: 'Entered twice', duplicateOf: original.toUpperCase() }).expect(201)).body.eventId;
  });
  afterAll(() => t?.close());

  it('POST /deals names the deals with the same acquirer and target companies', () => {
    expect(possibleDuplicates).toEqual([original]);
  });

  it('still answers the voided deal itself, saying why', async () => {
    const view = (await get(`/deals/${duplicate}`)).body;
    expect(view).toMatchObject({ status: 'voided', voided: { eventId: voiding, reason: 'Entered twice', duplicateOf: original } });
  });

  it('counts it nowhere: deal list, pipeline, league tables, volume statistics, company profiles', async () => {
    expect((await get('/deals')).body.items.map((d: { dealId: string }) => d.dealId)).toEqual([original]);
    expect((await get('/deals?status=voided')).body.items.map((d: { dealId: string }) => d.dealId)).toEqual([duplicate]);
    expect((await get('/pipeline')).body.items.map((d: { dealId: string }) => d.dealId)).toEqual([original]);
    expect((await get('/league-tables/acquirers')).body.items).toMatchObject([{ dealCount: 1, valueUsd: '45000000000' }]);
    expect((await get('/stats/volume?interval=year')).body.items).toMatchObject([{ period: '2025', dealCount: 1, valueUsd: '45000000000' }]);
    const acquirer = (await get(`/deals/${original}`)).body.acquirer.companyId;
    expect((await get(`/companies/${acquirer}`)).body.roles.acquirer).toMatchObject({
      dealCount: 1,
      valueUsd: '45000000000',
      dealCountByStatus: { pending: 1, voided: 1 },
      deals: [{ dealId: original }],
    });
    expect((await t.http.post('/deals').set(auth('analyst')).send(seedDeal).expect(201)).body.possibleDuplicates).toEqual([original]);
  });

  it('keeps its events in the log and the feed', async () => {
    // On a shared PostgreSQL server other databases' transactions briefly hold the gap-safe feed back: wait for it.
    const inFeed = async () => (await get('/events?limit=200')).body.items.some((e: { eventId: string }) => e.eventId === voiding);
    await waitFor(inFeed, 'the voiding in the feed');
    expect((await get(`/deals/${duplicate}/events`)).body.items.map((e: { type: string }) => e.type)).toEqual(['announced', 'voided']);
  });

  it('takes nothing after the voiding but its retraction, which puts the deal back', async () => {
    const refused = await postEvent(t, duplicate, { type: 'closed', occurredOn: '2025-03-30' }).expect(409);
    expect(refused.body.code).toBe('INVALID_TRANSITION');
    await postEvent(t, duplicate, { type: 'retracted', occurredOn: '2025-03-30', eventId: voiding, reason: 'not a duplicate after all' }).expect(201);
    expect((await get(`/deals/${duplicate}`)).body).toMatchObject({ status: 'pending', voided: null });
    // The original, the seed posted again above, and this one again.
    expect((await get('/league-tables/acquirers')).body.items).toMatchObject([{ dealCount: 3 }]);
  });
});

describe('the lifecycle in business-date order, over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function closedDeal() {
    const dealId = randomUUID();
    await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, occurredOn: '2025-01-10', dealId }).expect(201);
    await postEvent(t, dealId, { type: 'closed', occurredOn: '2025-06-30' }).expect(201);
    return dealId;
  }

  it('back-fills a regulatory approval dated before the close of a closed deal', async () => {
    const dealId = await closedDeal();
    await postEvent(t, dealId, { type: 'regulatory', occurredOn: '2025-05-02', authority: 'European Commission', decision: 'approved' }).expect(201);
    const view = (await t.http.get(`/deals/${dealId}`).set(auth('viewer'))).body;
    expect(view).toMatchObject({ status: 'closed', closedOn: '2025-06-30', regulatory: [{ authority: 'European Commission' }] });
  });

  it('refuses a shareholder vote dated after the close (409), and retracting the announcement of a closed deal (422)', async () => {
    const dealId = await closedDeal();
    const vote = await postEvent(t, dealId, { type: 'shareholder_vote', occurredOn: '2025-07-01', party: 'target', outcome: 'approved' }).expect(409);
    expect(vote.body.code).toBe('INVALID_TRANSITION');
    const [announcement] = (await t.http.get(`/deals/${dealId}/events`).set(auth('viewer'))).body.items;
    const retraction = await postEvent(t, dealId, { type: 'retracted', occurredOn: '2025-07-01', eventId: announcement.eventId, reason: 'x' }).expect(422);
    expect(retraction.body.code).toBe('RULE_VIOLATED');
    expect((await t.http.get(`/deals/${dealId}`).set(auth('viewer'))).body).toMatchObject({ status: 'closed', announcedOn: '2025-01-10' });
  });

  it("refuses parties that cannot be: a competing bid by the deal's own acquirer, a seller that is the target", async () => {
    const dealId = randomUUID();
    await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, dealId }).expect(201);
    const bid = await postEvent(t, dealId, { type: 'competing_bid', occurredOn: '2025-04-01', bidder: { name: 'xAI' } }).expect(422);
    expect(bid.body.code).toBe('RULE_VIOLATED');
    const seller = await t.http.post('/deals').set(auth('analyst')).send({ ...seedDeal, seller: { name: 'X Corp' } }).expect(422);
    expect(seller.body.code).toBe('RULE_VIOLATED');
  });

  it('says a deal starts with a rumour or an announcement when POST /deals gets another type', async () => {
    const res = await t.http.post('/deals').set(auth('analyst')).send({ type: 'closed', occurredOn: '2025-03-28' }).expect(409);
    expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', detail: 'A deal starts with a "rumored" or "announced" event, not "closed".' });
  });
});
