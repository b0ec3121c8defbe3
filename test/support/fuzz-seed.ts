// The fuzz database's known state: a handful of real deals in different statuses, posted over REST as an analyst
// would, and the valid bodies the fuzzer starts its mutations from (each one valid per the HTTP contract on its own).
import { acmeHistory, acmeRumour, seedDeal } from './deals.js';
import type { FuzzOperation } from './fuzz-openapi.js';
import { type FuzzContext, type IssuedCursor, kindOf } from './fuzz-params.js';
import { type TestApp, auth } from './test-app.js';

/** First events, valid for POST /deals. */
export const FIRST_EVENTS: object[] = [
  seedDeal, // xAI buys X, the shared sample (shared/samples/xai-x-announced.json)
  acmeRumour,
  acmeHistory[0],
  {
    type: 'announced',
    occurredOn: '2022-01-18',
    acquirer: { name: 'Microsoft' },
    target: { name: 'Activision Blizzard' },
    dealType: 'acquisition',
    consideration: 'cash',
    value: { amount: '68700000000', currency: 'USD' },
    pricePerShare: { amount: '95.00', currency: 'USD' },
    source: { publisher: 'Microsoft News Center', url: 'https://news.microsoft.com/2022/01/18/', language: 'en' },
  },
  {
    type: 'announced',
    occurredOn: '2022-09-15',
    acquirer: { name: 'Adobe' },
    target: { name: 'Figma' },
    consideration: 'mixed',
    value: { amount: '20000000000', currency: 'USD' },
    note: 'Half cash, half stock.',
  },
  {
    type: 'rumored',
    occurredOn: '2022-01-15',
    acquirer: { name: 'Unilever' },
    target: { name: 'GSK Consumer Healthcare' },
    seller: { name: 'GSK' },
    value: { amount: '50000000000', currency: 'GBP' },
    source: { publisher: 'Sunday Times', language: 'en-GB' },
  },
  {
    type: 'announced',
    occurredOn: '2023-06-14',
    acquirer: { name: 'Vodafone' },
    target: { name: 'Three UK' },
    seller: { name: 'CK Hutchison' },
    dealType: 'merger',
    stakePercent: 51,
    value: { amount: '15000000000', currency: 'GBP' },
    equivalents: [{ amount: '19000000000', currency: 'USD' }],
  },
];

/** Later events that leave a pending deal pending: the valid requests the header and path families damage. */
export function eventsThatKeepADealOpen(retractableEventId: string): object[] {
  const ending = ['closed', 'terminated', 'withdrawn', 'retracted'];
  return laterEvents(retractableEventId).filter((event) => !ending.includes((event as { type: string }).type));
}

/** Later events, valid for POST /deals/{dealId}/events on a pending deal (dated after every seeded first event). */
export function laterEvents(retractableEventId: string): object[] {
  return [
    ...acmeHistory.slice(1).map((event) => ({ ...event, occurredOn: '2026-02-02' })),
    { type: 'priced', occurredOn: '2026-03-01', stakePercent: 75.5, consideration: 'stock' },
    { type: 'regulatory', occurredOn: '2026-03-02', authority: 'CMA', jurisdiction: 'GB', decision: 'blocked', note: 'Phase 2 block.' },
    { type: 'termination_attempted', occurredOn: '2026-03-03', by: 'acquirer', reason: 'Material adverse change claimed.' },
    { type: 'terminated', occurredOn: '2026-03-04', reason: 'Regulatory block', terminationFee: { amount: '1000000000', currency: 'USD' } },
    { type: 'withdrawn', occurredOn: '2026-03-05', reason: 'Bidder walked away' },
    { type: 'closed', occurredOn: '2026-03-06', finalValue: { amount: '69000000000', currency: 'USD' } },
    { type: 'retracted', occurredOn: '2026-03-07', eventId: retractableEventId, reason: 'Wrong deal' },
  ];
}

export const FX_JSON_BODIES: object[] = [
  { rates: [{ date: '2024-01-31', currency: 'GBP', usd: '1.2712' }] },
  {
    rates: [
      { date: '2023-06-14', currency: 'GBP', usd: '1.2645' },
      { date: '2022-01-14', currency: 'GBP', usd: '1.3677' },
      { date: '2023-06-14', currency: 'EUR', usd: '1.0842' },
    ],
  },
];

