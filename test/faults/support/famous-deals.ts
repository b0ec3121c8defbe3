// Deal histories as an analyst posts them (price bumps, rival bids, regulators, votes, an ending), generated
// without limit from a few famous deals so writers can keep posting for as long as a fault test runs.

interface FamousDeal {
  acquirer: string;
  target: string;
  currency: string;
  /** A whole number of currency units, as a decimal string. */
  value: string;
  announcedOn: string;
  rival: string;
  regulator: { authority: string; jurisdiction: string };
  ending: 'closed' | 'terminated' | 'withdrawn';
}

const FAMOUS: FamousDeal[] = [
  { acquirer: 'Microsoft', target: 'Activision Blizzard', currency: 'USD', value: '68700000000', announcedOn: '2022-01-18', rival: 'Sony', regulator: { authority: 'CMA', jurisdiction: 'GB' }, ending: 'closed' },
  { acquirer: 'Adobe', target: 'Figma', currency: 'USD', value: '20000000000', announcedOn: '2022-09-15', rival: 'Salesforce', regulator: { authority: 'European Commission', jurisdiction: 'EU' }, ending: 'terminated' },
  { acquirer: 'Takeda', target: 'Shire', currency: 'GBP', value: '46000000000', announcedOn: '2018-05-08', rival: 'Allergan', regulator: { authority: 'European Commission', jurisdiction: 'EU' }, ending: 'closed' },
  { acquirer: 'Kraft Heinz', target: 'Unilever', currency: 'USD', value: '143000000000', announcedOn: '2017-02-17', rival: 'Nestlé', regulator: { authority: 'CMA', jurisdiction: 'GB' }, ending: 'withdrawn' },
  { acquirer: 'Bayer', target: 'Monsanto', currency: 'USD', value: '66000000000', announcedOn: '2016-09-14', rival: 'BASF', regulator: { authority: 'DOJ', jurisdiction: 'US' }, ending: 'closed' },
  { acquirer: 'Vivendi', target: 'Lagardère', currency: 'EUR', value: '610000000', announcedOn: '2021-12-15', rival: 'Amber Capital', regulator: { authority: 'European Commission', jurisdiction: 'EU' }, ending: 'closed' },
  { acquirer: 'Nippon Steel', target: 'U.S. Steel', currency: 'USD', value: '14900000000', announcedOn: '2023-12-18', rival: 'Cleveland-Cliffs', regulator: { authority: 'CFIUS', jurisdiction: 'US' }, ending: 'closed' },
  { acquirer: 'Toshiba', target: 'Westinghouse', currency: 'JPY', value: '540000000000', announcedOn: '2006-02-06', rival: 'General Electric', regulator: { authority: 'NRC', jurisdiction: 'US' }, ending: 'closed' },
];

export const famousDeal = (n: number): FamousDeal => FAMOUS[n % FAMOUS.length];

/** Kraft Heinz's approach to Unilever never got past a rumour: it was withdrawn two days later. */
const isRumour = (deal: FamousDeal) => deal.ending === 'withdrawn';

/** The deal's first event; `round` tells apart the many deals a writer posts from one template. */
export function announcement(deal: FamousDeal, round: number): object {
  return {
    type: isRumour(deal) ? 'rumored' : 'announced',
    occurredOn: deal.announcedOn,
    acquirer: { name: deal.acquirer },
    target: { name: deal.target },
    consideration: 'cash',
    value: { amount: deal.value, currency: deal.currency },
    source: { publisher: 'Reuters', language: 'en' },
    note: `fault-test round ${round}`,
  };
}

/**
 * Event `step` (0-based) of a deal that stays open: a price bump, a rival bid or a regulator's step, in turn.
 * Dates move forward a day per step so the history reads like one.
 */
export function openDealEvent(deal: FamousDeal, step: number): object {
  // Wraps after 500 days: a business date may not lie in the future, and need not be later than the last one.
  const occurredOn = addDays(deal.announcedOn, (step % 500) + 1);
  const bumped = { amount: (BigInt(deal.value) + BigInt(step + 1) * (BigInt(deal.value) / 200n)).toString(), currency: deal.currency };
  // A rumour takes only price talk: rival bids and regulators come once a deal is announced.
  if (isRumour(deal)) return { type: 'priced', occurredOn, value: bumped, source: { publisher: 'Bloomberg', language: 'en' } };
  switch (step % 4) {
    case 0:
      return { type: 'priced', occurredOn, value: bumped, source: { publisher: 'Financial Times', language: 'en' } };
    case 1:
      return { type: 'competing_bid', occurredOn, bidder: { name: deal.rival }, value: bumped };
    case 2:
      return { type: 'regulatory', occurredOn, ...deal.regulator, decision: step % 8 === 2 ? 'filed' : 'referred' };
    default:
      return { type: 'regulatory', occurredOn, authority: 'Bundeskartellamt', jurisdiction: 'DE', decision: 'approved' };
  }
}

/** A whole history after the first event: `length` open-deal events, a vote, then the deal's ending. */
export function history(deal: FamousDeal, length: number): object[] {
  const events = Array.from({ length }, (_, step) => openDealEvent(deal, step));
  const lastDay = addDays(deal.announcedOn, length + 2);
  if (deal.ending === 'withdrawn') return [...events, { type: 'withdrawn', occurredOn: lastDay, reason: 'target rejected the approach' }];
  const vote = { type: 'shareholder_vote', occurredOn: addDays(deal.announcedOn, length + 1), party: 'target', outcome: 'approved' };
  if (deal.ending === 'terminated') {
    const fee = { amount: (BigInt(deal.value) / 20n).toString(), currency: deal.currency };
    return [...events, vote, { type: 'terminated', occurredOn: lastDay, reason: 'no clear path to approval', terminationFee: fee }];
  }
  return [...events, vote, { type: 'closed', occurredOn: lastDay }];
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type Post = (path: string, body: object) => Promise<{ dealId: string } | null>;

/**
 * One analyst: deal after deal, each from its first event to its ending, until `stopAt`. Stops early when a write
 * is not acknowledged (given up on, or refused: the ledger has it), since the rest of that history would not apply.
 */
export async function writeDealHistories(post: Post, writer: number, stopAt: number, eventsPerDeal = 8): Promise<void> {
  for (let round = 0; Date.now() < stopAt; round++) {
    const deal = famousDeal(writer + round);
    const created = await post('/deals', announcement(deal, round));
    if (!created) return;
    for (const event of history(deal, eventsPerDeal)) {
      if (Date.now() >= stopAt || !(await post(`/deals/${created.dealId}/events`, event))) return;
    }
  }
}
