// `decide`: the lifecycle rules of the API as one pure function. Time comes in with the call, never from a clock.
//
// The rules hold in business time: a deal's history read by occurredOn (ties in recorded order) must be a valid
// lifecycle at every step. A new event is decided on the deal as it stood on its occurredOn, and must leave every
// later-dated event valid; a retraction must leave the history without the retracted event valid.
import { resolveParty } from './company-id.js';
import type { DealCommand } from './deal.commands.js';
import { DealAlreadyExists, type DealDomainError, DealNotFound, InvalidTransition, RuleViolated } from './deal.errors.js';
import type { DealEventData, DealEventInput, DealEventType, Money, Party, PartyInput, RecordedDealEvent } from './deal.events.js';
import {
  type DealState,
  type DealStatus,
  PRICED_TERM_NAMES,
  applyEffectTo,
  assertNever,
  byBusinessDate,
  countingEvents,
  dealExists,
  evolve,
  evolveWalked,
  initialDealState,
} from './deal.js';

type Stage = DealStatus | 'new';

/** The statuses every step of a deal's life leaves it in, before voiding. */
const LIVE: readonly Stage[] = ['rumored', 'pending', 'closed', 'terminated', 'withdrawn'];

/**
 * Which statuses each event type may be recorded in, as the deal stands on the event's date ('new' = the deal does
 * not exist yet). A voiding and an advisor's credit record facts about the record rather than steps of the deal: they
 * may follow the end (credits are often published after the closing).
 * Retractions are not steps: they take an event out of the history, which must still be valid without it.
 */
const ALLOWED_IN: Record<Exclude<DealEventType, 'retracted'>, readonly Stage[]> = {
  rumored: ['new'],
  announced: ['new', 'rumored'],
  priced: ['rumored', 'pending'],
  competing_bid: ['pending'],
  regulatory: ['pending'],
  advisor_retained: LIVE,
  shareholder_vote: ['pending'],
  termination_attempted: ['pending'],
  closed: ['pending'],
  terminated: ['pending'],
  withdrawn: ['rumored', 'pending'],
  voided: LIVE,
};

const FIRST_EVENT_TYPES: readonly DealEventType[] = ['rumored', 'announced'];

export function decide(command: DealCommand, state: DealState, now: Date): DealEventData[] {
  return [decideStep(command, state, now, placeholder).event];
}

/** What a write records: the event as logged, and the deal's state with it. */
export interface Decision {
  event: RecordedDealEvent;
  after: DealState;
}

/**
 * `decide` then `evolve`, for the write path: `record` numbers and dates the decided event as it will be logged.
 * Checking a back-dated event or a retraction walks the deal's whole history with it in business-date order, which is
 * exactly the refold `evolve` would do next; that walk's state is kept instead of folding the deal a second time.
 */
export function decideAndEvolve(command: DealCommand, state: DealState, now: Date, record: (event: DealEventData) => RecordedDealEvent): Decision {
  const { recorded, walked } = decideStep(command, state, now, record);
  return { event: recorded, after: walked ? evolveWalked(state, recorded, walked) : evolve(state, recorded) };
}

interface Step {
  event: DealEventData;
  recorded: RecordedDealEvent;
  /** The state the history check walked to, with the event, when it walked the whole history. */
  walked: DealState | null;
}

function decideStep(command: DealCommand, state: DealState, now: Date, record: (event: DealEventData) => RecordedDealEvent): Step {
  const exists = dealExists(state);
  if (command.kind === 'StartDeal' && exists) throw new DealAlreadyExists(command.dealId);
  if (command.kind === 'RecordDealEvent' && !exists) throw new DealNotFound(command.dealId);
  const event = resolveParties(command.event);
  if (!exists && !FIRST_EVENT_TYPES.includes(event.type)) {
    throw new InvalidTransition(`A deal starts with a "rumored" or "announced" event, not "${event.type}".`);
  }
  if (state.status === 'voided') checkRestoresVoidedDeal(event, state);
  checkOwnRules(event, state.dealId);
  checkDates(event, state, utcDate(now));
  const recorded = record(event);
  const walked = event.type === 'retracted' ? checkRetraction(event.retractedEventId, state) : checkPlaceInHistory(recorded, state);
  return { event, recorded, walked };
}

