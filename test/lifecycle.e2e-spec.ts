// The business-date lifecycle, checked from outside: for random histories posted in random order (back-fills,
// retractions, voidings, refusals), every history the server accepted, read in business-date order, is a valid
// lifecycle at every step, and the deal view equals the contract's fold in that order. The oracle here is the
// contract's table written again, independently of src/deals/domain.
import fc from 'fast-check';
import { DealWriter } from '../src/deals/commands/deal-writer.js';
import { dealHistories, postGenerated } from './support/random-histories.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

type Status = 'rumored' | 'pending' | 'closed' | 'terminated' | 'withdrawn' | 'voided';
type Money = { amount: string; currency: string };
interface Item {
  eventId: string;
  type: string;
  occurredOn: string;
  version: number;
  retracted: boolean;
  value?: Money;
  finalValue?: Money;
}

const ALLOWED: Record<string, (Status | 'new')[]> = {
  rumored: ['new'],
  announced: ['new', 'rumored'],
  priced: ['rumored', 'pending'],
  competing_bid: ['pending'],
  regulatory: ['pending'],
  advisor_retained: ['rumored', 'pending', 'closed', 'terminated', 'withdrawn'],
  shareholder_vote: ['pending'],
  termination_attempted: ['pending'],
  closed: ['pending'],
  terminated: ['pending'],
  withdrawn: ['rumored', 'pending'],
  voided: ['rumored', 'pending', 'closed', 'terminated', 'withdrawn'],
};

/** The contract's fold of a history already in business-date order; throws at the first step it does not allow. */
function contractFold(events: Item[]) {
  let status: Status | 'new' = 'new';
  const view = { rumoredOn: null as string | null, announcedOn: null as string | null, closedOn: null as string | null, endedOn: null as string | null };
  let value: Money | null = null;
  let initial: Money | null = null;
  for (const e of events) {
    if (!ALLOWED[e.type].includes(status)) throw new Error(`${e.type} of ${e.occurredOn} follows a ${status} deal`);
    if ((e.type === 'closed' || e.type === 'terminated') && view.announcedOn && e.occurredOn < view.announcedOn) throw new Error(`${e.type} before the announcement`);
    if (e.type === 'announced') initial = null; // initial terms are those of the announcement or later
    const carried = e.type === 'closed' ? e.finalValue : ['rumored', 'announced', 'priced'].includes(e.type) ? e.value : undefined;
    if (carried) {
      value = carried;
      initial ??= carried;
    }
    if (e.type === 'rumored') [status, view.rumoredOn] = ['rumored', e.occurredOn];
    if (e.type === 'announced') [status, view.announcedOn] = ['pending', e.occurredOn];
    if (e.type === 'closed') [status, view.closedOn] = ['closed', e.occurredOn];
    if (e.type === 'terminated' || e.type === 'withdrawn') [status, view.endedOn] = [e.type, e.occurredOn];
    if (e.type === 'voided') status = 'voided';
  }
  return { status, ...view, value, initialValue: initial };
}

describe('business-date lifecycle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('accepts only histories that are valid lifecycles in business-date order, and folds them in that order', async () => {
    const writer = t.app.get(DealWriter, { strict: false });
    let checked = 0;
    let backFilled = 0;
    await fc.assert(
      fc.asyncProperty(dealHistories, async (histories) => {
        const before = new Set((await t.dataSource.query('SELECT deal_id FROM deal_views')).map((r: { deal_id: string }) => r.deal_id));
        for (const history of histories) await postGenerated(writer, history);
        const dealIds: string[] = (await t.dataSource.query('SELECT deal_id FROM deal_views')).map((r: { deal_id: string }) => r.deal_id);
        for (const dealId of dealIds.filter((id) => !before.has(id))) {
          const items: Item[] = (await t.http.get(`/deals/${dealId}/events?limit=200`).set(auth('viewer')).expect(200)).body.items;
          const inRecordedOrder = items.filter((e) => e.type !== 'retracted' && !e.retracted);
          const inBusinessOrder = [...inRecordedOrder].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.version - b.version));
          if (inBusinessOrder.some((e, i) => e !== inRecordedOrder[i])) backFilled += 1;
          const expected = contractFold(inBusinessOrder);
          const view = (await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200)).body;
          expect({ dealId, status: view.status, rumoredOn: view.rumoredOn, announcedOn: view.announcedOn, closedOn: view.closedOn, endedOn: view.endedOn, value: view.value, initialValue: view.initialValue }).toEqual({ dealId, ...expected });
          checked += 1;
        }
      }),
      { numRuns: 30 },
    );
    // The sample had deals to check, and histories recorded out of business-date order among them.
    expect(checked).toBeGreaterThan(40);
    expect(backFilled).toBeGreaterThan(3);
  });
});
