// The v1.1 terms over HTTP: enterprise and equity values, cash share, exchange ratio, premium, break fees, expected
// close and outside date, attitude and offer structure, each tracked with its initial* twin; who paid a termination
// fee; a regulator's challenge and remedies; jurisdictions as ISO codes. Refusals name the field and append nothing.
import { createDeal, eventCount, postEvent } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

const usd = (amount: string) => ({ amount, currency: 'USD' });

/** Pfizer–Seagen as announced on 13 March 2023. */
const pfizerSeagen = {
  type: 'announced',
  occurredOn: '2023-03-13',
  acquirer: { name: 'Pfizer Inc.' },
  target: { name: 'Seagen Inc.' },
  value: usd('43000000000'),
  enterpriseValue: usd('43000000000'),
  equityValue: usd('43400000000'),
  pricePerShare: usd('229'),
  consideration: 'cash',
  cashPercent: 100,
  premiumPercent: '32.7',
  targetTerminationFee: usd('1640000000'),
  reverseTerminationFee: usd('2200000000'),
  expectedCloseOn: '2024-03-31',
  outsideDate: '2024-03-13',
  attitude: 'friendly',
  offerStructure: 'one_step_merger',
  stakeHeldBeforePercent: 0,
};

describe('deal terms (v1.1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const view = async (dealId: string) => (await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200)).body;

  it('keeps every term of the announcement, current and initial, and moves only what a later event changes', async () => {
    const dealId = await createDeal(t, pfizerSeagen);
    expect(await view(dealId)).toMatchObject({
      enterpriseValue: usd('43000000000'),
      initialEnterpriseValue: usd('43000000000'),
      equityValue: usd('43400000000'),
      cashPercent: 100,
      premiumPercent: '32.7',
      targetTerminationFee: usd('1640000000'),
      reverseTerminationFee: usd('2200000000'),
      expectedCloseOn: '2024-03-31',
      initialExpectedCloseOn: '2024-03-31',
      outsideDate: '2024-03-13',
      attitude: 'friendly',
      offerStructure: 'one_step_merger',
      stakeHeldBeforePercent: 0,
      exchangeRatio: null,
      initialExchangeRatio: null,
    });
    // The close was brought forward; a priced event may carry nothing but that.
    await postEvent(t, dealId, { type: 'priced', occurredOn: '2023-10-02', expectedCloseOn: '2023-12-14' }).expect(201);
    expect(await view(dealId)).toMatchObject({ expectedCloseOn: '2023-12-14', initialExpectedCloseOn: '2024-03-31', value: usd('43000000000') });
    const timeline = (await t.http.get(`/deals/${dealId}/events`).set(auth('viewer')).expect(200)).body.items;
    expect(timeline[0]).toMatchObject({ type: 'announced', reverseTerminationFee: usd('2200000000'), attitude: 'friendly' });
  });

  it('takes a regulator that challenges the deal (not terminal), with its jurisdiction upper-cased, and remedies', async () => {
    const dealId = await createDeal(t, { ...pfizerSeagen, acquirer: { name: 'Challenger Co' }, target: { name: 'Challenged Co' } });
    await postEvent(t, dealId, { type: 'regulatory', occurredOn: '2023-06-01', authority: 'FTC', jurisdiction: 'us', decision: 'challenged' }).expect(201);
    const remedies = 'Divest the oncology business';
    await postEvent(t, dealId, { type: 'regulatory', occurredOn: '2023-09-01', authority: 'European Commission', jurisdiction: 'EU', decision: 'approved_with_remedies', remedies }).expect(201);
    const challenged = await view(dealId);
    expect(challenged.status).toBe('pending');
    expect(challenged.regulatory).toEqual([
      expect.objectContaining({ authority: 'FTC', jurisdiction: 'US', decision: 'challenged', remedies: null }),
      expect.objectContaining({ jurisdiction: 'EU', decision: 'approved_with_remedies', remedies }),
    ]);
    await postEvent(t, dealId, { type: 'closed', occurredOn: '2023-12-14' }).expect(201);
  });

  it('keeps who paid the fee on a termination', async () => {
    const dealId = await createDeal(t, { ...pfizerSeagen, acquirer: { name: 'Walkaway Co' }, target: { name: 'Jilted Co' } });
    await postEvent(t, dealId, { type: 'terminated', occurredOn: '2023-11-01', terminationFee: usd('2200000000'), feePaidBy: 'acquirer' }).expect(201);
    expect(await view(dealId)).toMatchObject({ status: 'terminated', terminationFee: usd('2200000000'), feePaidBy: 'acquirer' });
  });

  it.each([
    ['an enterprise value as a number', { enterpriseValue: 43000000000 }, 'enterpriseValue'],
    ['a cash share over 100', { cashPercent: 120 }, 'cashPercent'],
    ['an exchange ratio of zero', { exchangeRatio: '0' }, 'exchangeRatio'],
    ['a premium as a number', { premiumPercent: 32.7 }, 'premiumPercent'],
    ['a fee in a lower-case currency', { targetTerminationFee: { amount: '1', currency: 'usd' } }, 'targetTerminationFee.currency'],
    ['an outside date that is no day', { outsideDate: '2024-02-30' }, 'outsideDate'],
    ['an unknown attitude', { attitude: 'angry' }, 'attitude'],
    ['an unknown offer structure', { offerStructure: 'auction' }, 'offerStructure'],
  ])('refuses %s with a 400 naming the field, appending nothing', async (_what, terms, field) => {
    const dealId = await createDeal(t, { ...pfizerSeagen, acquirer: { name: `Refused ${field}` } });
    const before = await eventCount(t);
    const res = await postEvent(t, dealId, { type: 'priced', occurredOn: '2023-04-01', ...terms }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    expect(await eventCount(t)).toBe(before);
  });

  it('refuses a jurisdiction that is no ISO code, remedies with another decision, and a stake held of 100 %', async () => {
    const dealId = await createDeal(t, { ...pfizerSeagen, acquirer: { name: 'Refusals Co' } });
    const regulatory = { type: 'regulatory', occurredOn: '2023-05-01', authority: 'CMA' };
    const uk = await postEvent(t, dealId, { ...regulatory, jurisdiction: 'UK', decision: 'approved' }).expect(400);
    expect(uk.body.errors).toEqual([{ field: 'jurisdiction', message: 'jurisdiction must be an ISO 3166-1 alpha-2 country code or EU, e.g. "GB"' }]);
    const remedies = await postEvent(t, dealId, { ...regulatory, decision: 'approved', remedies: 'none' }).expect(400);
    expect(remedies.body.errors).toEqual([{ field: 'remedies', message: 'remedies go with the decision approved_with_remedies only' }]);
    const stake = await t.http.post('/deals').set(auth('analyst')).send({ ...pfizerSeagen, stakeHeldBeforePercent: 100 }).expect(400);
    expect(stake.body.errors).toEqual([expect.objectContaining({ field: 'stakeHeldBeforePercent' })]);
  });
});
