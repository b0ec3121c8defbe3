import fc from 'fast-check';
import type { DealEventData } from './deal.events.js';
import { type DealState, type TrackedTerm, evolve, initialDealState } from './deal.js';
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
  party,
  priced,
  recorded,
  regulatory,
  retracted,
  rumored,
  shareholderVote,
  terminated,
  terminationAttempted,
  usd,
  voided,
  withdrawn,
} from './deal.test-helpers.js';

const current = <T>(term: TrackedTerm<T> | null) => term?.current.value;
const initial = <T>(term: TrackedTerm<T> | null) => term?.initial?.value;

/** What the events still say about the deal, without the log-level bookkeeping. */
function effects(state: DealState) {
  const { history, retractedIds, version, updatedAt, lastOccurredOn, ...rest } = state;
  return rest;
}

describe('evolve: status and dates', () => {
  it('a rumour makes a rumored deal between its parties', () => {
    const { state } = given([rumored({ seller: party('Holdco SA') })]);
    expect(state).toMatchObject({
      status: 'rumored',
      rumoredOn: '2024-01-10',
      announcedOn: null,
      acquirer: ACME,
      target: WIDGET,
      seller: party('Holdco SA'),
    });
  });

  it('an announcement as first event makes a pending deal', () => {
    const { state } = given([announced({ dealType: 'merger', expectedCloseOn: '2024-09-30' })]);
    expect(state).toMatchObject({
      status: 'pending',
      announcedOn: '2024-02-01',
      rumoredOn: null,
      dealType: 'merger',
    });
    expect(state.expectedCloseOn?.current.value).toBe('2024-09-30');
  });

  it('announcing a rumoured deal keeps rumoredOn, takes the announced parties and keeps the rumoured seller', () => {
    const acquirer = party('Acme Holdings');
    const { state } = given([rumored({ seller: party('Holdco SA') }), announced({ acquirer })]);
    expect(state).toMatchObject({
      status: 'pending',
      rumoredOn: '2024-01-10',
      announcedOn: '2024-02-01',
      acquirer,
      target: WIDGET,
      seller: party('Holdco SA'),
    });
  });

  it.each<[string, DealEventData[], Partial<DealState>]>([
    ['closed', [announced(), closed()], { status: 'closed', closedOn: '2024-07-01', endedOn: null }],
    ['terminated', [announced(), terminated()], { status: 'terminated', endedOn: '2024-07-01', closedOn: null }],
    ['withdrawn (pending)', [announced(), withdrawn()], { status: 'withdrawn', endedOn: '2024-07-01', closedOn: null }],
    ['withdrawn (rumored)', [rumored(), withdrawn()], { status: 'withdrawn', endedOn: '2024-07-01', announcedOn: null }],
  ])('%s ends the deal on its date', (_, history, expected) => {
    expect(given(history).state).toMatchObject(expected);
  });

  it('terminated sets the termination fee', () => {
    const { state } = given([announced(), terminated({ terminationFee: gbp('50000000') })]);
    expect(state.terminationFee).toEqual(gbp('50000000'));
  });

  it('terminated without a fee leaves it null', () => {
    expect(given([announced(), terminated()]).state.terminationFee).toBeNull();
  });

  it('version and updatedAt follow the last recorded event', () => {
    const events = [rumored(), announced(), closed()];
    const { state } = given(events);
    expect(state).toMatchObject({ version: 3, updatedAt: recorded(events)[2].recordedAt, history: recorded(events) });
  });
});