/** The event as the history check places it when nobody will log it: after every event of its date. */
const placeholder = (event: DealEventData) => ({ ...event, eventId: 'new', version: Number.MAX_SAFE_INTEGER, recordedAt: '', actor: '' }) as RecordedDealEvent;

/**
 * Voiding is a fact about the record, not a step of the deal: whatever its date, the only event a voided deal takes is
 * the retraction of its voiding, which restores it (its other events are corrected once it is restored).
 */
function checkRestoresVoidedDeal(event: DealEventData, state: DealState): void {
  const voiding = state.history.find((e) => e.type === 'voided' && !state.retractedIds.includes(e.eventId));
  if (event.type === 'retracted' && event.retractedEventId === voiding?.eventId) return;
  const what = event.type === 'retracted' ? 'the retraction of another event' : `a "${event.type}" event`;
  throw new InvalidTransition(
    `The deal is voided: ${what} is not accepted, whatever its date; only the retraction of its "voided" event (${voiding?.eventId}), which restores it.`,
  );
}

export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function checkDates(event: DealEventData, state: DealState, today: string): void {
  if (event.occurredOn > today) {
    throw new RuleViolated(`occurredOn ${event.occurredOn} is after today (${today}, UTC).`);
  }
  const first = state.firstOccurredOn;
  if (first && event.occurredOn < first) {
    throw new RuleViolated(`occurredOn ${event.occurredOn} is before the deal's first event (${first}).`);
  }
  const endsDeal = event.type === 'closed' || event.type === 'terminated';
  if (endsDeal && state.announcedOn && event.occurredOn < state.announcedOn) {
    throw new RuleViolated(`A deal cannot be ${event.type} (${event.occurredOn}) before it was announced (${state.announcedOn}).`);
  }
}

/** Rules an event breaks on its own, whatever the deal's history. */
function checkOwnRules(event: DealEventData, dealId: string): void {
  checkEquivalents(event);
  switch (event.type) {
    case 'rumored':
    case 'announced':
      if (event.acquirer.companyId === event.target.companyId) throw new RuleViolated('The acquirer and the target are the same company.');
      if (event.seller && [event.acquirer.companyId, event.target.companyId].includes(event.seller.companyId)) {
        throw new RuleViolated('The seller cannot be the acquirer or the target.');
      }
      return;
    case 'priced':
      if (PRICED_TERM_NAMES.every((term) => event[term as keyof typeof event] === undefined)) throw new RuleViolated('A "priced" event must carry at least one term.');
      return;
    case 'competing_bid':
    case 'regulatory':
    case 'advisor_retained':
    case 'shareholder_vote':
    case 'termination_attempted':
    case 'closed':
    case 'terminated':
    case 'withdrawn':
    case 'retracted':
      return;
    case 'voided':
      if (event.duplicateOf?.toLowerCase() === dealId.toLowerCase()) {
        throw new RuleViolated('A deal cannot be a duplicate of itself: duplicateOf names the deal to keep.');
      }
      return;
    default:
      return assertNever(event);
  }
}

/** Equivalents are the event's value (finalValue on a closing) in other currencies: they need it, and another currency. */
function checkEquivalents(event: DealEventData): void {
  const equivalents = 'equivalents' in event ? event.equivalents : undefined;
  if (!equivalents?.length) return;
  const field = event.type === 'closed' ? 'finalValue' : 'value';
  const reported = (event as { value?: Money; finalValue?: Money })[field];
  if (!reported) throw new RuleViolated(`equivalents are ${field} in other currencies: send ${field} with them.`);
  const same = equivalents.find((e) => e.currency === reported.currency);
  if (same) throw new RuleViolated(`An equivalent in ${same.currency}, the currency of ${field} itself, says nothing more: leave it out.`);
  const twice = equivalents.find((e, i) => equivalents.findIndex((o) => o.currency === e.currency) !== i);
  if (twice) throw new RuleViolated(`Two equivalents in ${twice.currency}: which one is the ${field}? Send one per currency.`);
}

/**
 * The new event goes after every event of its date; the history must be valid with it, at its step and after.
 * Answers the state the check walked to, when it walked the whole history.
 */
