// The synthetic history of shared/samples/README.md posted over REST, and its as-of reads.
import { acmeHistory, acmeRumour, createDeal, postEvent } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

describe('a full deal history', () => {
  let t: TestApp;
  let dealId: string;
  const view = (query = '') => t.http.get(`/deals/${dealId}${query}`).set(auth('viewer'));

  beforeAll(async () => {
    t = await startTestApp();
    dealId = await createDeal(t, acmeRumour);
    for (const event of acmeHistory) await postEvent(t, dealId, event).expect(201);
  });
  afterAll(() => t?.close());

  it('ends closed with the latest terms, the initial ones kept', async () => {
    const { body } = await view().expect(200);
    expect(body).toMatchObject({
      status: 'closed',
      value: { amount: '1400000000', currency: 'GBP' },
      initialValue: { amount: '1200000000', currency: 'GBP' },
      valueUsd: null,
      pricePerShare: { amount: '4.60', currency: 'GBP' },
      initialPricePerShare: { amount: '4.10', currency: 'GBP' },
      consideration: 'cash',
      rumoredOn: '2024-01-10',
      announcedOn: '2024-02-01',
      closedOn: '2024-07-01',
      endedOn: null,
      durationDays: 151,
      contested: false,
      version: 7,
    });
    expect(body.competingBids).toEqual([
      expect.objectContaining({ occurredOn: '2024-03-05', bidder: { companyId: expect.any(String), name: 'Rival plc' }, value: { amount: '1350000000', currency: 'GBP' }, pricePerShare: null }),
    ]);
    expect(body.regulatory).toEqual([
      expect.objectContaining({ authority: 'CMA', jurisdiction: 'GB', decision: 'approved_with_remedies', occurredOn: '2024-05-20' }),
    ]);
    expect(body.shareholderVotes).toEqual([expect.objectContaining({ party: 'target', outcome: 'approved' })]);
    expect(body.acquirer.name).toBe('Acme Corp');
  });

  it('shows the state as of a business date', async () => {
    expect((await view('?asOf=2024-03-01').expect(200)).body).toMatchObject({
      status: 'pending',
      value: { amount: '1200000000', currency: 'GBP' },
      competingBids: [],
      closedOn: null,
    });
    expect((await view('?asOf=2024-01-31').expect(200)).body).toMatchObject({ status: 'rumored', announcedOn: null, value: null });
    const before = await view('?asOf=2024-01-09');
    expect(before.status).toBe(404);
    expect(before.body.code).toBe('DEAL_NOT_FOUND');
  });

  it('shows what was known at a recorded time', async () => {
    const items = (await t.http.get(`/deals/${dealId}/events`).set(auth('viewer')).expect(200)).body.items;
    const afterPriced = items[3].recordedAt;
    const { body } = await view(`?knownAt=${encodeURIComponent(afterPriced)}`).expect(200);
    // Events recorded in the same millisecond as the priced one are known too.
    expect(body.version).toBeGreaterThanOrEqual(4);
    expect(body.status).toBe('pending');
    expect(body.value).toEqual({ amount: '1400000000', currency: 'GBP' });
    const early = new Date(Date.parse(items[0].recordedAt) - 1000).toISOString();
    expect((await view(`?knownAt=${early}`)).status).toBe(404);
  });

  it('refuses a malformed asOf or knownAt', async () => {
    expect((await view('?asOf=2024-13-01')).body.code).toBe('VALIDATION_FAILED');
    expect((await view('?knownAt=yesterday')).body.code).toBe('VALIDATION_FAILED');
  });
});