describe('evolve: terms are tracked field by field', () => {
  const announcedTerms = announced({
    value: gbp('1200000000'),
    pricePerShare: gbp('4.10'),
    consideration: 'cash',
    stakePercent: 100,
  });

  it('the first terms are both initial and current', () => {
    const { state } = given([announcedTerms]);
    expect([current(state.value), initial(state.value)]).toEqual([gbp('1200000000'), gbp('1200000000')]);
  });

  it('a later priced value becomes current; the initial stays', () => {
    const { state } = given([announcedTerms, priced({ value: gbp('1400000000') })]);
    expect([current(state.value), initial(state.value)]).toEqual([gbp('1400000000'), gbp('1200000000')]);
  });

  it('a field an event omits keeps its value', () => {
    const { state } = given([
      announcedTerms,
      priced({ occurredOn: '2024-03-12', pricePerShare: gbp('4.60') }),
      priced({ occurredOn: '2024-04-02', consideration: 'mixed', stakePercent: 75 }),
    ]);
    expect({
      value: current(state.value),
      pricePerShare: current(state.pricePerShare),
      consideration: current(state.consideration),
      stakePercent: current(state.stakePercent),
    }).toEqual({ value: gbp('1200000000'), pricePerShare: gbp('4.60'), consideration: 'mixed', stakePercent: 75 });
  });

  it('keeps initial values field by field', () => {
    const { state } = given([announcedTerms, priced({ pricePerShare: gbp('4.60'), consideration: 'stock' })]);
    expect([initial(state.pricePerShare), initial(state.consideration)]).toEqual([gbp('4.10'), 'cash']);
  });

  it('a back-filled older priced does not override a newer value', () => {
    const { state } = given([
      announcedTerms,
      priced({ occurredOn: '2024-03-12', value: gbp('1400000000') }),
      priced({ occurredOn: '2024-02-15', value: gbp('1300000000') }),
    ]);
    expect([current(state.value), initial(state.value)]).toEqual([gbp('1400000000'), gbp('1200000000')]);
  });

  it('a back-filled priced dated before the announcement is neither current nor initial', () => {
    const { state } = given([rumored(), announcedTerms, priced({ occurredOn: '2024-01-20', value: gbp('1100000000') })]);
    expect([current(state.value), initial(state.value)]).toEqual([gbp('1200000000'), gbp('1200000000')]);
  });

  it('a back-filled priced dated between the announcement and a later one becomes the initial value', () => {
    const events = [announced({ value: gbp('1200000000') }), priced({ occurredOn: '2024-03-01', value: gbp('1300000000') })];
    const { state } = given([rumored(), announced(), ...events.slice(1), priced({ occurredOn: '2024-02-10', value: gbp('1250000000') })]);
    expect([current(state.value), initial(state.value)]).toEqual([gbp('1300000000'), gbp('1250000000')]);
  });

  it('on the same date the later recorded event is current and the first recorded stays initial', () => {
    const { state } = given([announcedTerms, priced({ occurredOn: '2024-02-01', value: gbp('1250000000') })]);
    expect([current(state.value), initial(state.value)]).toEqual([gbp('1250000000'), gbp('1200000000')]);
  });

  it("a rumour's terms count, but the announcement's are the initial ones (Twitter: rumoured 43bn, announced 44bn)", () => {
    const { state } = given([rumored({ value: usd('43000000000') }), announced({ value: usd('44000000000') })]);
    expect([current(state.value), initial(state.value)]).toEqual([usd('44000000000'), usd('44000000000')]);
  });

  it("a rumour's terms are the initial ones while the deal was never announced", () => {
    const { state } = given([rumored({ value: gbp('1000000000') }), priced({ occurredOn: '2024-01-20', value: gbp('1100000000') })]);
    expect([current(state.value), initial(state.value)]).toEqual([gbp('1100000000'), gbp('1000000000')]);
  });

  it('an announcement without terms leaves no initial value until a later event carries one', () => {
    const rumour = rumored({ value: gbp('1000000000') });
    expect(initial(given([rumour, announced()]).state.value)).toBeUndefined();
    expect(current(given([rumour, announced()]).state.value)).toEqual(gbp('1000000000'));
    expect(initial(given([rumour, announced(), priced({ value: gbp('1300000000') })]).state.value)).toEqual(gbp('1300000000'));
  });

  it('tracks every other term the same way, field by field: the latest-dated current, the announcement\'s initial', () => {
    // Pfizer–Seagen: announced with its fees and dates; the expected close moved, the fees never did.
    const { state } = given([
      rumored({ enterpriseValue: usd('40000000000'), attitude: 'unsolicited' }),
      announced({
        enterpriseValue: usd('43000000000'),
        equityValue: usd('43400000000'),
        cashPercent: 100,
        premiumPercent: '32.7',
        targetTerminationFee: usd('1640000000'),
        reverseTerminationFee: usd('2200000000'),
        expectedCloseOn: '2024-03-31',
        outsideDate: '2024-06-13',
        attitude: 'friendly',
        offerStructure: 'one_step_merger',
      }),
      priced({ expectedCloseOn: '2023-12-31' }),
      priced({ occurredOn: '2024-04-01', exchangeRatio: '0.5', cashPercent: 60 }),
    ]);
    expect([current(state.expectedCloseOn), initial(state.expectedCloseOn)]).toEqual(['2023-12-31', '2024-03-31']);
    expect([current(state.enterpriseValue), initial(state.enterpriseValue)]).toEqual([usd('43000000000'), usd('43000000000')]);
    expect([current(state.cashPercent), initial(state.cashPercent)]).toEqual([60, 100]);
    expect([current(state.exchangeRatio), initial(state.exchangeRatio)]).toEqual(['0.5', '0.5']);
    expect([current(state.attitude), initial(state.attitude)]).toEqual(['friendly', 'friendly']);
    expect(current(state.reverseTerminationFee)).toEqual(usd('2200000000'));
    expect(current(state.outsideDate)).toBe('2024-06-13');
  });

  it("a competing bid's terms never become the deal's, new terms included", () => {
    const { state } = given([announced({ equityValue: usd('10') }), competingBid({ value: usd('12') })]);
    expect([current(state.equityValue), current(state.value)]).toEqual([usd('10'), undefined]);
  });

  it('keeps the stake held before, and who paid a termination fee', () => {
    const { state } = given([announced({ stakeHeldBeforePercent: 9.2 }), terminated({ terminationFee: usd('1000000000'), feePaidBy: 'acquirer' })]);
    expect(current(state.stakeHeldBeforePercent)).toBe(9.2);
    expect([state.terminationFee, state.feePaidBy]).toEqual([usd('1000000000'), 'acquirer']);
  });

  it('remembers which event set the current value', () => {
    const { state } = given([announcedTerms, priced({ occurredOn: '2024-03-12', value: gbp('1400000000') })]);
    expect(state.value?.current).toMatchObject({ occurredOn: '2024-03-12', version: 2 });
  });

  it("closed's finalValue becomes the current value", () => {
    const { state } = given([announcedTerms, closed({ finalValue: gbp('1500000000') })]);
    expect([current(state.value), initial(state.value)]).toEqual([gbp('1500000000'), gbp('1200000000')]);
  });

  it('closed without finalValue leaves the value', () => {
    expect(current(given([announcedTerms, closed()]).state.value)).toEqual(gbp('1200000000'));
  });
});

