// The one-round-trip write: a deal this instance wrote last is written from the state it holds, without reading the
// deal first. What must still hold: another instance's writes are never overwritten or misjudged (If-Match, races),
// a request sent again with its Idempotency-Key gets its first answer, and events are dated by the database clock.
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from '../src/config/config.module.js';
import { DealWriter } from '../src/deals/commands/deal-writer.js';
import { WriteMetrics } from '../src/metrics/write-metrics.js';
import { createDeal, postEvent, seedDeal } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

const priced = (occurredOn: string, amount: string) => ({ type: 'priced', occurredOn, value: { amount, currency: 'USD' } });

describe('writes from the state this instance holds', () => {
  let t: TestApp;
  /** Another instance's write path on the same database: a DealWriter with a cache of its own. */
  let otherInstance: DealWriter;

  beforeAll(async () => {
    t = await startTestApp();
    otherInstance = new DealWriter(t.dataSource, t.app.get(WriteMetrics), t.app.get(APP_CONFIG));
  });
  afterAll(() => t?.close());

  const writesByPath = async () => {
    const text = (await t.http.get('/metrics').expect(200)).text;
    const count = (path: string) => Number(text.match(new RegExp(`^deal_tracker_deal_writes_total\\{path="${path}"\\} (\\d+)`, 'm'))?.[1]);
    return { cached: count('cached'), read: count('read') };
  };
  const writeElsewhere = (dealId: string, event: object) =>
    otherInstance.execute({ kind: 'RecordDealEvent', dealId, event } as never, { actor: 'elsewhere' });

  it('writes a deal it wrote last without reading it, and a write naming a company after reading', async () => {
    const before = await writesByPath();
    const dealId = await createDeal(t);
    await postEvent(t, dealId, priced('2025-04-01', '46000000000')).expect(201);
    await postEvent(t, dealId, { type: 'competing_bid', occurredOn: '2025-04-02', bidder: { name: 'Rival Corp' } }).expect(201);
    const after = await writesByPath();
    expect(after.cached - before.cached).toBe(1); // the price
    expect(after.read - before.read).toBe(2); // the new deal, and the bid that names a company
  });

  it('appends after what another instance wrote since, and judges If-Match by the version in the log', async () => {
    const dealId = await createDeal(t);
    await writeElsewhere(dealId, priced('2025-04-01', '46000000000')); // version 2, unknown to this instance
    // If-Match 2 is the deal's version even though this instance holds version 1.
    await postEvent(t, dealId, priced('2025-04-02', '47000000000')).set('If-Match', '"2"').expect(201);
    await writeElsewhere(dealId, priced('2025-04-03', '48000000000')); // version 4
    // Without If-Match: the append from the state held (version 3) loses to version 4, is read again and goes after it.
    const res = await postEvent(t, dealId, priced('2025-04-04', '49000000000')).expect(201);
    expect(res.body.version).toBe(5);
    await postEvent(t, dealId, priced('2025-04-05', '50000000000')).set('If-Match', '"4"').expect(412);
    const deal = await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200);
    expect(deal.body).toMatchObject({ version: 5, value: { amount: '49000000000', currency: 'USD' } });
    const [{ versions }] = await t.dataSource.query(
      `SELECT array_agg(stream_version ORDER BY stream_version) AS versions FROM events WHERE stream_id = $1`,
      [`deal-${dealId}`],
    );
    expect(versions).toEqual([1, 2, 3, 4, 5]);
  });

  it('does not refuse on the state it holds when another instance changed the deal since: it reads and decides again', async () => {
    const dealId = await createDeal(t);
    const closing = await postEvent(t, dealId, { type: 'closed', occurredOn: '2025-10-28' }).expect(201);
    // Elsewhere, the closing is retracted: the deal is pending again, while this instance holds it closed.
    await writeElsewhere(dealId, { type: 'retracted', occurredOn: '2025-10-29', eventId: closing.body.eventId, reason: 'Entered too early.' });
    const res = await postEvent(t, dealId, priced('2025-10-30', '47000000000')).expect(201);
    expect(res.body.version).toBe(4);
  });

  it('answers a closing sent again with its Idempotency-Key as the first time, though the deal it holds is closed', async () => {
    const dealId = await createDeal(t);
    const key = `close-${randomUUID()}`;
    const closing = { type: 'closed', occurredOn: '2025-10-28' };
    const first = await postEvent(t, dealId, closing).set('Idempotency-Key', key).expect(201);
    const again = await postEvent(t, dealId, closing).set('Idempotency-Key', key).expect(201);
    expect(again.body).toEqual(first.body);
    // The same key for another request is still refused, as from the full path.
    await postEvent(t, dealId, { ...closing, occurredOn: '2025-10-29' }).set('Idempotency-Key', key).expect(422);
  });

  it('dates the events it writes without reading by the database clock, in order, as the view says', async () => {
    const dealId = await createDeal(t, { ...seedDeal, acquirer: { name: `Clock ${randomUUID()}` } });
    for (let day = 1; day <= 5; day++) await postEvent(t, dealId, priced(`2025-04-0${day}`, `4600000000${day}`)).expect(201);
    const rows = await t.dataSource.query(
      `SELECT recorded_at, extract(epoch FROM now() - recorded_at) AS age FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [`deal-${dealId}`],
    );
    const times = rows.map((r: { recorded_at: Date }) => r.recorded_at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(rows.every((r: { age: string }) => Math.abs(Number(r.age)) < 60)).toBe(true);
    const deal = await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200);
    expect(Date.parse(deal.body.updatedAt)).toBe(times[times.length - 1]);
  });

  it('answers a stale If-Match from the version it wrote, and a retry with its Idempotency-Key as the first time', async () => {
    const dealId = await createDeal(t);
    const key = `price-${randomUUID()}`;
    const first = await postEvent(t, dealId, priced('2025-04-01', '46000000000')).set('If-Match', '"1"').set('Idempotency-Key', key).expect(201);
    // The retry still says If-Match 1, which the deal is no longer at: it is owed its first answer, not a 412.
    const again = await postEvent(t, dealId, priced('2025-04-01', '46000000000')).set('If-Match', '"1"').set('Idempotency-Key', key).expect(201);
    expect(again.body).toEqual(first.body);
    // Another write at version 1 is refused from the version this instance committed, which another may have passed.
    const stale = await postEvent(t, dealId, priced('2025-04-02', '47000000000')).set('If-Match', '"1"').expect(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', detail: 'The deal is at version 2 or later, not 1.' });
  });

  it('lets concurrent writes to one deal take turns instead of racing: none is retried, all are written in order', async () => {
    const dealId = await createDeal(t);
    const retriedRaces = async () => {
      const text = (await t.http.get('/metrics').expect(200)).text;
      return Number(text.match(/^deal_tracker_write_conflicts_total\{kind="retried_race"\} (\d+)/m)?.[1]);
    };
    const before = await retriedRaces();
    const writes = Array.from({ length: 12 }, (_, i) => postEvent(t, dealId, priced(`2025-04-${String(12 - i).padStart(2, '0')}`, `4600000000${i}`)));
    const versions = (await Promise.all(writes.map((w) => w.expect(201)))).map((res) => res.body.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    expect((await retriedRaces()) - before).toBe(0);
    const deal = await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200);
    expect(deal.body).toMatchObject({ version: 13, value: { amount: '46000000000', currency: 'USD' } }); // the latest-dated: the first sent
  });
});
