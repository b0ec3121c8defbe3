import { companyIdFor } from './company-id.js';
import { DealAlreadyExists, DealNotFound, InvalidTransition, RuleViolated } from './deal.errors.js';
import type { DealEventData, DealEventInput, DealEventType } from './deal.events.js';
import type { DealStatus } from './deal.js';
import {
  ACME,
  GOLDMAN,
  advisorRetained,
  DEAL_ID,
  RIVAL,
  WIDGET,
  announced,
  closed,
  competingBid,
  eur,
  eventIdAt,
  gbp,
  given,
  priced,
  recordEvent,
  regulatory,
  retracted,
  retraction,
  rumored,
  shareholderVote,
  startDeal,
  terminated,
  terminationAttempted,
  usd,
  voided,
  withdrawn,
} from './deal.test-helpers.js';

type Stage = DealStatus | 'new';
const STAGES: Stage[] = ['new', 'rumored', 'pending', 'closed', 'terminated', 'withdrawn', 'voided'];

/** A short history that leaves the deal in each stage; every existing deal has a 2nd event that can be retracted. */
const HISTORY_IN: Record<Stage, DealEventData[]> = {
  new: [],
  rumored: [rumored(), priced({ occurredOn: '2024-01-20', pricePerShare: gbp('4.00') })],
  pending: [rumored(), announced()],
  closed: [announced(), closed()],
  terminated: [announced(), terminated()],
  withdrawn: [rumored(), withdrawn()],
  voided: [announced(), voided()],
};

/** One valid event of each type, dated after every history above so that only the status decides. */
const LATER = '2024-08-01';
const ATTEMPT: Record<DealEventType, DealEventInput> = {
  rumored: rumored({ occurredOn: LATER }),
  announced: announced({ occurredOn: LATER }),
  priced: priced({ occurredOn: LATER, value: gbp('1300000000') }),
  competing_bid: competingBid({ occurredOn: LATER }),
  regulatory: regulatory({ occurredOn: LATER }),
  advisor_retained: advisorRetained({ occurredOn: LATER }),
  shareholder_vote: shareholderVote({ occurredOn: LATER }),
  termination_attempted: terminationAttempted({ occurredOn: LATER }),
  closed: closed({ occurredOn: LATER }),
  terminated: terminated({ occurredOn: LATER }),
  withdrawn: withdrawn({ occurredOn: LATER }),
  voided: voided({ occurredOn: LATER }),
  retracted: retraction(eventIdAt(2), LATER),
};

/** "accepted" when decide answers one event of the attempted type, else the refusal's code. */
function outcome(type: DealEventType, stage: Stage): string {
  const result = given(HISTORY_IN[stage]).when(ATTEMPT[type]);
  if (Array.isArray(result)) return result.length === 1 && result[0].type === type ? 'accepted' : 'unexpected events';
  return (result as Error & { code?: string }).code ?? result.message;
}

describe('decide: which event types each status allows (the contract table)', () => {
  it.each(STAGES)('the fixture history for "%s" really leaves the deal there', (stage) => {
    expect(given(HISTORY_IN[stage]).state.status).toBe(stage === 'new' ? null : stage);
  });

  it.each<[DealEventType, Stage[]]>([
    ['rumored', ['new']],
    ['announced', ['new', 'rumored']],
    ['priced', ['rumored', 'pending']],
    ['competing_bid', ['pending']],
    ['regulatory', ['pending']],
    ['advisor_retained', ['rumored', 'pending', 'closed', 'terminated', 'withdrawn']],
    ['shareholder_vote', ['pending']],
    ['termination_attempted', ['pending']],
    ['closed', ['pending']],
    ['terminated', ['pending']],
    ['withdrawn', ['rumored', 'pending']],
    ['voided', ['rumored', 'pending', 'closed', 'terminated', 'withdrawn']],
    ['retracted', ['rumored', 'pending', 'closed', 'terminated', 'withdrawn', 'voided']],
  ])('"%s" is accepted in %j and refused with INVALID_TRANSITION in every other status', (type, allowed) => {
    const outcomes = Object.fromEntries(STAGES.map((stage) => [stage, outcome(type, stage)]));
    const expected = Object.fromEntries(
      STAGES.map((stage) => [stage, allowed.includes(stage) ? 'accepted' : 'INVALID_TRANSITION']),
    );
    expect(outcomes).toEqual(expected);
  });

  it('lets a deal close after a "blocked" regulatory decision (blocked is not terminal)', () => {
    const history = [announced(), regulatory({ decision: 'blocked' })];
    expect(given(history).when(closed())).toEqual([closed()]);
  });
});