describe('evolve: the USD amount of the value', () => {
  it('is the amount itself when the value is in USD', () => {
    expect(given([announced({ value: usd('45000000000') })]).state.value?.current.usd).toBe('45000000000');
  });

  it("is the USD entry of the same event's equivalents otherwise", () => {
    const { state } = given([announced({ value: gbp('1200000000'), equivalents: [eur('1400000000'), usd('1500000000')] })]);
    expect(state.value?.current.usd).toBe('1500000000');
  });

  it('is absent without a USD equivalent', () => {
    const { state } = given([announced({ value: gbp('1200000000'), equivalents: [eur('1400000000')] })]);
    expect(state.value?.current).not.toHaveProperty('usd');
  });

  it("does not carry an older event's equivalent over to a newer value", () => {
    const { state } = given([
      announced({ value: gbp('1200000000'), equivalents: [usd('1500000000')] }),
      priced({ value: gbp('1400000000') }),
    ]);
    expect([state.value?.current.usd, state.value?.initial?.usd]).toEqual([undefined, '1500000000']);
  });

  it("comes with closed's finalValue from its equivalents", () => {
    const { state } = given([announced(), closed({ finalValue: eur('1600000000'), equivalents: [usd('1750000000')] })]);
    expect(state.value?.current.usd).toBe('1750000000');
  });

  it('matches the xAI / X sample: USD 45bn with a EUR equivalent', () => {
    const { state } = given([
      announced({
        occurredOn: '2025-03-28',
        acquirer: party('xAI'),
        target: party('X Corp.'),
        value: usd('45000000000'),
        equivalents: [eur('41600000000')],
      }),
    ]);
    expect(state).toMatchObject({ status: 'pending', announcedOn: '2025-03-28' });
    expect(state.value?.current).toMatchObject({ value: usd('45000000000'), usd: '45000000000' });
  });
});

