// The dashboard's forms are drawn from the server's own OpenAPI document (src/ui/web/openapi.ts): every event type the
// API takes is offered, and what the forms send from filled-in fields is what the server accepts.
import { type Document, eventSchemas, toBody } from '../src/ui/web/openapi.js';
import { createDeal, seedDeal } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

describe('the forms drawn from /openapi.json', () => {
  let t: TestApp;
  let doc: Document;
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('offers the first events on a new deal, and every later event type on a deal', () => {
    expect(Object.keys(eventSchemas(doc, 'start')).sort()).toEqual(['announced', 'rumored']);
    expect(Object.keys(eventSchemas(doc, 'record')).sort()).toEqual([
      'advisor_retained', 'announced', 'closed', 'competing_bid', 'priced', 'regulatory', 'retracted',
      'shareholder_vote', 'terminated', 'termination_attempted', 'voided', 'withdrawn',
    ]);
    const announced = eventSchemas(doc, 'start').announced;
    expect(announced.required).toEqual(expect.arrayContaining(['occurredOn', 'acquirer', 'target']));
    expect(announced.properties?.value).toBeDefined();
  });

  it('builds bodies the server accepts: nested groups, lists, numbers, and nothing for the fields left empty', async () => {
    const start = eventSchemas(doc, 'start').announced;
    const body = toBody(doc, start, 'announced', {
      occurredOn: '2022-05-26',
      'acquirer.name': 'Broadcom Inc.',
      'target.name': 'VMware, Inc.',
      'value.amount': '61000000000',
      'value.currency': 'USD',
      'equivalents.0.amount': '',
      'equivalents.1.amount': '57000000000',
      'equivalents.1.currency': 'EUR',
      cashPercent: '50',
      exchangeRatio: '0.252',
      note: '   ',
    });
    expect(body).toEqual({
      type: 'announced',
      occurredOn: '2022-05-26',
      acquirer: { name: 'Broadcom Inc.' },
      target: { name: 'VMware, Inc.' },
      value: { amount: '61000000000', currency: 'USD' },
      equivalents: [{ amount: '57000000000', currency: 'EUR' }],
      cashPercent: 50,
      exchangeRatio: '0.252',
    });
    const dealId = (await t.http.post('/deals').set(auth('analyst')).send(body).expect(201)).body.dealId;
    const deal = (await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200)).body;
    expect([deal.value, deal.cashPercent, deal.exchangeRatio]).toEqual([{ amount: '61000000000', currency: 'USD' }, 50, '0.252']);
  });

  it('sends a later event the same way, and the server names the field a form left out', async () => {
    const dealId = await createDeal(t, seedDeal);
    const closed = eventSchemas(doc, 'record').closed;
    const missing = await t.http.post(`/deals/${dealId}/events`).set(auth('analyst')).send(toBody(doc, closed, 'closed', {})).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'occurredOn' })]);
    await t.http
      .post(`/deals/${dealId}/events`)
      .set(auth('analyst'))
      .set('If-Match', '"1"')
      .send(toBody(doc, closed, 'closed', { occurredOn: '2025-10-28', 'finalValue.amount': '44000000000', 'finalValue.currency': 'USD' }))
      .expect(201);
    expect((await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200)).body.value).toEqual({ amount: '44000000000', currency: 'USD' });
  });
});
