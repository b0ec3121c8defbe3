// `decide`: the lifecycle rules of API.md as one pure function. Time comes in with the call, never from a clock.
import { resolveParty } from './company-id.js';
import type { DealCommand } from './deal.commands.js';
import { DealAlreadyExists, DealNotFound, InvalidTransition, RuleViolated } from './deal.errors.js';
import type { DealEventData, DealEventInput, DealEventType, PartyInput } from './deal.events.js';
import { type DealState, type DealStatus, assertNever, dealExists } from './deal.js';

type Stage = DealStatus | 'new';

/** The terms a "priced" event must carry at least one of (equivalents alone price nothing). */
const TRACKED_TERMS = ['value', 'pricePerShare', 'consideration', 'stakePercent'] as const;

/** Which statuses each event type may be recorded in ('new' = the deal does not exist yet). */
const ALLOWED_IN: Record<DealEventType, readonly Stage[]> = {
  rumored: ['new'],
  announced: ['new', 'rumored'],
  priced: ['rumored', 'pending'],
  competing_bid: ['pending'],
  regulatory: ['pending'],
  shareholder_vote: ['pending'],
  termination_attempted: ['pending'],
  closed: ['pending'],
  terminated: ['pending'],
  withdrawn: ['rumored', 'pending'],
  retracted: ['rumored', 'pending', 'closed', 'terminated', 'withdrawn'],
};

export function decide(command: DealCommand, state: DealState, now: Date): DealEventData[] {
  const exists = dealExists(state);
  if (command.kind === 'StartDeal' && exists) throw new DealAlreadyExists(command.dealId);
  if (command.kind === 'RecordDealEvent' && !exists) throw new DealNotFound(command.dealId);
  const event = resolveParties(command.event);
  checkTransition(event.type, exists ? (state.status as DealStatus) : 'new');
  checkDates(event, state, utcDate(now));
  checkRules(event, state);
  return [event];
}

export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function checkTransition(type: DealEventType, stage: Stage): void {
  if (ALLOWED_IN[type].includes(stage)) return;
  const where = stage === 'new' ? 'as the first event of a deal' : `when the deal is ${stage}`;
  const allowed = ALLOWED_IN[type].map((s) => (s === 'new' ? 'a new deal' : s)).join(', ');
  throw new InvalidTransition(`A "${type}" event is not allowed ${where} (allowed: ${allowed}).`);
}

function checkDates(event: DealEventData, state: DealState, today: string): void {
  if (event.occurredOn > today) {
    throw new RuleViolated(`occurredOn ${event.occurredOn} is after today (${today}, UTC).`);
  }
  const first = state.history[0]?.occurredOn;
  if (first && event.occurredOn < first) {
    throw new RuleViolated(`occurredOn ${event.occurredOn} is before the deal's first event (${first}).`);
  }
  const closesDeal = event.type === 'closed' || event.type === 'terminated';
  if (closesDeal && state.announcedOn && event.occurredOn < state.announcedOn) {
    throw new RuleViolated(`A deal cannot be ${event.type} (${event.occurredOn}) before it was announced (${state.announcedOn}).`);
  }
}

function checkRules(event: DealEventData, state: DealState): void {
  switch (event.type) {
    case 'rumored':
    case 'announced':
      if (event.acquirer.companyId === event.target.companyId) {
        throw new RuleViolated('The acquirer and the target are the same company.');
      }
      return;
    case 'priced':
      if (TRACKED_TERMS.every((term) => event[term] === undefined)) {
        throw new RuleViolated('A "priced" event must carry at least one term.');
      }
      return;
    case 'retracted':
      return checkRetraction(event.retractedEventId, state);
    case 'competing_bid':
    case 'regulatory':
    case 'shareholder_vote':
    case 'termination_attempted':
    case 'closed':
    case 'terminated':
    case 'withdrawn':
      return;
    default:
      return assertNever(event);
  }
}

function checkRetraction(eventId: string, state: DealState): void {
  const target = state.history.find((e) => e.eventId === eventId);
  if (!target) throw new RuleViolated(`Event ${eventId} is not an event of this deal.`);
  if (target.type === 'retracted') throw new RuleViolated('A retraction cannot itself be retracted.');
  if (state.retractedIds.includes(eventId)) throw new RuleViolated(`Event ${eventId} is already retracted.`);
  if (eventId === state.history[0].eventId) {
    throw new RuleViolated("The deal's first event cannot be retracted; withdraw the deal instead.");
  }
}

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
    case 'retracted': {
      const { eventId, ...rest } = input;
      return { ...rest, retractedEventId: eventId };
    }
    default:
      return input;
  }
}
