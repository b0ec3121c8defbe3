// fast-check generators of deal histories. Each history walks a lifecycle to a chosen ending (a rumour left open,
// a pending deal, a closing, a termination, a withdrawal), its events dated in order so the write path accepts them,
// then adds random events in random order, some of which the write path refuses: that is part of what the
// properties exercise. `statusCoverage` tells a test which endings its sample reached.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { DealWriter } from '../../src/deals/commands/deal-writer.js';
import type { DealCommand } from '../../src/deals/domain/deal.commands.js';
import { DealDomainError } from '../../src/deals/domain/deal.errors.js';
import type { DealEventInput } from '../../src/deals/domain/deal.events.js';
import { DEAL_STATUSES, type DealStatus } from '../../src/deals/domain/deal.js';
import { companyIdFor } from '../../src/deals/domain/company-id.js';
import { type TestApp, auth } from './test-app.js';

const PARTIES = ['Acme Corp', 'ACME corp.', 'Widget Ltd', 'Rival plc', 'Globex', 'Initech', 'Société Générale'];
const CURRENCIES = ['USD', 'GBP', 'EUR', 'JPY'];
const FIRST_DAY = Date.UTC(2023, 0, 1);

const dayAt = (n: number) => new Date(FIRST_DAY + n * 86_400_000).toISOString().slice(0, 10);
const daysOf = (date: string) => Math.round((Date.parse(date) - FIRST_DAY) / 86_400_000);
const day = fc.integer({ min: 0, max: 700 }).map(dayAt);
const parties = fc.uniqueArray(fc.constantFrom(...PARTIES), { minLength: 2, maxLength: 2, selector: (name) => name.toLowerCase().replace(/\W/g, '') });
const party = fc.constantFrom(...PARTIES).map((name) => ({ name }));
const amount = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }))
  .map(([whole, cents]) => (cents === undefined ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`));
const money = fc.record({ amount, currency: fc.constantFrom(...CURRENCIES) });
const terms = fc.record(
  {
    value: money,
    pricePerShare: fc.record({ amount: fc.constantFrom('4.10', '4.60', '12', '101.25'), currency: fc.constantFrom(...CURRENCIES) }),
    consideration: fc.constantFrom('cash', 'stock', 'mixed'),
    stakePercent: fc.constantFrom(10, 50, 100),
    equivalents: fc.constant([{ amount: '1000000', currency: 'USD' }]),
  },
  { requiredKeys: [] },
  // A USD equivalent goes with a value in another currency (alone, or beside a USD value, it is refused).
).map(({ equivalents, ...rest }) => (equivalents && rest.value && rest.value.currency !== 'USD' ? { ...rest, equivalents } : rest));

/** The deal's own terms: a competing bid's plus the v1.1 ones, which only rumours, announcements and pricings carry. */
const dealTerms = fc
  .tuple(
    terms,
    fc.record(
      {
        enterpriseValue: money,
        cashPercent: fc.constantFrom(0, 50, 100),
        premiumPercent: fc.constantFrom('-3.5', '0', '32.7'),
        reverseTerminationFee: money,
        expectedCloseOn: day,
        attitude: fc.constantFrom('friendly', 'hostile', 'unsolicited'),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([own, more]) => ({ ...own, ...more }));

/** `retract` picks one of the deal's earlier events by index when the history is posted. */
export type GeneratedEvent = Record<string, unknown> & { retract?: number };

/** An advisor's credit: dated at the announcement, while pending, or after the ending (published late). */
const advisorStep: fc.Arbitrary<(occurredOn: string) => GeneratedEvent> = fc
  .tuple(fc.constantFrom('Goldman Sachs', 'Lazard', 'Wachtell Lipton'), fc.constantFrom('acquirer', 'target'), fc.constantFrom('financial', 'legal'))
  .map(([name, side, role]) => (occurredOn: string) => ({ type: 'advisor_retained', occurredOn, advisor: { name }, side, role }));

/** Steps of a pending deal, dated when the path is laid out. */
const pendingStep: fc.Arbitrary<(occurredOn: string) => GeneratedEvent> = fc.oneof(
  dealTerms.map((t) => (occurredOn: string) => ({ type: 'priced', occurredOn, stakePercent: 75, ...t })),
  fc.tuple(party, terms).map(([bidder, t]) => (occurredOn: string) => ({ type: 'competing_bid', occurredOn, bidder, ...t })),
  fc.constantFrom('filed', 'approved', 'blocked', 'referred', 'challenged').map((decision) => (occurredOn: string) => ({ type: 'regulatory', occurredOn, authority: 'CMA', jurisdiction: 'gb', decision })),
  fc.constantFrom('approved', 'rejected').map((outcome) => (occurredOn: string) => ({ type: 'shareholder_vote', occurredOn, party: 'target', outcome })),
  fc.constant((occurredOn: string) => ({ type: 'termination_attempted', occurredOn, by: 'target' })),
  advisorStep,
);

const ENDINGS = ['rumored', 'pending', 'closed', 'terminated', 'withdrawn', 'voided'] as const satisfies readonly DealStatus[];
type Ending = (typeof ENDINGS)[number];

/** A valid lifecycle to an ending: rumour and/or announcement, pending steps, the ending event; dates increasing. */
const lifecycleTo = (endings: fc.Arbitrary<Ending>) =>
  fc.record({
    ending: endings,
    rumouredFirst: fc.boolean(),
    start: fc.integer({ min: 0, max: 400 }),
    gaps: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 8, maxLength: 8 }),
    names: parties,
    openingTerms: dealTerms,
    steps: fc.array(pendingStep, { maxLength: 4 }),
    /** Steps recorded after the ending but dated while the deal was pending: back-filled history. */
    backfills: fc.array(fc.tuple(pendingStep, fc.integer({ min: 0, max: 99 })), { maxLength: 2 }),
    advisors: fc.array(fc.tuple(advisorStep, fc.boolean()), { maxLength: 3 }),
    finalValue: fc.option(money, { nil: undefined }),
  })
  .map(({ ending, rumouredFirst, start, gaps, names, openingTerms, steps, backfills, advisors, finalValue }) => {
    let offset = start;
    const next = (i: number) => dayAt((offset += gaps[i % gaps.length]));
    const [acquirer, target] = names.map((name) => ({ name }));
    const rumourOnly = ending === 'rumored' || (ending === 'withdrawn' && rumouredFirst);
    const events: GeneratedEvent[] = [];
    if (rumourOnly || rumouredFirst) events.push({ type: 'rumored', occurredOn: next(0), acquirer, target, ...openingTerms });
    if (!rumourOnly) {
      events.push({ type: 'announced', occurredOn: next(1), acquirer, target, ...openingTerms });
      steps.forEach((step, i) => events.push(step(next(i + 2))));
    }
    if (ending === 'closed') events.push({ type: 'closed', occurredOn: next(6), ...(finalValue ? { finalValue } : {}) });
    if (ending === 'terminated') events.push({ type: 'terminated', occurredOn: next(6), terminationFee: { amount: '1000000', currency: 'USD' }, feePaidBy: 'acquirer' });
    if (ending === 'withdrawn') events.push({ type: 'withdrawn', occurredOn: next(6) });
    if (ending === 'voided') events.push({ type: 'voided', occurredOn: next(6), reason: 'entered twice' });
    const announcedAt = events.find((e) => e.type === 'announced')?.occurredOn as string | undefined;
    const endedAt = events.at(-1)!.occurredOn as string;
    if (announcedAt && endedAt > announcedAt) {
      const [from, span] = [daysOf(announcedAt), daysOf(endedAt) - daysOf(announcedAt)];
      for (const [step, percent] of backfills) events.push(step(dayAt(from + Math.floor((span * percent) / 100))));
    }
    // Credits at the first event, or published after the ending (a voided deal takes none).
    const late = ending === 'voided' ? events[0].occurredOn : endedAt;
    for (const [step, afterEnding] of advisors) events.push(step((afterEnding ? late : events[0].occurredOn) as string));
    return events;
  });

/** Any event on any day: valid or not for the deal at that point. */
const noise: fc.Arbitrary<GeneratedEvent> = fc.oneof(
  fc.tuple(day, party, party, dealTerms).map(([occurredOn, acquirer, target, t]) => ({ type: 'announced', occurredOn, acquirer, target, ...t })),
  fc.tuple(day, pendingStep).map(([occurredOn, step]) => step(occurredOn)),
  fc.tuple(day, fc.option(money, { nil: undefined })).map(([occurredOn, finalValue]) => ({ type: 'closed', occurredOn, ...(finalValue ? { finalValue } : {}) })),
  day.map((occurredOn) => ({ type: 'terminated', occurredOn, terminationFee: { amount: '1000000', currency: 'USD' } })),
  day.map((occurredOn) => ({ type: 'withdrawn', occurredOn })),
  day.map((occurredOn) => ({ type: 'voided', occurredOn, reason: 'entered twice' })),
  fc.tuple(day, fc.nat(20)).map(([occurredOn, retract]) => ({ type: 'retracted', occurredOn, reason: 'correction', retract })),
);

/** The lifecycle first, then the random events; a few histories get random events only after their ending. */
const historyTo = (endings: fc.Arbitrary<Ending>) =>
  fc.tuple(lifecycleTo(endings), fc.array(noise, { maxLength: 4 })).map(([[first, ...path], extra]) => ({ first, rest: [...path, ...extra] }));
export const dealHistory = historyTo(fc.constantFrom(...ENDINGS));
export const dealHistories = fc.array(dealHistory, { minLength: 1, maxLength: 4 });
/**
 * A history to each ending, in random order: a sample of any size reaches every status (the random events after an
 * ending change some), which a run of random endings only does most of the time.
 */
export const historiesToEveryEnding = fc
  .tuple(...ENDINGS.map((ending) => historyTo(fc.constant(ending))))
  .chain((histories) => fc.shuffledSubarray(histories, { minLength: histories.length }));

/** FX loads: rates for the deal currencies on random dates (unique per load, as the API requires). */
export const fxLoads = fc.array(
  fc.uniqueArray(
    fc.record({
      date: day,
      currency: fc.constantFrom('GBP', 'EUR', 'JPY'),
      usd: fc.constantFrom('1.2712', '1.0843', '0.0067', '1.3'),
    }),
    { minLength: 1, maxLength: 5, selector: (r) => `${r.currency}|${r.date}` },
  ),
  { maxLength: 2 },
);

/** Company facts and merges among the generated parties: some refused (a merge into itself, of one merged away). */
export type CompanyChange = { name: string } & ({ profile: { country: string | null; sector?: string } } | { mergeInto: string });
export const companyChanges: fc.Arbitrary<CompanyChange[]> = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ name: fc.constantFrom(...PARTIES), profile: fc.record({ country: fc.constantFrom('US', 'GB', 'FR', null), sector: fc.constantFrom('energy', 'financials') }, { requiredKeys: ['country'] }) }) },
    { weight: 1, arbitrary: fc.record({ name: fc.constantFrom(...PARTIES), mergeInto: fc.constantFrom(...PARTIES) }) },
  ),
  { maxLength: 3 },
);

/** Applies company changes over HTTP, as an analyst (profiles) and an admin (merges) would; refusals change nothing. */
export async function applyCompanyChanges(http: TestApp['http'], changes: CompanyChange[]): Promise<void> {
  for (const change of changes) {
    const res =
      'profile' in change
        ? await http.patch(`/companies/${companyIdFor(change.name)}`).set(auth('analyst')).send(change.profile)
        : await http.post(`/companies/${companyIdFor(change.name)}/merge`).set(auth('admin')).send({ into: companyIdFor(change.mergeInto), reason: 'one company' });
    // Not seen yet (404), merged away or into itself (422): refused, as the contract says.
    if (![200, 404, 422].includes(res.status)) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** Posts a generated history through the command path; refusals append nothing and are left out. */
export async function postGenerated(writer: DealWriter, history: { first: GeneratedEvent; rest: GeneratedEvent[] }): Promise<void> {
  const dealId = randomUUID();
  const eventIds: string[] = [];
  for (const [index, generated] of [history.first, ...history.rest].entries()) {
    const { retract, ...body } = generated;
    const event = (retract === undefined ? body : { ...body, eventId: eventIds[retract % Math.max(eventIds.length, 1)] ?? randomUUID() }) as DealEventInput;
    const command: DealCommand = index === 0 ? { kind: 'StartDeal', dealId, event } : { kind: 'RecordDealEvent', dealId, event };
    try {
      eventIds.push((await writer.execute(command, { actor: 'property' })).eventId);
    } catch (error) {
      if (!(error instanceof DealDomainError)) throw error;
    }
  }
}

/** How many deals of each status the database holds: a property's sample must reach every one. */
export async function statusCoverage(dataSource: DataSource): Promise<Record<DealStatus, number>> {
  const rows: { status: DealStatus; n: number }[] = await dataSource.query('SELECT status, count(*)::int AS n FROM deal_views GROUP BY status');
  return Object.fromEntries(DEAL_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<DealStatus, number>;
}