describe('decide: starting and addressing a deal', () => {
  it('starts a deal from a rumour', () => {
    expect(given([]).when(startDeal(rumored()))).toEqual([rumored()]);
  });

  it('starts a deal from an announcement', () => {
    expect(given([]).when(startDeal(announced()))).toEqual([announced()]);
  });

  it.each([rumored(), announced()])('refuses StartDeal ($type) on an existing deal with DealAlreadyExists', (event) => {
    expect(given([rumored()]).when(startDeal(event))).toBeInstanceOf(DealAlreadyExists);
  });

  it('refuses RecordDealEvent on a missing deal with DealNotFound', () => {
    expect(given([]).when(recordEvent(announced()))).toBeInstanceOf(DealNotFound);
  });

  it('refuses a StartDeal of any other type with InvalidTransition, not DealNotFound', () => {
    expect(given([]).when(startDeal(priced({ value: gbp('1') })))).toBeInstanceOf(InvalidTransition);
  });
});

describe('decide: parties', () => {
  it('resolves each named party to its company id', () => {
    const posted = { ...announced(), acquirer: { name: ' Acme Corp ' }, target: { name: 'Widget Ltd' }, seller: { name: 'Holdco SA' } };
    const result = given([]).when(posted);
    expect(result).toEqual([
      announced({
        acquirer: { name: 'Acme Corp', companyId: companyIdFor('Acme Corp') },
        target: { name: 'Widget Ltd', companyId: companyIdFor('Widget Ltd') },
        seller: { name: 'Holdco SA', companyId: companyIdFor('Holdco SA') },
      }),
    ]);
  });

  it('keeps a pinned company id', () => {
    const pinned = '9a4c0b57-5a87-4f0e-8a47-2b3c4d5e6f70';
    const result = given([]).when(rumored({ target: { name: 'Twitter', companyId: pinned } }));
    expect(result).toEqual([rumored({ target: { name: 'Twitter', companyId: pinned } })]);
  });

  it("resolves a competing bid's bidder", () => {
    const result = given([announced()]).when({ ...competingBid(), bidder: { name: 'Rival plc' } });
    expect(result).toEqual([competingBid({ bidder: RIVAL })]);
  });

  it("resolves an advisor's company", () => {
    const result = given([announced()]).when({ ...advisorRetained(), advisor: { name: ' Goldman Sachs ' } });
    expect(result).toEqual([advisorRetained({ advisor: GOLDMAN })]);
  });
});

describe('decide: advisors', () => {
  it('credits an advisor after the closing, or back-fills one dated before it', () => {
    const history = [announced(), closed()];
    expect(given(history).when(advisorRetained({ occurredOn: '2024-09-30' }))).toEqual([advisorRetained({ occurredOn: '2024-09-30' })]);
    expect(given(history).when(advisorRetained({ occurredOn: '2024-02-15', side: 'target', role: 'legal' }))).toEqual([
      advisorRetained({ occurredOn: '2024-02-15', side: 'target', role: 'legal' }),
    ]);
  });

  it("refuses one dated before the deal's first event, and any on a voided deal", () => {
    expect(given([announced()]).when(advisorRetained({ occurredOn: '2024-01-01' }))).toBeInstanceOf(RuleViolated);
    expect(given([announced(), voided()]).when(advisorRetained({ occurredOn: '2024-09-30' }))).toBeInstanceOf(InvalidTransition);
  });
});

