// The deal's state and `evolve`: a pure fold over recorded events. Never throws: rules live in `decide`.
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

export const DEAL_STATUSES = ['rumored', 'pending', 'closed', 'terminated', 'withdrawn'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** A term's value together with the event that set it, so later-dated events win and earlier ones are initial. */
export interface Tracked<T> {
  value: T;
  occurredOn: string;
  version: number;
  /** The USD amount the same event reported for this value, if any. */
  usd?: string;
}

export interface TrackedTerm<T> {
  current: Tracked<T>;
  initial: Tracked<T>;
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
  /** Derived from the events that still count. */
  status: DealStatus | null;
  firstEventId: string | null;
  firstOccurredOn: string | null;
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
  if (event.type !== 'retracted') return applyEffect(recorded, event);
  const retractedIds = [...state.retractedIds, event.retractedEventId];
  return refold({ ...recorded, retractedIds });
}

export function fold(dealId: string, events: RecordedDealEvent[]): DealState {
  return events.reduce(evolve, initialDealState(dealId));
}

/** Recomputes every effect from the events that still count, keeping the log-level fields. */
function refold(state: DealState): DealState {
  const retracted = new Set(state.retractedIds);
  const counting = state.history.filter((e) => e.type !== 'retracted' && !retracted.has(e.eventId));
  const base: DealState = { ...state, ...emptyEffects() };
  return counting.reduce(applyEffect, base);
}

function applyEffect(state: DealState, event: RecordedDealEvent): DealState {
  const next = state.firstEventId ? state : { ...state, firstEventId: event.eventId, firstOccurredOn: event.occurredOn };
  const withTerms = applyTerms(next, event);
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
      return { ...withTerms, competingBids: byDate([...withTerms.competingBids, competingBid(event)]) };
    case 'regulatory':
      return { ...withTerms, regulatory: byDate([...withTerms.regulatory, regulatoryStep(event)]) };
    case 'shareholder_vote':
      return { ...withTerms, shareholderVotes: byDate([...withTerms.shareholderVotes, vote(event)]) };
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
    case 'retracted':
      return withTerms;
    default:
      return assertNever(event);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

/** Keeps lists in business-date order; `sort` is stable, so same-day items stay in recorded order. */
function byDate<T extends { occurredOn: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
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

/** Latest business date wins (ties: later recorded); the earliest business date is the initial value. */
function track<T>(
  term: TrackedTerm<T> | null,
  value: T | undefined,
  at: { occurredOn: string; version: number; usd?: string },
): TrackedTerm<T> | null {
  if (value === undefined) return term;
  const entry: Tracked<T> = { value, ...at };
  if (!term) return { current: entry, initial: entry };
  return {
    current: entry.occurredOn >= term.current.occurredOn ? entry : term.current,
    initial: entry.occurredOn < term.initial.occurredOn ? entry : term.initial,
  };
}
