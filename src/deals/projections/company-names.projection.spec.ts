// Given deal events, when projected, then the company_names rows: one per company and spelling.
import type { DealEventData } from '../domain/deal.events.js';
import { announced, closed, competingBid, party, priced, recorded, regulatory, rumored } from '../domain/deal.test-helpers.js';
import { companyNameRows } from './company-names.projection.js';

/** The events as recorded at the given times (the helpers record them one second apart). */
const recordedAt = (events: DealEventData[], times: string[]) => recorded(events).map((e, i) => ({ ...e, recordedAt: times[i] }));

describe('company_names rows: given events, when projected', () => {
  it('one row per company and spelling the parties use, with its normalised form', () => {
    const rows = companyNameRows(recorded([rumored({ seller: party('Holdco SA') }), announced({ acquirer: { ...party('ACME corp.'), companyId: party('Acme Corp').companyId } })]));
    expect(rows.map((r) => [r.name, r.normalized_name])).toEqual([
      ['Acme Corp', 'acme corp'],
      ['Widget Ltd', 'widget ltd'],
      ['Holdco SA', 'holdco sa'],
      ['ACME corp.', 'acme corp'],
    ]);
    expect(new Set(rows.filter((r) => r.normalized_name === 'acme corp').map((r) => r.company_id)).size).toBe(1);
  });

  it("a competing bid's bidder is a company seen; events without parties name none", () => {
    expect(companyNameRows(recorded([competingBid()])).map((r) => r.name)).toEqual(['Rival plc']);
    expect(companyNameRows(recorded([priced(), regulatory(), closed()]))).toEqual([]);
  });

  it('keeps the earliest and latest recorded times of a spelling, whatever order the events come in', () => {
    const times = ['2026-01-02T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-03T00:00:00.000Z', '2026-01-02T12:00:00.000Z'];
    const [acme] = companyNameRows(recordedAt([rumored(), announced(), announced(), announced()], times));
    expect(acme).toMatchObject({ name: 'Acme Corp', first_seen_at: '2026-01-01T00:00:00.000Z', last_seen_at: '2026-01-03T00:00:00.000Z' });
  });
});