/** ECB layout: units per EUR. */
export const FX_CSV_BODIES: string[] = [
  'Date,USD,JPY,GBP,CHF,\n2024-02-01,1.0826,159.17,0.85255,0.9339,\n2024-01-31,1.0837,159.54,0.85195,N/A,\n',
  'Date, USD, GBP\n30 January 2024, 1.0846, 0.85350\n',
];

/** A new pending deal (a fresh one per batch, so that valid writes are not all refused by a closed deal). */
export async function createPendingDeal(t: TestApp, n: number): Promise<string> {
  const announced = FIRST_EVENTS.filter((event) => (event as { type: string }).type === 'announced');
  const res = await t.http.post('/deals').set(auth('analyst')).send(announced[n % announced.length]).expect(201);
  return res.body.dealId;
}

export interface SeededState {
  dealIds: string[];
  /** An event the fuzzer's `retracted` base body may retract. */
  retractableEventId: string;
}

/** Creates the deals (some later events too, so statuses vary: rumored, pending, closed, terminated). */
export async function seedFuzzDeals(t: TestApp): Promise<SeededState> {
  const post = async (path: string, body: object) => (await t.http.post(path).set(auth('analyst')).send(body).expect(201)).body;
  const dealIds: string[] = [];
  for (const first of FIRST_EVENTS) dealIds.push((await post('/deals', first)).dealId);
  const [, , acme, microsoft, adobe] = dealIds;
  let retractableEventId = '';
  for (const event of acmeHistory.slice(1)) {
    const written = await post(`/deals/${acme}/events`, event);
    if (event.type === 'competing_bid') retractableEventId = written.eventId;
  }
  await post(`/deals/${microsoft}/events`, { type: 'regulatory', occurredOn: '2023-04-26', authority: 'CMA', decision: 'blocked' });
  await post(`/deals/${adobe}/events`, {
    type: 'terminated',
    occurredOn: '2023-12-18',
    reason: 'No clear path to regulatory approval',
    terminationFee: { amount: '1000000000', currency: 'USD' },
  });
  return { dealIds, retractableEventId };
}

/** Ids and real cursors to mix into the fuzz: a request naming something that exists gets further in. */
export async function learnContext(t: TestApp, ops: FuzzOperation[], seeded: SeededState): Promise<FuzzContext> {
  const get = async (path: string) => {
    const res = await t.http.get(path).set(auth('admin'));
    return res.status === 200 ? res.body : undefined;
  };
  const companies: { companyId: string; name: string }[] = (await get('/companies?limit=200'))?.items ?? [];
  const cursors: IssuedCursor[] = [];
  const listing = seeded.dealIds[2]; // the Acme deal has a long timeline
  for (const op of ops.filter((o) => o.method === 'GET' && !o.streams)) {
    const param = op.queryParams.find((p) => kindOf(p) === 'cursor');
    if (!param) continue;
    const path = op.pathParams.reduce((p, pathParam) => p.replace(`{${pathParam.name}}`, listing), op.path);
    for (const query of cursorQueries(op)) {
      const nextCursor = (await get(`${path}?${query}`))?.nextCursor;
      if (typeof nextCursor === 'string') cursors.push({ opKey: op.key, param: param.name, path, query, cursor: nextCursor });
    }
  }
  return {
    dealIds: seeded.dealIds,
    companyIds: companies.map((c) => c.companyId),
    companyNames: companies.map((c) => c.name),
    cursors,
  };
}

/** limit=1 and a wide date range, once per value of the first enum parameter (each sort has its own cursor). */
function cursorQueries(op: FuzzOperation): string[] {
  const fixed = op.queryParams
    .map((p) => (p.name === 'limit' ? 'limit=1' : p.name === 'from' ? 'from=2000-01-01' : p.name === 'to' ? 'to=2026-11-01' : ''))
    .filter(Boolean);
  const firstEnum = op.queryParams.find((p) => kindOf(p) === 'enum');
  const variants: string[] = firstEnum ? firstEnum.schema.enum.map((v: string) => `${firstEnum.name}=${encodeURIComponent(v)}`) : [''];
  return variants.map((v) => [...fixed, v].filter(Boolean).join('&'));
}