describe('decide: acquirer and target must differ', () => {
  it.each([
    ['the same normalised name', { name: 'ACME corp.' }],
    ['the same pinned company id', { name: 'Widget Ltd', companyId: ACME.companyId }],
  ])('refuses a rumour whose target has %s as the acquirer', (_, target) => {
    expect(given([]).when({ ...rumored(), acquirer: { name: 'Acme Corp' }, target })).toBeInstanceOf(RuleViolated);
  });

  it('refuses an announcement naming the same company on both sides', () => {
    const result = given([rumored()]).when({ ...announced(), acquirer: WIDGET, target: { name: 'widget  LTD' } });
    expect(result).toBeInstanceOf(RuleViolated);
  });

  it('accepts the same name pinned to two different companies', () => {
    const acquirer = { name: 'Acme', companyId: '11111111-1111-4111-8111-111111111111' };
    const target = { name: 'Acme', companyId: '22222222-2222-4222-8222-222222222222' };
    expect(given([]).when(rumored({ acquirer, target }))).toEqual([rumored({ acquirer, target })]);
  });
});

describe('decide: dates', () => {
  const now = new Date('2024-03-01T10:00:00Z');

  it('refuses an event dated after today', () => {
    expect(given([rumored()]).when(announced({ occurredOn: '2024-03-02' }), now)).toBeInstanceOf(RuleViolated);
  });

  it('refuses a first event dated after today', () => {
    expect(given([]).when(rumored({ occurredOn: '2024-03-02' }), now)).toBeInstanceOf(RuleViolated);
  });

  it('accepts an event dated today', () => {
    expect(given([rumored()]).when(announced({ occurredOn: '2024-03-01' }), now)).toEqual([
      announced({ occurredOn: '2024-03-01' }),
    ]);
  });

  it.each([
    ['00:30 UTC, still March 1st in New York', '2024-03-01T19:30:00-05:00', 'accepted'],
    ['23:30 UTC the day before, already March 2nd in Paris and Tokyo', '2024-03-02T08:30:00+09:00', 'RULE_VIOLATED'],
  ])('takes "today" in UTC: an event of 2024-03-02 decided at %s (%s) is %s', (_, at, expected) => {
    const result = given([rumored()]).when(announced({ occurredOn: '2024-03-02' }), new Date(at));
    expect(Array.isArray(result) ? 'accepted' : (result as RuleViolated).code).toBe(expected);
  });

  it.each([announced({ occurredOn: '2024-01-09' }), withdrawn({ occurredOn: '2024-01-09' })])(
    "refuses $type dated before the deal's first event",
    (event) => {
      expect(given([rumored({ occurredOn: '2024-01-10' })]).when(event)).toBeInstanceOf(RuleViolated);
    },
  );

  it("accepts an event dated on the deal's first day", () => {
    const event = priced({ occurredOn: '2024-01-10', value: gbp('1') });
    expect(given([rumored({ occurredOn: '2024-01-10' })]).when(event)).toEqual([event]);
  });

  it.each([closed({ occurredOn: '2024-01-31' }), terminated({ occurredOn: '2024-01-31' })])(
    'refuses $type dated before announcedOn',
    (event) => {
      expect(given([rumored(), announced({ occurredOn: '2024-02-01' })]).when(event)).toBeInstanceOf(RuleViolated);
    },
  );

  it.each([closed({ occurredOn: '2024-02-01' }), terminated({ occurredOn: '2024-02-01' })])(
    'accepts $type dated on announcedOn',
    (event) => {
      expect(given([rumored(), announced({ occurredOn: '2024-02-01' })]).when(event)).toEqual([event]);
    },
  );
});

describe('decide: priced', () => {
  it('refuses a priced event without terms', () => {
    expect(given([announced()]).when(priced())).toBeInstanceOf(RuleViolated);
  });

  it.each([{ expectedCloseOn: '2024-09-30' }, { reverseTerminationFee: usd('5') }, { attitude: 'hostile' as const }])(
    'takes a priced event that carries only one of the v1.1 terms (%p)',
    (terms) => {
      expect(given([announced()]).when(priced(terms))).toEqual([priced(terms)]);
    },
  );

  it('refuses a priced event that only carries equivalents (no value they could be equivalent to)', () => {
    expect(given([announced()]).when(priced({ equivalents: [eur('1')] }))).toBeInstanceOf(RuleViolated);
  });

  it.each([
    { value: gbp('1400000000') },
    { pricePerShare: gbp('4.60') },
    { consideration: 'stock' as const },
    { stakePercent: 51 },
  ])('accepts a priced event carrying only %j', (terms) => {
    expect(given([announced()]).when(priced(terms))).toEqual([priced(terms)]);
  });
});

