// The staging step every deal write shares (POST /deals, POST /deals/{id}/events and each line of a bulk import):
// resolve the parties, decide on the deal's state, number the new events after it and fold them in.
import type { EventMetadata, PendingEvent } from '../../event-store/stored-event.js';
import { pendingEvents } from '../../event-store/stored-event.js';
import { toDealEvent, toNewEvent } from '../deal-stream.js';
import type { DealCommand } from '../domain/deal.commands.js';
import { decideAndEvolve } from '../domain/deal.decide.js';
import type { DealState } from '../domain/deal.js';
import type { DealEventData } from '../domain/deal.events.js';
import { type KnownCompanies, resolveParties } from './company-directory.js';

export interface StagedWrite {
  /** The new events, numbered after the state's version, not yet appended. */
  events: PendingEvent[];
  /** The deal's state with them. */
  after: DealState;
}

export interface StagingContext {
  /** The deal's stream (loadForWrite resolves it). */
  streamId: string;
  known: KnownCompanies;
  /** The database time the write read: the decider's today and the events' recordedAt. */
  now: string;
  metadata: EventMetadata;
  /** The id of the i-th new event. */
  eventId(i: number): string;
}

/** Throws the decider's refusal (a DealDomainError) when the command is not allowed on the state. */
export function stageDealWrite(state: DealState, command: DealCommand, context: StagingContext): StagedWrite {
  let pending!: PendingEvent;
  const record = (event: DealEventData) => {
    [pending] = pendingEvents(context.streamId, state.version, [toNewEvent(context.eventId(0), event)], context.metadata, context.now);
    return toDealEvent(pending);
  };
  const { after } = decideAndEvolve(resolveParties(command, context.known), state, new Date(context.now), record);
  return { events: [pending], after };
}
