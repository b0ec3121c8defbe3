// Given a deal's events, when projected, then its deal_views row: what the read table and its queries get.
import type { DealEventData } from '../domain/deal.events.js';
import { fold } from '../domain/deal.js';
import {
  ACME,
  DEAL_ID,
  WIDGET,
  announced,
  closed,
  eur,
  eventIdAt,
  gbp,
  party,
  priced,
  recorded,
  retracted,
  rumored,
  terminated,
  usd,
  withdrawn,
} from '../domain/deal.test-helpers.js';
import { dealViewRow } from './deal-view-row.js';

const projected = (events: DealEventData[]) => dealViewRow(fold(DEAL_ID, recorded(events)));
const viewOf = (events: DealEventData[]) => JSON.parse(projected(events).view);

describe('deal_views row: given events, when projected', () => {
  it('a rumour: status, parties, the rumour date, no value yet', () => {
    expect(projected([rumored({ seller: party('Holdco SA') })])).toMatchObject({
      deal_id: DEAL_ID,
      status: 'rumored',
      acquirer_id: ACME.companyId,
      acquirer_name: 'Acme Corp',
      target_id: WIDGET.companyId,
      target_name: 'Widget Ltd',
      seller_id: party('Holdco SA').companyId,
      seller_name: 'Holdco SA',
      rumored_on: '2024-01-10',
      announced_on: null,
      value_amount: null,
      value_currency: null,
      value_usd_reported: null,
      version: 1,
      updated_at: '2025-01-01T09:00:00.000Z',
    });
  });

  it('the latest-dated value in its own currency, and the USD figure the same event reported', () => {
    const row = projected([
      announced({ value: gbp('1200000000'), equivalents: [usd('1500000000')] }),
      priced({ value: gbp('1300000000') }),
    ]);
    expect(row).toMatchObject({ value_amount: '1300000000', value_currency: 'GBP', value_usd_reported: null, version: 2 });
    expect(projected([announced({ value: eur('900'), equivalents: [usd('1000')] })])).toMatchObject({ value_usd_reported: '1000' });
    expect(projected([announced({ value: usd('45000000000') })])).toMatchObject({ value_usd_reported: '45000000000' });
  });

  it('closing and ending dates by status; a retracted closing leaves the deal pending', () => {
    expect(projected([announced(), closed({ occurredOn: '2024-07-01' })])).toMatchObject({ status: 'closed', closed_on: '2024-07-01', ended_on: null });
    expect(projected([announced(), terminated({ occurredOn: '2024-08-01' })])).toMatchObject({ status: 'terminated', closed_on: null, ended_on: '2024-08-01' });
    expect(projected([announced(), closed(), retracted(eventIdAt(2))])).toMatchObject({ status: 'pending', closed_on: null, version: 3 });
  });

  it('the whole view as GET /deals/{dealId} serves it, as JSON text (its key order kept)', () => {
    const view = viewOf([announced({ value: gbp('10') })]);
    expect(Object.keys(view).slice(0, 4)).toEqual(['dealId', 'status', 'acquirer', 'target']);
    expect(view).toMatchObject({ dealId: DEAL_ID, status: 'pending', value: gbp('10'), initialValue: gbp('10') });
  });

  describe('durationDays: from the announcement (or the rumour, never announced) to the close or the end', () => {
    it('counts calendar days to the close', () => {
      expect(viewOf([announced({ occurredOn: '2024-02-01' }), closed({ occurredOn: '2024-03-02' })]).durationDays).toBe(30);
    });

    it('starts at the announcement, not the rumour, when there was one', () => {
      const events = [rumored({ occurredOn: '2024-01-10' }), announced({ occurredOn: '2024-02-01' }), closed({ occurredOn: '2024-02-11' })];
      expect(viewOf(events).durationDays).toBe(10);
    });

    it('starts at the rumour of a deal withdrawn before it was announced', () => {
      expect(viewOf([rumored({ occurredOn: '2024-01-10' }), withdrawn({ occurredOn: '2024-01-20' })]).durationDays).toBe(10);
    });

    it('is null while the deal is open, and 0 when it closes the day it was announced', () => {
      expect(viewOf([announced()]).durationDays).toBeNull();
      expect(viewOf([announced({ occurredOn: '2025-03-28' }), closed({ occurredOn: '2025-03-28' })]).durationDays).toBe(0);
    });

    it('counts a leap day', () => {
      expect(viewOf([announced({ occurredOn: '2024-02-28' }), closed({ occurredOn: '2024-03-31' })]).durationDays).toBe(32);
    });
  });
});
