// fast-check generators of deal histories: plausible events in random order. Not every generated event is valid
// for the deal's state at that point; the write path refuses those, which is part of what the property exercises.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { DealWriter } from '../../src/deals/commands/deal-writer.js';
import type { DealCommand } from '../../src/deals/domain/deal.commands.js';
import { DealDomainError } from '../../src/deals/domain/deal.errors.js';
import type { DealEventInput } from '../../src/deals/domain/deal.events.js';

const PARTIES = ['Acme Corp', 'ACME corp.', 'Widget Ltd', 'Rival plc', 'Globex', 'Initech', 'Société Générale'];
const CURRENCIES = ['USD', 'GBP', 'EUR', 'JPY'];

const day = fc.integer({ min: 0, max: 700 }).map((n) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const party = fc.constantFrom(...PARTIES).map((name) => ({ name }));
const amount = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }))
  .map(([whole, cents]) => (cents === undefined ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`));
const money = fc.record({ amount, currency: fc.constantFrom(...CURRENCIES) });
const terms = fc.record(
  {
    value: money,
    pricePerShare: fc.record({ amount: fc.constantFrom('4.10', '4.60', '12', '101.25'), currency: fc.constantFrom(...CURRENCIES) }),
    consideration: fc.constantFrom('cash', 'stock', 'mixed'),
    stakePercent: fc.constantFrom(10, 50, 100),
    equivalents: fc.constant([{ amount: '1000000', currency: 'USD' }]),
  },
  { requiredKeys: [] },
);

const opening = fc.oneof(
  fc.tuple(fc.constantFrom('rumored', 'announced'), day, party, party, terms).map(([type, occurredOn, acquirer, target, t]) => ({
    type,
    occurredOn,
    acquirer,
    target,
    ...t,
  })),
);

/** `retract` picks one of the deal's earlier events by index when the history is posted. */
export type GeneratedEvent = Record<string, unknown> & { retract?: number };

const later: fc.Arbitrary<GeneratedEvent> = fc.oneof(
  fc.tuple(day, party, party, terms).map(([occurredOn, acquirer, target, t]) => ({ type: 'announced', occurredOn, acquirer, target, ...t })),
  fc.tuple(day, terms).map(([occurredOn, t]) => ({ type: 'priced', occurredOn, stakePercent: 75, ...t })),
  fc.tuple(day, party, terms).map(([occurredOn, bidder, t]) => ({ type: 'competing_bid', occurredOn, bidder, ...t })),
  fc.tuple(day, fc.constantFrom('filed', 'approved', 'blocked', 'referred')).map(([occurredOn, decision]) => ({
    type: 'regulatory',
    occurredOn,
    authority: 'CMA',
    decision,
  })),
  fc.tuple(day, fc.constantFrom('target', 'acquirer'), fc.constantFrom('approved', 'rejected')).map(([occurredOn, p, outcome]) => ({
    type: 'shareholder_vote',
    occurredOn,
    party: p,
    outcome,
  })),
  day.map((occurredOn) => ({ type: 'termination_attempted', occurredOn, by: 'target' })),
  fc.tuple(day, fc.option(money, { nil: undefined })).map(([occurredOn, finalValue]) => ({ type: 'closed', occurredOn, ...(finalValue ? { finalValue } : {}) })),
  day.map((occurredOn) => ({ type: 'terminated', occurredOn, terminationFee: { amount: '1000000', currency: 'USD' } })),
  day.map((occurredOn) => ({ type: 'withdrawn', occurredOn })),
  fc.tuple(day, fc.nat(20)).map(([occurredOn, retract]) => ({ type: 'retracted', occurredOn, reason: 'correction', retract })),
);

export const dealHistory = fc.record({ first: opening, rest: fc.array(later, { maxLength: 12 }) });
export const dealHistories = fc.array(dealHistory, { minLength: 1, maxLength: 4 });

/** FX loads: rates for the deal currencies on random dates (unique per load, as the API requires). */
export const fxLoads = fc.array(
  fc.uniqueArray(
    fc.record({
      date: day,
      currency: fc.constantFrom('GBP', 'EUR', 'JPY'),
      usd: fc.constantFrom('1.2712', '1.0843', '0.0067', '1.3'),
    }),
    { minLength: 1, maxLength: 5, selector: (r) => `${r.currency}|${r.date}` },
  ),
  { maxLength: 2 },
);

/** Posts a generated history through the command path; refusals are part of the game and append nothing. */
export async function postGenerated(writer: DealWriter, history: { first: GeneratedEvent; rest: GeneratedEvent[] }): Promise<void> {
  const dealId = randomUUID();
  const eventIds: string[] = [];
  for (const [index, generated] of [history.first, ...history.rest].entries()) {
    const { retract, ...body } = generated;
    const event = (retract === undefined ? body : { ...body, eventId: eventIds[retract % Math.max(eventIds.length, 1)] ?? randomUUID() }) as DealEventInput;
    const command: DealCommand = index === 0 ? { kind: 'StartDeal', dealId, event } : { kind: 'RecordDealEvent', dealId, event };
    try {
      eventIds.push((await writer.execute(command, { actor: 'property' })).eventId);
    } catch (error) {
      if (!(error instanceof DealDomainError)) throw error;
    }
  }
}