describe('decide: retraction', () => {
  const history = [rumored(), announced(), priced({ value: gbp('1') }), retracted(eventIdAt(3))];

  it("records a posted retraction's eventId as the event it retracts", () => {
    const posted = { type: 'retracted', occurredOn: '2024-07-03', eventId: eventIdAt(2), reason: 'wrong deal' } as const;
    expect(given(history).when(posted)).toEqual([
      { type: 'retracted', occurredOn: '2024-07-03', retractedEventId: eventIdAt(2), reason: 'wrong deal' },
    ]);
  });

  it.each([
    ['an unknown event', eventIdAt(99)],
    ['an already retracted event', eventIdAt(3)],
    ['a retraction', eventIdAt(4)],
    ["the deal's first event", eventIdAt(1)],
  ])('refuses retracting %s', (_, eventId) => {
    expect(given(history).when(retraction(eventId))).toBeInstanceOf(RuleViolated);
  });
});

describe('decide: the lifecycle holds in business-date order', () => {
  const closedDeal = [announced(), closed({ occurredOn: '2024-07-01' })];

  it.each([
    regulatory({ occurredOn: '2024-05-20' }),
    shareholderVote({ occurredOn: '2024-06-03' }),
    priced({ occurredOn: '2024-03-12', value: gbp('1400000000') }),
    competingBid({ occurredOn: '2024-03-05' }),
  ])('back-fills a $type dated before the close of a closed deal', (event) => {
    expect(given(closedDeal).when(event)).toEqual([event]);
  });

  it('refuses a shareholder vote dated after the close, as it stood then', () => {
    const result = given(closedDeal).when(shareholderVote({ occurredOn: '2024-07-02' }));
    expect(result).toBeInstanceOf(InvalidTransition);
    expect((result as Error).message).toContain('when the deal is closed (as it stood on 2024-07-02)');
  });

  it('refuses an event that would leave a later-dated one invalid: a withdrawal dated before the close', () => {
    const result = given(closedDeal).when(withdrawn({ occurredOn: '2024-06-01' }));
    expect(result).toBeInstanceOf(InvalidTransition);
    expect((result as Error).message).toContain('would leave the later "closed" event of 2024-07-01 invalid');
  });

  it('refuses a competing bid dated after an earlier-recorded termination', () => {
    expect(given([announced(), terminated({ occurredOn: '2024-07-01' })]).when(competingBid({ occurredOn: '2024-07-05' }))).toBeInstanceOf(
      InvalidTransition,
    );
  });

  it('refuses retracting the announcement of a closed deal: the close would have nothing to close', () => {
    const result = given([rumored(), announced(), closed()]).when(retraction(eventIdAt(2)));
    expect(result).toBeInstanceOf(RuleViolated);
    expect((result as Error).message).toContain('the "closed" event of 2024-07-01 is then refused');
  });

  it('accepts retracting an announcement nothing later depends on: the deal is a rumour again', () => {
    const history = [rumored(), announced()];
    expect(given(history).when(retraction(eventIdAt(2)))).toHaveLength(1);
  });

  it('decides a back-filled event on the deal as it stood on its date, not as it stands now', () => {
    // Pending on 2024-03-05, closed since 2024-07-01: a competing bid of March is valid history.
    expect(given([announced(), closed()]).when(competingBid())).toEqual([competingBid()]);
    // Rumoured on 2024-01-20, announced only on 2024-02-01: a regulatory step of January is not.
    expect(given([rumored(), announced()]).when(regulatory({ occurredOn: '2024-01-20' }))).toBeInstanceOf(InvalidTransition);
  });
});