describe('evolve: competing bids, regulatory steps, votes, contests', () => {
  const base = [announced({ value: gbp('1200000000'), pricePerShare: gbp('4.10') })];

  it('a competing bid is listed and changes nothing else about the deal', () => {
    const bid = competingBid({ value: gbp('1350000000'), pricePerShare: gbp('4.50') });
    const after = given([...base, bid]).state;
    const { competingBids, ...rest } = effects(after);
    expect(competingBids).toEqual([
      { eventId: eventIdAt(2), occurredOn: '2024-03-05', bidder: RIVAL, value: gbp('1350000000'), pricePerShare: gbp('4.50') },
    ]);
    expect({ ...rest, competingBids: [] }).toEqual(effects(given(base).state));
  });

  it('a competing bid without terms is listed with a null value and price', () => {
    const { state } = given([...base, competingBid()]);
    expect(state.competingBids).toMatchObject([{ bidder: RIVAL, value: null, pricePerShare: null }]);
  });

  it('an advisor is listed with its side and role, in business-date order, and changes nothing else', () => {
    const late = advisorRetained({ occurredOn: '2024-09-30', side: 'target', role: 'legal', advisor: RIVAL });
    const early = advisorRetained({ occurredOn: '2024-02-10' });
    const after = given([...base, late, early]).state;
    const { advisors, ...rest } = effects(after);
    expect(advisors).toEqual([
      { eventId: eventIdAt(3), occurredOn: '2024-02-10', advisor: GOLDMAN, side: 'acquirer', role: 'financial' },
      { eventId: eventIdAt(2), occurredOn: '2024-09-30', advisor: RIVAL, side: 'target', role: 'legal' },
    ]);
    expect({ ...rest, advisors: [] }).toEqual(effects(given(base).state));
  });

  it('a regulatory step is appended with its decision', () => {
    const { state } = given([...base, regulatory({ authority: 'CMA', jurisdiction: 'GB', decision: 'referred' })]);
    expect(state.regulatory).toEqual([
      { eventId: eventIdAt(2), occurredOn: '2024-05-20', authority: 'CMA', jurisdiction: 'GB', decision: 'referred', remedies: null },
    ]);
  });

  it('a regulatory step without jurisdiction has it null', () => {
    expect(given([...base, regulatory()]).state.regulatory[0].jurisdiction).toBeNull();
  });

  it('a "blocked" decision is not terminal: the deal stays pending', () => {
    const { state } = given([...base, regulatory({ decision: 'blocked' })]);
    expect(state).toMatchObject({ status: 'pending', endedOn: null, regulatory: [{ decision: 'blocked' }] });
  });

  it('lists are kept in business-date order, whatever the recorded order', () => {
    const { state } = given([
      ...base,
      regulatory({ occurredOn: '2024-05-20', authority: 'CMA' }),
      regulatory({ occurredOn: '2024-04-02', authority: 'EC' }),
    ]);
    expect(state.regulatory.map((step) => step.authority)).toEqual(['EC', 'CMA']);
  });

  it('a shareholder vote is appended', () => {
    const { state } = given([...base, shareholderVote({ party: 'acquirer', outcome: 'rejected' })]);
    expect(state.shareholderVotes).toEqual([
      { eventId: eventIdAt(2), occurredOn: '2024-06-03', party: 'acquirer', outcome: 'rejected' },
    ]);
  });

  it('an attempted termination makes the deal contested; it stays pending', () => {
    const { state } = given([...base, terminationAttempted({ by: 'target' })]);
    expect(state).toMatchObject({ contested: true, status: 'pending', endedOn: null });
  });
});

