// Given/when builders for the deal decider's unit tests (no jest code here; see deal.*.spec.ts).
import { resolveParty } from './company-id.js';
import type { DealCommand } from './deal.commands.js';
import { decide } from './deal.decide.js';
import type {
  AdvisorRetainedData,
  AnnouncedData,
  ClosedData,
  CompetingBidData,
  DealEventData,
  DealEventInput,
  Money,
  Party,
  PricedData,
  RecordedDealEvent,
  RegulatoryData,
  RetractedData,
  RetractedInput,
  RumoredData,
  ShareholderVoteData,
  TerminatedData,
  TerminationAttemptedData,
  VoidedData,
  WithdrawnData,
} from './deal.events.js';
import { type DealState, fold } from './deal.js';

export const DEAL_ID = '00000000-0000-4000-8000-00000000dea1';
/** The default "now" of every decision: late enough for every date used in the tests. */
export const NOW = new Date('2024-12-31T12:00:00Z');

/** The id `recorded` gives the event at `version` (1-based), so tests can retract "the 2nd event". */
export function eventIdAt(version: number): string {
  return `00000000-0000-4000-8000-${String(version).padStart(12, '0')}`;
}

/** What the store would have assigned: ids, versions 1..n, one second apart, one actor. */
export function recorded(events: DealEventData[]): RecordedDealEvent[] {
  return events.map((event, i) => ({
    ...event,
    eventId: eventIdAt(i + 1),
    version: i + 1,
    recordedAt: new Date(Date.UTC(2025, 0, 1, 9, 0, i)).toISOString(),
    actor: 'test-analyst',
  }));
}

export const startDeal = (event: DealEventInput): DealCommand => ({ kind: 'StartDeal', dealId: DEAL_ID, event });
export const recordEvent = (event: DealEventInput): DealCommand => ({ kind: 'RecordDealEvent', dealId: DEAL_ID, event });

/**
 * `given(history).state` is the folded state; `given(history).when(x, now?)` is what `decide` answers:
 * the new events, or the error it threw. A bare event becomes StartDeal on an empty history, else RecordDealEvent.
 */
export function given(history: DealEventData[]) {
  const state: DealState = fold(DEAL_ID, recorded(history));
  return {
    state,
    when(commandOrEvent: DealCommand | DealEventInput, now: Date = NOW): DealEventData[] | Error {
      const command =
        'kind' in commandOrEvent ? commandOrEvent : (history.length ? recordEvent : startDeal)(commandOrEvent);
      try {
        return decide(command, state, now);
      } catch (error) {
        if (error instanceof Error) return error;
        throw error;
      }
    },
  };
}

// Money and parties.
export const money = (amount: string, currency: string): Money => ({ amount, currency });
export const gbp = (amount: string) => money(amount, 'GBP');
export const usd = (amount: string) => money(amount, 'USD');
export const eur = (amount: string) => money(amount, 'EUR');

export const party = (name: string): Party => resolveParty({ name });
export const ACME = party('Acme Corp');
export const WIDGET = party('Widget Ltd');
export const RIVAL = party('Rival plc');

// Events on the sample timeline of samples/README.md; pass overrides for anything else.
const builder =
  <E extends DealEventData>(defaults: E) =>
  (overrides: Partial<E> = {}): E => ({ ...defaults, ...overrides });

const parties = { acquirer: ACME, target: WIDGET };
export const rumored = builder<RumoredData>({ type: 'rumored', occurredOn: '2024-01-10', ...parties });
export const announced = builder<AnnouncedData>({ type: 'announced', occurredOn: '2024-02-01', ...parties });
export const priced = builder<PricedData>({ type: 'priced', occurredOn: '2024-03-12' });
export const competingBid = builder<CompetingBidData>({ type: 'competing_bid', occurredOn: '2024-03-05', bidder: RIVAL });
export const regulatory = builder<RegulatoryData>({
  type: 'regulatory',
  occurredOn: '2024-05-20',
  authority: 'CMA',
  decision: 'approved',
});
export const GOLDMAN = party('Goldman Sachs');
export const advisorRetained = builder<AdvisorRetainedData>({
  type: 'advisor_retained',
  occurredOn: '2024-02-01',
  advisor: GOLDMAN,
  side: 'acquirer',
  role: 'financial',
});
export const shareholderVote = builder<ShareholderVoteData>({
  type: 'shareholder_vote',
  occurredOn: '2024-06-03',
  party: 'target',
  outcome: 'approved',
});
export const terminationAttempted = builder<TerminationAttemptedData>({
  type: 'termination_attempted',
  occurredOn: '2024-06-10',
  by: 'acquirer',
});
export const closed = builder<ClosedData>({ type: 'closed', occurredOn: '2024-07-01' });
export const terminated = builder<TerminatedData>({ type: 'terminated', occurredOn: '2024-07-01' });
export const withdrawn = builder<WithdrawnData>({ type: 'withdrawn', occurredOn: '2024-07-01' });
export const voided = builder<VoidedData>({ type: 'voided', occurredOn: '2024-07-02', reason: 'Entered twice' });

/** A retraction as the log records it (for histories)... */
export const retracted = (retractedEventId: string): RetractedData => ({
  type: 'retracted',
  occurredOn: '2024-07-02',
  retractedEventId,
  reason: 'entered by mistake',
});
/** ...and as an analyst posts it (for `when`): the target is the body's `eventId`. */
export const retraction = (eventId: string, occurredOn = '2024-07-02'): RetractedInput => ({
  type: 'retracted',
  occurredOn,
  eventId,
  reason: 'entered by mistake',
});
