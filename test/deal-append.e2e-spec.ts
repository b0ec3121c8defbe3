// deal_append_batch, the statement every deal write and import ends in: several deals' appends in one transaction,
// where a deal that moved on is answered as a conflict and skipped without failing the others.
import { randomUUID } from 'node:crypto';
import { type DealAppendRequest, dealAppendBatch } from '../src/deals/commands/deal-append.js';
import { createDeal } from './support/deals.js';
import { type TestApp, startTestApp } from './support/test-app.js';

describe('deal_append_batch', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const step = (dealId: string, expectedVersion: number): DealAppendRequest => ({
    streamId: `deal-${dealId}`,
    expectedVersion,
    events: [
      {
        event_id: randomUUID(),
        event_type: 'regulatory',
        data: { authority: 'EC', decision: 'filed' },
        occurred_on: '2025-04-01',
        recorded_at: new Date().toISOString(),
      },
    ],
    metadata: { actor: 'test' },
    companyNames: [],
    dealViews: [],
    idempotency: null,
  });

  const versions = async (dealId: string) =>
    (await t.dataSource.query('SELECT stream_version AS v FROM events WHERE stream_id = $1 ORDER BY 1', [`deal-${dealId}`])).map(
      (r: { v: number }) => r.v,
    );

  it('appends the deals still at their expected version and answers the others with their version', async () => {
    const [ready, moved] = [await createDeal(t), await createDeal(t)];
    const outcomes = await dealAppendBatch({ db: t.dataSource, prepared: false }, [step(ready, 1), step(moved, 0), step(ready, 1)]);
    expect(outcomes[0]).toMatchObject({ events: [{ version: 2 }] });
    expect(outcomes[1]).toEqual({ conflict: 1 });
    expect(outcomes[2]).toEqual({ conflict: 2 }); // the same deal twice in a batch: the second lost the race
    expect(await versions(ready)).toEqual([1, 2]);
    expect(await versions(moved)).toEqual([1]);
  });
});
