// decideAndEvolve keeps the walk that checked a back-dated event or a retraction as the new state: it must answer
// exactly what decide then evolve answer, refusals included.
import fc from 'fast-check';
import type { DealCommand } from './deal.commands.js';
import { decide, decideAndEvolve } from './deal.decide.js';
import type { DealEventData, DealEventInput, RecordedDealEvent } from './deal.events.js';
import { type DealState, evolve, initialDealState } from './deal.js';
import {
  DEAL_ID,
  NOW,
  advisorRetained,
  announced,
  closed,
  competingBid,
  eventIdAt,
  gbp,
  priced,
  recordEvent,
  regulatory,
  retraction,
  shareholderVote,
  startDeal,
  voided,
  withdrawn,
} from './deal.test-helpers.js';

/** Numbers and dates the decided event as the store would: the next version, an id from it. */
const recorder = (state: DealState) => (event: DealEventData): RecordedDealEvent =>
  ({ ...event, eventId: eventIdAt(state.version + 1), version: state.version + 1, recordedAt: `2025-01-01T09:00:${String(state.version).padStart(2, '0')}.000Z`, actor: 'a' }) as RecordedDealEvent;

type Outcome = { after: DealState; event: RecordedDealEvent } | { refused: string };

function both(command: DealCommand, state: DealState): { separately: Outcome; together: Outcome } {
  const attempt = (run: () => { after: DealState; event: RecordedDealEvent }): Outcome => {
    try {
      return run();
    } catch (error) {
      return { refused: `${(error as Error).name}: ${(error as Error).message}` };
    }
  };
  const separately = attempt(() => {
    const [data] = decide(command, state, NOW);
    const event = recorder(state)(data);
    return { after: evolve(state, event), event };
  });
  const together = attempt(() => decideAndEvolve(command, state, NOW, recorder(state)));
  return { separately, together };
}

/** Applies each command that is accepted; answers how many of them were back-dated or retractions. */
function check(commands: DealCommand[]): number {
  let state = initialDealState(DEAL_ID);
  let walkedOnes = 0;
  for (const command of commands) {
    const { separately, together } = both(command, state);
    expect(together).toStrictEqual(separately);
    if ('refused' in together) continue;
    if (together.event.type === 'retracted' || (state.lastOccurredOn !== null && together.event.occurredOn < state.lastOccurredOn)) walkedOnes++;
    state = together.after;
  }
  return walkedOnes;
}

describe('decideAndEvolve answers what decide then evolve answer', () => {
  it('for a back-dated price and the retraction of a step', () => {
    const walked = check([
      startDeal(announced({ occurredOn: '2024-02-01' })),
      recordEvent(priced({ occurredOn: '2024-04-01', value: gbp('100') })),
      recordEvent(regulatory({ occurredOn: '2024-05-01' })),
      recordEvent(priced({ occurredOn: '2024-03-01', value: gbp('90') })),
      recordEvent(retraction(eventIdAt(2), '2024-06-01')),
      recordEvent(closed({ occurredOn: '2024-01-15' })), // refused: before the announcement
    ]);
    expect(walked).toBe(2);
  });

  it('for any sequence of steps and retractions, accepted or refused', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2024, 1, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const step: fc.Arbitrary<DealEventInput | number> = fc.oneof(
      day.map((occurredOn) => priced({ occurredOn, value: gbp(occurredOn.replace(/-/g, '')) })),
      day.map((occurredOn) => regulatory({ occurredOn })),
      day.map((occurredOn) => shareholderVote({ occurredOn })),
      day.map((occurredOn) => advisorRetained({ occurredOn })),
      day.map((occurredOn) => competingBid({ occurredOn })),
      day.map((occurredOn) => closed({ occurredOn })),
      day.map((occurredOn) => withdrawn({ occurredOn })),
      day.map((occurredOn) => voided({ occurredOn })),
      fc.integer({ min: 1, max: 10 }), // the retraction of the event at that version
    );
    let walked = 0;
    fc.assert(
      fc.property(fc.array(step, { maxLength: 10 }), (steps) => {
        const commands = steps.map((s) => recordEvent(typeof s === 'number' ? retraction(eventIdAt(s), '2024-04-01') : s));
        walked += check([startDeal(announced({ occurredOn: '2024-02-01' })), ...commands]);
      }),
    );
    // The property is about the walked path: make sure the runs took it.
    expect(walked).toBeGreaterThan(50);
  });
});