describe('evolve: retraction removes an event’s effect', () => {
  const base = [rumored(), announced({ value: gbp('1200000000') })];

  it.each<[string, DealEventData]>([
    ['a wrong closed (back to pending)', closed({ finalValue: gbp('1500000000') })],
    ['a priced (previous value restored)', priced({ value: gbp('1400000000') })],
    ['an attempted termination (no longer contested)', terminationAttempted()],
    ['a terminated (fee and endedOn gone)', terminated({ terminationFee: gbp('50000000') })],
    ['a withdrawn', withdrawn()],
    ['a competing bid', competingBid({ value: gbp('1350000000') })],
    ['a regulatory step', regulatory()],
    ['a shareholder vote', shareholderVote()],
  ])('retracting %s leaves the deal as if it had never been recorded', (_, event) => {
    const { state } = given([...base, event, retracted(eventIdAt(3))]);
    expect(effects(state)).toEqual(effects(given(base).state));
  });

  it('retracting the announcement leaves a rumoured deal', () => {
    const { state } = given([...base, retracted(eventIdAt(2))]);
    expect(state).toMatchObject({ status: 'rumored', announcedOn: null, value: null });
  });

  it('events recorded after the retracted one still count', () => {
    const { state } = given([
      ...base,
      priced({ occurredOn: '2024-03-12', value: gbp('1400000000') }),
      priced({ occurredOn: '2024-04-02', pricePerShare: gbp('4.70') }),
      retracted(eventIdAt(3)),
      terminationAttempted(),
    ]);
    expect([current(state.value), current(state.pricePerShare), state.contested]).toEqual([
      gbp('1200000000'),
      gbp('4.70'),
      true,
    ]);
  });

  it('the version counts every event, the retracted one and the retraction included', () => {
    const { state } = given([...base, priced({ value: gbp('1400000000') }), retracted(eventIdAt(3))]);
    expect(state).toMatchObject({ version: 4, retractedIds: [eventIdAt(3)] });
    expect(state.history.map((e) => e.type)).toEqual(['rumored', 'announced', 'priced', 'retracted']);
  });
});

describe('evolve: the sample history of samples/README.md', () => {
  const sample: DealEventData[] = [
    rumored({ occurredOn: '2024-01-10' }),
    announced({
      occurredOn: '2024-02-01',
      value: gbp('1200000000'),
      pricePerShare: gbp('4.10'),
      consideration: 'cash',
    }),
    competingBid({ occurredOn: '2024-03-05', value: gbp('1350000000') }),
    priced({ occurredOn: '2024-03-12', value: gbp('1400000000'), pricePerShare: gbp('4.60') }),
    regulatory({ occurredOn: '2024-05-20', authority: 'CMA', jurisdiction: 'GB', decision: 'approved_with_remedies' }),
    shareholderVote({ occurredOn: '2024-06-03', party: 'target', outcome: 'approved' }),
    closed({ occurredOn: '2024-07-01' }),
  ];

  it('ends closed at GBP 1.4bn (initially 1.2bn), 4.60 a share', () => {
    const { state } = given(sample);
    expect({
      status: state.status,
      value: current(state.value),
      initialValue: initial(state.value),
      pricePerShare: current(state.pricePerShare),
      initialPricePerShare: initial(state.pricePerShare),
      consideration: current(state.consideration),
    }).toEqual({
      status: 'closed',
      value: gbp('1400000000'),
      initialValue: gbp('1200000000'),
      pricePerShare: gbp('4.60'),
      initialPricePerShare: gbp('4.10'),
      consideration: 'cash',
    });
  });

  it('keeps its dates, lists and version', () => {
    const { state } = given(sample);
    expect(state).toMatchObject({
      rumoredOn: '2024-01-10',
      announcedOn: '2024-02-01',
      closedOn: '2024-07-01',
      endedOn: null,
      acquirer: ACME,
      contested: false,
      competingBids: [{ bidder: RIVAL, value: gbp('1350000000') }],
      regulatory: [{ authority: 'CMA', decision: 'approved_with_remedies' }],
      shareholderVotes: [{ party: 'target', outcome: 'approved' }],
      version: 7,
    });
  });

  it.each([
    ['2024-03-01', 'pending', gbp('1200000000')],
    ['2024-01-31', 'rumored', undefined],
  ])('as of %s (events that occurred by then) it is %s at %j', (asOf, status, value) => {
    const { state } = given(sample.filter((e) => e.occurredOn <= asOf));
    expect([state.status, current(state.value)]).toEqual([status, value]);
  });
});

