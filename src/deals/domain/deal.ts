// The deal's state and `evolve`: a pure fold over recorded events. Never throws: rules live in `decide`.
// The events that count (not retracted) are applied in business-date order: by occurredOn, ties in recorded order.
// So status, dates and terms are those of the latest-dated facts, whenever each was recorded.
import type {
  Consideration,
  DealEventData,
  DealType,
  Money,
  Party,
  RecordedDealEvent,
  RegulatoryDecision,
  VoteOutcome,
  VoteParty,
} from './deal.events.js';

export const DEAL_STATUSES = ['rumored', 'pending', 'closed', 'terminated', 'withdrawn', 'voided'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** A term's value together with the event that set it. */
export interface Tracked<T> {
  value: T;
  occurredOn: string;
  version: number;
  /** The USD amount the same event reported for this value, if any. */
  usd?: string;
}

export interface TrackedTerm<T> {
  /** From the latest-dated event that carries the term. */
  current: Tracked<T>;
  /** From the earliest such event of the announcement or later; a rumour's only while the deal was never announced. */
  initial: Tracked<T> | null;
}

/** Why a deal was taken out of every count: entered twice, or by mistake. */
export interface Voiding {
  eventId: string;
  occurredOn: string;
  reason: string;
  duplicateOf: string | null;
}

export interface RegulatoryStep {
  eventId: string;
  occurredOn: string;
  authority: string;
  jurisdiction: string | null;
  decision: RegulatoryDecision;
}

export interface ShareholderVote {
  eventId: string;
  occurredOn: string;
  party: VoteParty;
  outcome: VoteOutcome;
}

export interface CompetingBid {
  eventId: string;
  occurredOn: string;
  bidder: Party;
  value: Money | null;
  pricePerShare: Money | null;
}

export interface DealState {
  dealId: string;
  /** Every recorded event, retracted or not: retraction re-folds from these. */
  history: RecordedDealEvent[];
  retractedIds: string[];
  version: number;
  updatedAt: string | null;
  /** Derived from the events that still count, in business-date order. */
  status: DealStatus | null;
  firstEventId: string | null;
  firstOccurredOn: string | null;
  /** The date of the latest-dated event applied: an event dated on or after it is applied without a refold. */
  lastOccurredOn: string | null;
  acquirer: Party | null;
  target: Party | null;
  seller: Party | null;
  dealType: DealType | null;
  expectedCloseOn: string | null;
  rumoredOn: string | null;
  announcedOn: string | null;
  closedOn: string | null;
  endedOn: string | null;
  contested: boolean;
  value: TrackedTerm<Money> | null;
  pricePerShare: TrackedTerm<Money> | null;
  consideration: TrackedTerm<Consideration> | null;
  stakePercent: TrackedTerm<number> | null;
  regulatory: RegulatoryStep[];
  shareholderVotes: ShareholderVote[];
  competingBids: CompetingBid[];
  terminationFee: Money | null;
  voided: Voiding | null;
}

export function initialDealState(dealId: string): DealState {
  return {
    dealId,
    history: [],
    retractedIds: [],
    version: 0,
    updatedAt: null,
    ...emptyEffects(),
  };
}

function emptyEffects() {
  return {
    status: null,
    firstEventId: null,
    firstOccurredOn: null,
    lastOccurredOn: null,
    acquirer: null,
    target: null,
    seller: null,
    dealType: null,
    expectedCloseOn: null,
    rumoredOn: null,
    announcedOn: null,
    closedOn: null,
    endedOn: null,
    contested: false,
    value: null,
    pricePerShare: null,
    consideration: null,
    stakePercent: null,
    regulatory: [],
    shareholderVotes: [],
    competingBids: [],
    terminationFee: null,
    voided: null,
  } satisfies Partial<DealState>;
}

export function dealExists(state: DealState): boolean {
  return state.version > 0;
}

export function evolve(state: DealState, event: RecordedDealEvent): DealState {
  const recorded: DealState = {
    ...state,
    history: [...state.history, event],
    version: event.version,
    updatedAt: event.recordedAt,
  };
  if (event.type === 'retracted') return refold({ ...recorded, retractedIds: [...state.retractedIds, event.retractedEventId] });
  // The usual case, an event dated on or after every other: it goes at the end of the business-date order.
  if (state.lastOccurredOn === null || event.occurredOn >= state.lastOccurredOn) return applyEffect(recorded, event);
  return refold(recorded);
}

export function fold(dealId: string, events: RecordedDealEvent[]): DealState {
  return events.reduce(evolve, initialDealState(dealId));
}

/** Business-date order: by occurredOn, ties in recorded order. */
export const byBusinessDate = (a: { occurredOn: string; version: number }, b: { occurredOn: string; version: number }) =>
  a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.version - b.version;

/** The events that count (neither a retraction nor retracted), in business-date order. */
export function countingEvents(state: DealState): RecordedDealEvent[] {
  const retracted = new Set(state.retractedIds);
  return state.history.filter((e) => e.type !== 'retracted' && !retracted.has(e.eventId)).sort(byBusinessDate);
}

/** Recomputes every effect from the events that still count, keeping the log-level fields. */
function refold(state: DealState): DealState {
  return countingEvents(state).reduce(applyEffect, { ...state, ...emptyEffects() });
}

/** One step of the business-date fold (also how `decide` walks a history it checks). */
export function applyEffect(state: DealState, event: RecordedDealEvent): DealState {
  const opened = state.firstEventId ? state : { ...state, firstEventId: event.eventId, firstOccurredOn: event.occurredOn };
  // Initial terms are those of the announcement or later: an announcement sets aside the rumour's.
  const dated = { ...opened, lastOccurredOn: event.occurredOn };
  const withTerms = applyTerms(event.type === 'announced' ? withoutInitialTerms(dated) : dated, event);
  switch (event.type) {
    case 'rumored':
      return {
        ...withTerms,
        status: 'rumored',
        rumoredOn: event.occurredOn,
        acquirer: event.acquirer,
        target: event.target,
        seller: event.seller ?? null,
      };
    case 'announced':
      return {
        ...withTerms,
        status: 'pending',
        announcedOn: event.occurredOn,
        acquirer: event.acquirer,
        target: event.target,
        seller: event.seller ?? withTerms.seller,
        dealType: event.dealType ?? withTerms.dealType,
        expectedCloseOn: event.expectedCloseOn ?? withTerms.expectedCloseOn,
      };
    case 'priced':
      return withTerms;
    case 'competing_bid':
      return { ...withTerms, competingBids: [...withTerms.competingBids, competingBid(event)] };
    case 'regulatory':
      return { ...withTerms, regulatory: [...withTerms.regulatory, regulatoryStep(event)] };
    case 'shareholder_vote':
      return { ...withTerms, shareholderVotes: [...withTerms.shareholderVotes, vote(event)] };
    case 'termination_attempted':
      return { ...withTerms, contested: true };
    case 'closed':
      return { ...withTerms, status: 'closed', closedOn: event.occurredOn };
    case 'terminated':
      return {
        ...withTerms,
        status: 'terminated',
        endedOn: event.occurredOn,
        terminationFee: event.terminationFee ?? null,
      };
    case 'withdrawn':
      return { ...withTerms, status: 'withdrawn', endedOn: event.occurredOn };
    case 'voided':
      return { ...withTerms, status: 'voided', voided: voiding(event) };
    case 'retracted':
      return withTerms;
    default:
      return assertNever(event);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

function competingBid(event: RecordedDealEvent & { type: 'competing_bid' }): CompetingBid {
  return {
    eventId: event.eventId,
    occurredOn: event.occurredOn,
    bidder: event.bidder,
    value: event.value ?? null,
    pricePerShare: event.pricePerShare ?? null,
  };
}

function regulatoryStep(event: RecordedDealEvent & { type: 'regulatory' }): RegulatoryStep {
  return {
    eventId: event.eventId,
    occurredOn: event.occurredOn,
    authority: event.authority,
    jurisdiction: event.jurisdiction ?? null,
    decision: event.decision,
  };
}

function vote(event: RecordedDealEvent & { type: 'shareholder_vote' }): ShareholderVote {
  return { eventId: event.eventId, occurredOn: event.occurredOn, party: event.party, outcome: event.outcome };
}

function voiding(event: RecordedDealEvent & { type: 'voided' }): Voiding {
  return { eventId: event.eventId, occurredOn: event.occurredOn, reason: event.reason, duplicateOf: event.duplicateOf ?? null };
}

/** The terms an event carries that count for the deal itself (a competing bid's never do). */
export function termsOf(event: DealEventData): {
  value?: Money;
  pricePerShare?: Money;
  consideration?: Consideration;
  stakePercent?: number;
  equivalents?: Money[];
} {
  switch (event.type) {
    case 'rumored':
    case 'announced':
    case 'priced':
      return event;
    case 'closed':
      return { value: event.finalValue, equivalents: event.equivalents };
    default:
      return {};
  }
}

function applyTerms(state: DealState, event: RecordedDealEvent): DealState {
  const terms = termsOf(event);
  const at = { occurredOn: event.occurredOn, version: event.version };
  const usd = terms.value && usdEquivalent(terms.value, terms.equivalents);
  return {
    ...state,
    value: track(state.value, terms.value, { ...at, ...(usd ? { usd } : {}) }),
    pricePerShare: track(state.pricePerShare, terms.pricePerShare, at),
    consideration: track(state.consideration, terms.consideration, at),
    stakePercent: track(state.stakePercent, terms.stakePercent, at),
  };
}

function usdEquivalent(value: Money, equivalents: Money[] | undefined): string | undefined {
  if (value.currency === 'USD') return value.amount;
  return equivalents?.find((m) => m.currency === 'USD')?.amount;
}

/** Applied in business-date order, the latest event carrying a term is its current value, the first its initial. */
function track<T>(
  term: TrackedTerm<T> | null,
  value: T | undefined,
  at: { occurredOn: string; version: number; usd?: string },
): TrackedTerm<T> | null {
  if (value === undefined) return term;
  const entry: Tracked<T> = { value, ...at };
  return { current: entry, initial: term?.initial ?? entry };
}

function withoutInitialTerms(state: DealState): DealState {
  const reset = <T>(term: TrackedTerm<T> | null) => term && { current: term.current, initial: null };
  return {
    ...state,
    value: reset(state.value),
    pricePerShare: reset(state.pricePerShare),
    consideration: reset(state.consideration),
    stakePercent: reset(state.stakePercent),
  };
}