describe('decide: voiding a deal entered by mistake', () => {
  it('is allowed in every status, also dated after the end', () => {
    expect(given([announced(), closed()]).when(voided({ occurredOn: '2024-07-05' }))).toEqual([voided({ occurredOn: '2024-07-05' })]);
  });

  it('is followed by nothing but a retraction', () => {
    const history = [announced(), voided()];
    expect(given(history).when(priced({ occurredOn: '2024-07-03', value: gbp('1') }))).toBeInstanceOf(InvalidTransition);
    expect(given(history).when(voided({ occurredOn: '2024-07-03' }))).toBeInstanceOf(InvalidTransition);
    expect(given(history).when(retraction(eventIdAt(2), '2024-07-03'))).toHaveLength(1);
  });

  it('takes the retraction of its voiding only, not of another of its events', () => {
    const history = [announced(), regulatory(), voided()];
    expect(given(history).when(retraction(eventIdAt(2), '2024-07-03'))).toBeInstanceOf(InvalidTransition);
    expect(given(history).when(retraction(eventIdAt(3), '2024-07-03'))).toHaveLength(1);
  });

  it('is followed by nothing but a retraction even when the new event is dated before the voiding', () => {
    const history = [announced(), voided({ occurredOn: '2024-07-02' })];
    expect(given(history).when(closed({ occurredOn: '2024-05-01' }))).toBeInstanceOf(InvalidTransition);
    expect(given(history).when(priced({ occurredOn: '2024-03-01', value: gbp('1') }))).toBeInstanceOf(InvalidTransition);
  });

  it('is refused when dated before events of the deal, which could no longer follow it', () => {
    expect(given([announced(), regulatory()]).when(voided({ occurredOn: '2024-03-01' }))).toBeInstanceOf(InvalidTransition);
  });

  it('is refused as a duplicate of the deal itself, in any letter case', () => {
    expect(given([announced()]).when(voided({ duplicateOf: DEAL_ID.toUpperCase() }))).toBeInstanceOf(RuleViolated);
    expect(given([announced()]).when(voided({ duplicateOf: '00000000-0000-4000-8000-0000000000aa' }))).toHaveLength(1);
  });
});

describe('decide: equivalents', () => {
  it('go with the value they restate, in another currency', () => {
    expect(given([]).when(announced({ value: usd('10'), equivalents: [eur('9')] }))).toHaveLength(1);
    expect(given([announced()]).when(closed({ finalValue: usd('10'), equivalents: [eur('9')] }))).toHaveLength(1);
  });

  it('are refused without the value, or in its own currency', () => {
    expect(given([]).when(announced({ equivalents: [eur('9')] }))).toBeInstanceOf(RuleViolated);
    expect(given([]).when(announced({ value: eur('10'), equivalents: [eur('9')] }))).toBeInstanceOf(RuleViolated);
    expect(given([announced()]).when(closed({ equivalents: [eur('9')] }))).toBeInstanceOf(RuleViolated);
    expect(given([announced()]).when(priced({ equivalents: [eur('9')] }))).toBeInstanceOf(RuleViolated);
  });

  it('are refused twice in one currency, which would leave the USD figure to chance', () => {
    expect(given([]).when(announced({ value: eur('5'), equivalents: [usd('5'), usd('6')] }))).toBeInstanceOf(RuleViolated);
  });
});

describe('decide: parties that cannot be', () => {
  it("refuses a competing bid by the deal's own acquirer or target", () => {
    expect(given([announced()]).when({ ...competingBid(), bidder: { name: 'Acme Corp' } })).toBeInstanceOf(RuleViolated);
    expect(given([announced()]).when({ ...competingBid(), bidder: { name: 'Widget Ltd' } })).toBeInstanceOf(RuleViolated);
  });

  it('refuses a seller that is the acquirer or the target', () => {
    expect(given([]).when({ ...announced(), seller: { name: 'acme corp' } })).toBeInstanceOf(RuleViolated);
    expect(given([rumored()]).when({ ...announced(), seller: { name: 'WIDGET LTD.' } })).toBeInstanceOf(RuleViolated);
  });

  it('says a deal starts with a rumour or an announcement when POST /deals has another type', () => {
    const result = given([]).when(startDeal(closed()));
    expect(result).toBeInstanceOf(InvalidTransition);
    expect((result as Error).message).toBe('A deal starts with a "rumored" or "announced" event, not "closed".');
  });
});