function checkPlaceInHistory(candidate: RecordedDealEvent, state: DealState): DealState | null {
  // The usual case, an event dated on or after every other: the state is already the walk up to it (each earlier
  // event was checked when it was recorded), so only its own step is left to check.
  if (state.lastOccurredOn === null || candidate.occurredOn >= state.lastOccurredOn) {
    const error = stepError(candidate, state);
    if (error) throw error;
    return null;
  }
  const history = [...countingEvents(state), candidate].sort(byBusinessDate);
  const { problem, walked } = walk(state.dealId, history);
  if (!problem) return walked;
  if (problem.event === candidate) throw problem.error;
  const Refusal = problem.error instanceof RuleViolated ? RuleViolated : InvalidTransition;
  throw new Refusal(
    `A "${candidate.type}" event dated ${candidate.occurredOn} would leave the later "${problem.event.type}" event of ` +
      `${problem.event.occurredOn} invalid: ${problem.error.message}`,
  );
}

/** Answers the state the check walked to: the history without the retracted event. */
function checkRetraction(eventId: string, state: DealState): DealState {
  const target = state.history.find((e) => e.eventId === eventId);
  if (!target) throw new RuleViolated(`Event ${eventId} is not an event of this deal.`);
  if (target.type === 'retracted') throw new RuleViolated('A retraction cannot itself be retracted.');
  if (state.retractedIds.includes(eventId)) throw new RuleViolated(`Event ${eventId} is already retracted.`);
  if (eventId === state.firstEventId) {
    throw new RuleViolated(
      "The deal's first event cannot be retracted: void the deal instead (a \"voided\" event) if it was entered by mistake.",
    );
  }
  const { problem, walked } = walk(state.dealId, countingEvents(state).filter((e) => e.eventId !== eventId));
  if (problem) {
    throw new RuleViolated(
      `Without the "${target.type}" event of ${target.occurredOn} the deal's history would be invalid: the ` +
        `"${problem.event.type}" event of ${problem.event.occurredOn} is then refused (${problem.error.message})`,
    );
  }
  return walked;
}

/** Walks a history in business-date order: its first step that breaks a rule, if any, else the state it ends in. */
function walk(dealId: string, history: RecordedDealEvent[]): { problem: { event: RecordedDealEvent; error: DealDomainError } | null; walked: DealState } {
  const state = initialDealState(dealId);
  for (const event of history) {
    const error = stepError(event, state);
    if (error) return { problem: { event, error }, walked: state };
    applyEffectTo(state, event);
  }
  return { problem: null, walked: state };
}

/** Whether an event may follow the deal as it stands (its state from the earlier-dated events). */
function stepError(event: RecordedDealEvent, state: DealState): DealDomainError | null {
  if (event.type === 'retracted') return null;
  const stage: Stage = state.status ?? 'new';
  if (!ALLOWED_IN[event.type].includes(stage)) {
    const where = stage === 'new' ? 'as the first event of a deal' : `when the deal is ${stage} (as it stood on ${event.occurredOn})`;
    const allowed = ALLOWED_IN[event.type].map((s) => (s === 'new' ? 'a new deal' : s)).join(', ');
    return new InvalidTransition(`A "${event.type}" event is not allowed ${where}; allowed: ${allowed}.`);
  }
  if ((event.type === 'closed' || event.type === 'terminated') && state.announcedOn && event.occurredOn < state.announcedOn) {
    return new RuleViolated(`A deal cannot be ${event.type} (${event.occurredOn}) before it was announced (${state.announcedOn}).`);
  }
  if (event.type === 'competing_bid' && isParty(event.bidder, state)) {
    return new RuleViolated("A competing bidder cannot be the deal's own acquirer or target.");
  }
  return null;
}

const isParty = (party: Party, state: DealState) => [state.acquirer?.companyId, state.target?.companyId].includes(party.companyId);

function resolveParties(input: DealEventInput): DealEventData {
  const resolve = (p: PartyInput | undefined) => (p ? resolveParty(p) : undefined);
  switch (input.type) {
    case 'rumored':
    case 'announced': {
      const { seller, ...rest } = input;
      const resolved = { ...rest, acquirer: resolveParty(input.acquirer), target: resolveParty(input.target) };
      return seller ? { ...resolved, seller: resolve(seller) } : resolved;
    }
    case 'competing_bid':
      return { ...input, bidder: resolveParty(input.bidder) };
    case 'advisor_retained':
      return { ...input, advisor: resolveParty(input.advisor) };
    case 'retracted': {
      const { eventId, ...rest } = input;
      return { ...rest, retractedEventId: eventId };
    }
    default:
      return input;
  }
}
