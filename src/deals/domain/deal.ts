// The deal's state and `evolve`: a pure fold over recorded events. Never throws: rules live in `decide`.
// The events that count (not retracted) are applied in business-date order: by occurredOn, ties in recorded order.
// So status, dates and terms are those of the latest-dated facts, whenever each was recorded.
import type {
  AdvisorRole,
  AdvisorSide,
  Attitude,
  Consideration,
  DealEventData,
  DealTerms,
  DealType,
  FeePayer,
  Money,
  OfferStructure,
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
  remedies: string | null;
}

export interface ShareholderVote {
  eventId: string;
  occurredOn: string;
  party: VoteParty;
  outcome: VoteOutcome;
}

export interface Advisor {
  eventId: string;
  occurredOn: string;
  advisor: Party;
  side: AdvisorSide;
  role: AdvisorRole;
}

export interface CompetingBid {
  eventId: string;
  occurredOn: string;
  bidder: Party;
  value: Money | null;
  pricePerShare: Money | null;
}

/** The terms tracked field by field (rumored, announced, priced; a closing's final value too). */
export interface TermValues {
  value: Money;
  pricePerShare: Money;
  consideration: Consideration;
  stakePercent: number;
  stakeHeldBeforePercent: number;
  enterpriseValue: Money;
  equityValue: Money;
  cashPercent: number;
  exchangeRatio: string;
  premiumPercent: string;
  targetTerminationFee: Money;
  reverseTerminationFee: Money;
  expectedCloseOn: string;
  outsideDate: string;
  attitude: Attitude;
  offerStructure: OfferStructure;
}

export type TermName = keyof TermValues;

export const TERM_NAMES = [
  'value',
  'pricePerShare',
  'consideration',
  'stakePercent',
  'stakeHeldBeforePercent',
  'enterpriseValue',
  'equityValue',
  'cashPercent',
  'exchangeRatio',
  'premiumPercent',
  'targetTerminationFee',
  'reverseTerminationFee',
  'expectedCloseOn',
  'outsideDate',
  'attitude',
  'offerStructure',
] as const satisfies readonly TermName[];

export type TrackedTerms = { [K in TermName]: TrackedTerm<TermValues[K]> | null };

/** The terms a `priced` event ("the terms changed") may carry, at least one of them: all but the stake held before. */
export const PRICED_TERM_NAMES = TERM_NAMES.filter((name) => name !== 'stakeHeldBeforePercent');

