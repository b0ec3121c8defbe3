import { readFileSync } from 'node:fs';
import type { TestApp } from './test-app.js';
import { auth } from './test-app.js';

export const seedDeal = JSON.parse(readFileSync(new URL('../fixtures/xai-x-announced.json', import.meta.url), 'utf8'));

/** The synthetic history of shared/samples/README.md, after its first event. */
export const acmeRumour = {
  type: 'rumored',
  occurredOn: '2024-01-10',
  acquirer: { name: 'Acme Corp' },
  target: { name: 'Widget Ltd' },
};

export const acmeHistory = [
  {
    type: 'announced',
    occurredOn: '2024-02-01',
    acquirer: { name: 'Acme Corp' },
    target: { name: 'Widget Ltd' },
    value: { amount: '1200000000', currency: 'GBP' },
    pricePerShare: { amount: '4.10', currency: 'GBP' },
    consideration: 'cash',
  },
  { type: 'competing_bid', occurredOn: '2024-03-05', bidder: { name: 'Rival plc' }, value: { amount: '1350000000', currency: 'GBP' } },
  {
    type: 'priced',
    occurredOn: '2024-03-12',
    value: { amount: '1400000000', currency: 'GBP' },
    pricePerShare: { amount: '4.60', currency: 'GBP' },
  },
  { type: 'regulatory', occurredOn: '2024-05-20', authority: 'CMA', jurisdiction: 'GB', decision: 'approved_with_remedies' },
  { type: 'shareholder_vote', occurredOn: '2024-06-03', party: 'target', outcome: 'approved' },
  { type: 'closed', occurredOn: '2024-07-01' },
];

export const usd = (amount: string) => ({ amount, currency: 'USD' });

/** An announcement with a USD value: the first event of a real deal, as a test needs no more of it. */
export const announced = (occurredOn: string, acquirer: string, target: string, amount: string) => ({
  type: 'announced',
  occurredOn,
  acquirer: { name: acquirer },
  target: { name: target },
  value: usd(amount),
});

/** Broadcom–VMware, 26 May 2022: USD 61bn for the equity, USD 69bn with VMware's net debt. */
export const broadcomVmware = {
  ...announced('2022-05-26', 'Broadcom Inc.', 'VMware, Inc.', '61000000000'),
  equityValue: usd('61000000000'),
  enterpriseValue: usd('69000000000'),
};

/** Microsoft–Activision Blizzard, 18 January 2022: USD 68.7bn, no enterprise value reported. */
export const microsoftActivision = announced('2022-01-18', 'Microsoft Corporation', 'Activision Blizzard, Inc.', '68700000000');

export async function createDeal(t: TestApp, body: object = seedDeal): Promise<string> {
  const res = await t.http.post('/deals').set(auth('analyst')).send(body).expect(201);
  return res.body.dealId;
}

export function postEvent(t: TestApp, dealId: string, body: object) {
  return t.http.post(`/deals/${dealId}/events`).set(auth('analyst')).send(body);
}

export async function dealVersion(t: TestApp, dealId: string): Promise<number> {
  const res = await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200);
  return res.body.version;
}

export async function eventCount(t: TestApp): Promise<number> {
  const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM events');
  return row.n;
}