describe('evolve: business-date order, whatever the order events were recorded in', () => {
  it('keeps a closed deal closed when a regulatory step of before the close is back-filled', () => {
    const { state } = given([announced(), closed({ occurredOn: '2024-07-01' }), regulatory({ occurredOn: '2024-05-20' })]);
    expect(state).toMatchObject({ status: 'closed', closedOn: '2024-07-01', version: 3 });
    expect(state.regulatory.map((r) => r.occurredOn)).toEqual(['2024-05-20']);
  });

  it('lists back-filled steps in date order, same-day ones in recorded order', () => {
    const { state } = given([
      announced(),
      regulatory({ occurredOn: '2024-05-20', authority: 'EC' }),
      regulatory({ occurredOn: '2024-03-01', authority: 'CMA' }),
      regulatory({ occurredOn: '2024-05-20', authority: 'FTC' }),
    ]);
    expect(state.regulatory.map((r) => r.authority)).toEqual(['CMA', 'EC', 'FTC']);
  });

  it('a voided deal has status voided until the voiding is retracted', () => {
    const history = [announced(), closed(), voided({ duplicateOf: '9f4c7f2e-1b0e-4c7e-8a55-0d1f2a3b4c5d' })];
    expect(given(history).state).toMatchObject({
      status: 'voided',
      closedOn: '2024-07-01',
      voided: { eventId: eventIdAt(3), reason: 'Entered twice', duplicateOf: '9f4c7f2e-1b0e-4c7e-8a55-0d1f2a3b4c5d' },
    });
    expect(given([...history, retracted(eventIdAt(3))]).state).toMatchObject({ status: 'closed', voided: null });
  });

  it('gives the same state whether events came in date order or not', () => {
    const inOrder = [rumored(), announced({ value: gbp('1') }), regulatory(), shareholderVote(), closed()];
    const shuffled = [inOrder[0], inOrder[1], inOrder[4], inOrder[3], inOrder[2]];
    expect(effects(given(shuffled).state)).toEqual({ ...effects(given(inOrder).state), regulatory: expect.anything(), shareholderVotes: expect.anything() });
    expect(given(shuffled).state.status).toBe('closed');
  });
});

describe('evolve: applying out-of-order events as they come equals folding them in date order', () => {
  const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2024, 1, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const step = fc.oneof(
    day.map((occurredOn) => priced({ occurredOn, value: gbp(occurredOn.replace(/-/g, '')) })),
    day.map((occurredOn) => regulatory({ occurredOn })),
    day.map((occurredOn) => shareholderVote({ occurredOn })),
    day.map((occurredOn) => closed({ occurredOn })),
    day.map((occurredOn) => withdrawn({ occurredOn })),
    day.map((occurredOn) => voided({ occurredOn })),
  );

  it('for any order of recording', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), (steps) => {
        const events = recorded([announced({ occurredOn: '2024-02-01' }), ...steps]);
        const inDateOrder = [...events].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.version - b.version));
        const asRecorded = events.reduce(evolve, initialDealState(DEAL_ID));
        const byDate = inDateOrder.reduce(evolve, initialDealState(DEAL_ID));
        expect(effects(asRecorded)).toEqual(effects(byDate));
      }),
    );
  });
});