export interface DealState extends TrackedTerms {
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
  rumoredOn: string | null;
  announcedOn: string | null;
  closedOn: string | null;
  endedOn: string | null;
  contested: boolean;
  regulatory: RegulatoryStep[];
  shareholderVotes: ShareholderVote[];
  competingBids: CompetingBid[];
  advisors: Advisor[];
  terminationFee: Money | null;
  feePaidBy: FeePayer | null;
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

const NO_TERMS = Object.freeze(Object.fromEntries(TERM_NAMES.map((name) => [name, null]))) as TrackedTerms;

function emptyEffects() {
  return {
    ...NO_TERMS,
    status: null,
    firstEventId: null,
    firstOccurredOn: null,
    lastOccurredOn: null,
    acquirer: null,
    target: null,
    seller: null,
    dealType: null,
    rumoredOn: null,
    announcedOn: null,
    closedOn: null,
    endedOn: null,
    contested: false,
    regulatory: [],
    shareholderVotes: [],
    competingBids: [],
    advisors: [],
    terminationFee: null,
    feePaidBy: null,
    voided: null,
  } satisfies Partial<DealState>;
}

export function dealExists(state: DealState): boolean {
  return state.version > 0;
}

export function evolve(state: DealState, event: RecordedDealEvent): DealState {
  const next: DealState = { ...state, ...logFields(state, event) };
  // The usual case, an event dated on or after every other: it goes at the end of the business-date order.
  const atTheEnd = event.type !== 'retracted' && (state.lastOccurredOn === null || event.occurredOn >= state.lastOccurredOn);
  if (atTheEnd) applyEffectTo(next, event);
  else refoldInto(next);
  return next;
}

/**
 * `evolve` when the business-date walk of the deal's counting events with `event` is already done (`decide` walks it
 * to check a back-dated event or a retraction): `walked` holds its effects, the log's fields come from the state.
 */
export function evolveWalked(state: DealState, event: RecordedDealEvent, walked: DealState): DealState {
  return { ...walked, dealId: state.dealId, ...logFields(state, event) };
}

/** What recording an event changes whatever its date: the log, its version and time. */
function logFields(state: DealState, event: RecordedDealEvent) {
  return {
    history: [...state.history, event],
    retractedIds: event.type === 'retracted' ? [...state.retractedIds, event.retractedEventId] : state.retractedIds,
    version: event.version,
    updatedAt: event.recordedAt,
  } satisfies Partial<DealState>;
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

/**
 * Recomputes every effect of `next`, a state nobody else holds, from the events that still count, keeping the
 * log-level fields. The walk fills in that one state rather than copying it per event: copying a state of forty
 * fields was most of the work of a step.
 */
function refoldInto(next: DealState): void {
  const events = countingEvents(next);
  Object.assign(next, emptyEffects());
  for (const event of events) applyEffectTo(next, event);
}

/** One step of the business-date fold, filled into `next` (also how `decide` walks a history it checks). */
export function applyEffectTo(next: Mutable<DealState>, event: RecordedDealEvent): void {
  next.lastOccurredOn = event.occurredOn;
  if (!next.firstEventId) {
    next.firstEventId = event.eventId;
    next.firstOccurredOn = event.occurredOn;
  }
  // Initial terms are those of the announcement or later: an announcement sets aside the rumour's.
  if (event.type === 'announced') clearInitialTerms(next);
  applyTerms(next, event);
  switch (event.type) {
    case 'rumored':
      next.status = 'rumored';
      next.rumoredOn = event.occurredOn;
      next.acquirer = event.acquirer;
      next.target = event.target;
      next.seller = event.seller ?? null;
      return;
    case 'announced':
      next.status = 'pending';
      next.announcedOn = event.occurredOn;
      next.acquirer = event.acquirer;
      next.target = event.target;
      next.seller = event.seller ?? next.seller;
      next.dealType = event.dealType ?? next.dealType;
      return;
    case 'priced':
    case 'retracted':
      return;
    case 'competing_bid':
      next.competingBids = [...next.competingBids, competingBid(event)];
      return;
    case 'regulatory':
      next.regulatory = [...next.regulatory, regulatoryStep(event)];
      return;
    case 'advisor_retained':
      next.advisors = [...next.advisors, advisor(event)];
      return;
    case 'shareholder_vote':
      next.shareholderVotes = [...next.shareholderVotes, vote(event)];
      return;
    case 'termination_attempted':
      next.contested = true;
      return;
    case 'closed':
      next.status = 'closed';
      next.closedOn = event.occurredOn;
      return;
    case 'terminated':
      next.status = 'terminated';
      next.endedOn = event.occurredOn;
      next.terminationFee = event.terminationFee ?? null;
      next.feePaidBy = event.feePaidBy ?? null;
      return;
    case 'withdrawn':
      next.status = 'withdrawn';
      next.endedOn = event.occurredOn;
      return;
    case 'voided':
      next.status = 'voided';
      next.voided = voiding(event);
      return;
    default:
      return assertNever(event);
  }
}

/** A state being filled in by applyEffectTo: one nobody else holds, so setting its fields changes no state anyone holds. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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
    remedies: event.remedies ?? null,
  };
}

function advisor(event: RecordedDealEvent & { type: 'advisor_retained' }): Advisor {
  return { eventId: event.eventId, occurredOn: event.occurredOn, advisor: event.advisor, side: event.side, role: event.role };
}

function vote(event: RecordedDealEvent & { type: 'shareholder_vote' }): ShareholderVote {
  return { eventId: event.eventId, occurredOn: event.occurredOn, party: event.party, outcome: event.outcome };
}

function voiding(event: RecordedDealEvent & { type: 'voided' }): Voiding {
  return { eventId: event.eventId, occurredOn: event.occurredOn, reason: event.reason, duplicateOf: event.duplicateOf ?? null };
}

/** The terms an event carries that count for the deal itself (a competing bid's never do). */
export function termsOf(event: DealEventData): DealTerms & { stakeHeldBeforePercent?: number } {
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

/** Sets the terms the event carries on `next` (most events carry none). */
function applyTerms(next: Mutable<DealState>, event: RecordedDealEvent): void {
  const terms = termsOf(event) as Record<string, unknown>;
  for (const name of TERM_NAMES) {
    const value = terms[name];
    if (value === undefined) continue;
    (next as Record<string, unknown>)[name] = track(next[name], trackedValue(name, value, terms, event));
  }
}

function trackedValue(name: TermName, value: unknown, terms: Record<string, unknown>, event: RecordedDealEvent): Tracked<unknown> {
  const entry: Tracked<unknown> = { value, occurredOn: event.occurredOn, version: event.version };
  if (name !== 'value') return entry;
  const usd = usdEquivalent(value as Money, terms.equivalents as Money[] | undefined);
  if (usd) entry.usd = usd;
  return entry;
}

function usdEquivalent(value: Money, equivalents: Money[] | undefined): string | undefined {
  if (value.currency === 'USD') return value.amount;
  return equivalents?.find((m) => m.currency === 'USD')?.amount;
}

/** Applied in business-date order, the latest event carrying a term is its current value, the first its initial. */
function track<T>(term: TrackedTerm<T> | null, entry: Tracked<T>): TrackedTerm<T> {
  return { current: entry, initial: term?.initial ?? entry };
}

function clearInitialTerms(next: Mutable<DealState>): void {
  for (const name of TERM_NAMES) {
    const term = next[name];
    if (term) (next as Record<string, unknown>)[name] = { current: term.current, initial: null };
  }
}
