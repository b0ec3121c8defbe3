// FX reference rates end to end: loads as events (JSON and the ECB CSV), conversion of deal values at the latest rate
// on or before the announcement, views re-converted when rates arrive later, refusals that store nothing, the list.
import { EventStore } from '../src/event-store/event-store.js';
import { projectFxLoad } from '../src/fx/fx-stream.js';
import { createDeal, eventCount } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

type Rate = { date: string; currency: string; usd: string };

// Values shaped like the ECB's April 2025 fixings (units per 1 EUR). Newest first with a trailing comma, as the ECB
// writes them; RUB and HRK are N/A, as in every recent row of eurofxref-hist.csv. No fixing on Good Friday or Easter Monday.
const ECB_APRIL_2025 = `Date,USD,JPY,GBP,CHF,SEK,RUB,HRK,
2025-04-23,1.1402,162.39,0.8555,0.9395,10.9870,N/A,N/A,
2025-04-22,1.1493,161.34,0.8594,0.9373,10.9855,N/A,N/A,
2025-04-17,1.1371,161.66,0.8566,0.9293,11.0390,N/A,N/A,
2025-04-16,1.1355,161.52,0.8588,0.9309,11.0770,N/A,N/A,
`;

describe('FX reference rates', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const loadJson = (rates: unknown[], role: 'admin' | 'analyst' | 'viewer' = 'admin') =>
    t.http.post('/fx-rates').set(auth(role)).send({ rates });
  const loadCsv = (text: string, role: 'admin' | 'analyst' | 'viewer' = 'admin') =>
    t.http.post('/fx-rates').set(auth(role)).set('Content-Type', 'text/csv').send(text);
  const view = async (dealId: string) => (await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200)).body;
  const rates = async (query: string) => (await t.http.get(`/fx-rates?${query}`).set(auth('viewer')).expect(200)).body;
  const fxRateCount = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM fx_rates'))[0].n as number;

  describe('a GBP deal converted at the latest rate on or before its announcement', () => {
    let acme: string;

    beforeAll(async () => {
      const gbp: Rate[] = [
        { date: '2024-01-31', currency: 'GBP', usd: '1.2688' },
        { date: '2024-02-01', currency: 'GBP', usd: '1.2706' },
        { date: '2024-02-02', currency: 'GBP', usd: '1.2634' },
      ];
      const res = await loadJson(gbp).expect(201);
      expect(res.body).toEqual({ accepted: 3 });
      // Acme is rumoured without a value, then announced on 1 February 2024 at GBP 1.2bn, with no USD figure.
      acme = await createDeal(t, { type: 'rumored', occurredOn: '2024-01-10', acquirer: { name: 'Acme Corp' }, target: { name: 'Widget Ltd' } });
      await t.http
        .post(`/deals/${acme}/events`)
        .set(auth('analyst'))
        .send({
          type: 'announced',
          occurredOn: '2024-02-01',
          acquirer: { name: 'Acme Corp' },
          target: { name: 'Widget Ltd' },
          value: { amount: '1200000000', currency: 'GBP' },
          pricePerShare: { amount: '4.10', currency: 'GBP' },
          consideration: 'cash',
        })
        .expect(201);
    });

    it('uses the 1 February rate, not the 2 February one', async () => {
      const deal = await view(acme);
      expect(deal.value).toEqual({ amount: '1200000000', currency: 'GBP' });
      expect(deal.valueUsd).toBe('1524720000'); // 1,200,000,000 × 1.2706
    });

    it('converts a deal never announced at its rumour date', async () => {
      // REA Group's approach for Rightmove (GBP 5.6bn), rumoured 5 September 2024: the latest GBP rate by then is 2 February.
      const rightmove = await createDeal(t, {
        type: 'rumored',
        occurredOn: '2024-09-05',
        acquirer: { name: 'REA Group' },
        target: { name: 'Rightmove plc' },
        value: { amount: '5600000000', currency: 'GBP' },
      });
      expect((await view(rightmove)).valueUsd).toBe('7075040000'); // × 1.2634
    });

    it('leaves a deal announced before every loaded rate unconverted: later rates are never used', async () => {
      const vodafoneThree = await createDeal(t, {
        type: 'announced',
        occurredOn: '2023-06-14',
        acquirer: { name: 'Vodafone Group' },
        target: { name: 'Three UK' },
        dealType: 'merger',
        value: { amount: '15000000000', currency: 'GBP' },
      });
      expect((await view(vodafoneThree)).valueUsd).toBeNull();
      await loadJson([{ date: '2023-06-15', currency: 'GBP', usd: '1.2730' }]).expect(201);
      expect((await view(vodafoneThree)).valueUsd).toBeNull();
    });
  });

  describe('a deal posted before its rate was loaded', () => {
    let covestro: string;

    beforeAll(async () => {
      // ADNOC's offer for Covestro, EUR 62 a share (about EUR 11.7bn), announced 1 October 2024; no EUR rate loaded yet.
      covestro = await createDeal(t, {
        type: 'announced',
        occurredOn: '2024-10-01',
        acquirer: { name: 'ADNOC' },
        target: { name: 'Covestro AG' },
        value: { amount: '11700000000', currency: 'EUR' },
        pricePerShare: { amount: '62', currency: 'EUR' },
        consideration: 'cash',
      });
    });

    it('gets valueUsd when the rate arrives, without a new deal version', async () => {
      const before = await view(covestro);
      expect(before.valueUsd).toBeNull();
      await loadJson([{ date: '2024-10-01', currency: 'EUR', usd: '1.1105' }]).expect(201);
      const after = await view(covestro);
      expect(after.valueUsd).toBe('12992850000'); // 11,700,000,000 × 1.1105
      expect(after.version).toBe(before.version);
      expect(after.updatedAt).toBe(before.updatedAt);
    });

    it('follows a later load of the same currency and date', async () => {
      await loadJson([{ date: '2024-10-01', currency: 'EUR', usd: '1.10700' }]).expect(201);
      expect((await view(covestro)).valueUsd).toBe('12951900000'); // × 1.107
      expect((await rates('currency=EUR&from=2024-10-01&to=2024-10-01')).items).toEqual([
        { currency: 'EUR', date: '2024-10-01', usd: '1.107' },
      ]);
    });

    it('as known at a time, converts with the rates loaded by then: none before the first load, then each in turn', async () => {
      const loads: { at: Date }[] = await t.dataSource.query(
        `SELECT recorded_at AS at FROM events WHERE stream_id = 'fx-rates' AND data @> '{"rates": [{"currency": "EUR", "date": "2024-10-01"}]}' ORDER BY 1`,
      );
      const [first, second] = loads.map((l) => l.at.getTime());
      const knownAt = async (ms: number) =>
        (await t.http.get(`/deals/${covestro}?knownAt=${new Date(ms).toISOString()}`).set(auth('viewer')).expect(200)).body.valueUsd;
      expect(await knownAt(first - 1)).toBeNull(); // the deal was known, no EUR rate yet
      expect(await knownAt(first)).toBe('12992850000');
      expect(await knownAt(second)).toBe('12951900000');
    });
  });

  it('keeps the USD equivalent a deal reported, whatever the rate', async () => {
    // International Paper / DS Smith, all-share, GBP 5.8bn reported as USD 7.2bn, announced 16 April 2024.
    const dsSmith = await createDeal(t, {
      type: 'announced',
      occurredOn: '2024-04-16',
      acquirer: { name: 'International Paper' },
      target: { name: 'DS Smith plc' },
      consideration: 'stock',
      value: { amount: '5800000000', currency: 'GBP' },
      equivalents: [{ amount: '7200000000', currency: 'USD' }],
    });
    expect((await view(dsSmith)).valueUsd).toBe('7200000000');
    await loadJson([{ date: '2024-04-16', currency: 'GBP', usd: '1.2429' }]).expect(201);
    expect((await view(dsSmith)).valueUsd).toBe('7200000000');
  });

  describe('the ECB CSV', () => {
    let helvetiaBaloise: string;
    let toyotaIndustries: string;

    beforeAll(async () => {
      helvetiaBaloise = await createDeal(t, {
        type: 'announced',
        occurredOn: '2025-04-22',
        acquirer: { name: 'Helvetia Holding' },
        target: { name: 'Baloise Holding' },
        dealType: 'merger',
        consideration: 'stock',
        value: { amount: '8300000000', currency: 'CHF' },
      });
      // Announced after the last row of the file: the 23 April rate is the latest on or before it.
      toyotaIndustries = await createDeal(t, {
        type: 'announced',
        occurredOn: '2025-06-03',
        acquirer: { name: 'Toyota Fudosan' },
        target: { name: 'Toyota Industries' },
        consideration: 'cash',
        value: { amount: '4700000000000', currency: 'JPY' },
      });
    });

    it('loads EUR at the USD column and every other currency through it', async () => {
      // 4 days × EUR, JPY, GBP, CHF, SEK; RUB and HRK are N/A throughout.
      expect((await loadCsv(ECB_APRIL_2025).expect(201)).body).toEqual({ accepted: 20 });
      expect((await rates('currency=GBP,JPY&from=2025-04-17&to=2025-04-22')).items).toEqual([
        { currency: 'GBP', date: '2025-04-17', usd: '1.32745739' }, // 1.1371 / 0.8566
        { currency: 'GBP', date: '2025-04-22', usd: '1.337328369' }, // 1.1493 / 0.8594
        { currency: 'JPY', date: '2025-04-17', usd: '0.007033898305' },
        { currency: 'JPY', date: '2025-04-22', usd: '0.007123465972' },
      ]);
      expect((await rates('currency=EUR&from=2025-04-01')).items).toEqual([
        { currency: 'EUR', date: '2025-04-16', usd: '1.1355' },
        { currency: 'EUR', date: '2025-04-17', usd: '1.1371' },
        { currency: 'EUR', date: '2025-04-22', usd: '1.1493' },
        { currency: 'EUR', date: '2025-04-23', usd: '1.1402' },
      ]);
      expect((await rates('currency=RUB,HRK')).items).toEqual([]);
    });

    it('converts the deals in those currencies, to the cent', async () => {
      expect((await view(helvetiaBaloise)).valueUsd).toBe('10177307155.5'); // 8,300,000,000 × 1.226181585
      expect((await view(toyotaIndustries)).valueUsd).toBe('33000431061.7'); // 4.7tn × 0.007021368311
    });

    it('records the load as one fx_rates_loaded event of the fx-rates stream', async () => {
      const events = await t.dataSource.query(
        `SELECT stream_version AS version, event_type AS type, occurred_on::text AS "occurredOn", data, metadata
         FROM events WHERE stream_id = 'fx-rates' ORDER BY stream_version`,
      );
      expect(events.map((e: { version: number }) => e.version)).toEqual(events.map((_: unknown, i: number) => i + 1));
      const csvLoad = events.at(-1);
      expect(csvLoad).toMatchObject({
        type: 'fx_rates_loaded',
        occurredOn: new Date().toISOString().slice(0, 10),
        data: { format: 'csv' },
        metadata: { actor: 'admin', requestId: expect.any(String) },
      });
      expect(csvLoad.data.rates).toHaveLength(20);
      expect(csvLoad.data.rates).toContainEqual({ date: '2025-04-22', currency: 'CHF', usd: '1.226181585' });
      expect(events[0].data.format).toBe('json');
    });

    it('takes a month of the full ECB layout within the default body limit', async () => {
      const currencies = ['JPY', 'BGN', 'CZK', 'DKK', 'GBP', 'HUF', 'PLN', 'RON', 'SEK', 'CHF', 'ISK', 'NOK', 'TRY', 'AUD', 'BRL',
        'CAD', 'CNY', 'HKD', 'IDR', 'ILS', 'INR', 'KRW', 'MXN', 'MYR', 'NZD', 'PHP', 'SGD', 'THB', 'ZAR'];
      const perEur = ['157.56', '1.9558', '25.016', '7.4601', '0.83498', '400.35', '4.1865', '4.9773', '11.0915', '0.9537',
        '150.50', '11.6240', '39.4730', '1.7189', '6.3181', '1.5540', '7.8449', '8.3990', '17694.81', '3.9590', '93.2015',
        '1578.21', '21.9633', '4.7862', '1.8962', '62.140', '1.4425', '36.678', '19.9287'];
      const weekdays = Array.from({ length: 31 }, (_, i) => `2025-03-${String(i + 1).padStart(2, '0')}`).filter(
        (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
      );
      const rows = weekdays.reverse().map((d, i) => `${d},${(1.0800 + i / 1000).toFixed(4)},${perEur.join(',')},`);
      const text = [`Date,USD,${currencies.join(',')},`, ...rows, ''].join('\n');
      expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024);
      const before = await fxRateCount();
      expect((await loadCsv(text).expect(201)).body).toEqual({ accepted: weekdays.length * 30 });
      expect(await fxRateCount()).toBe(before + weekdays.length * 30);
    });
  });

  it('converts every deal written while a load commits', async () => {
    // Two dozen NOK deals posted in parallel with the NOK load (on PostgreSQL they interleave): none may keep the pre-load null.
    const deals = Array.from({ length: 24 }, (_, i) => ({
      type: 'announced',
      occurredOn: '2024-06-03',
      acquirer: { name: `Nordic Buyer ${i}` },
      target: { name: `Fjord Target ${i}` },
      value: { amount: `${1000 + i}000000`, currency: 'NOK' },
    }));
    const [ids] = await Promise.all([
      Promise.all(deals.map((deal) => createDeal(t, deal))),
      loadJson([{ date: '2024-05-31', currency: 'NOK', usd: '0.09521' }]).expect(201),
    ]);
    const views = await Promise.all(ids.map(view));
    expect(views.map((v) => v.valueUsd)).toEqual(deals.map((_, i) => String((1000 + i) * 95210)));
  });

  it('changes nothing when the projection applies the latest load again', async () => {
    const snapshot = () =>
      t.dataSource.query(
        `SELECT (SELECT json_agg(f ORDER BY currency, rate_date) FROM fx_rates f) AS rates,
                (SELECT json_agg(json_build_object('id', deal_id, 'usd', value_usd::text, 'v', version) ORDER BY deal_id)
                 FROM deal_views) AS deals`,
      );
    const before = await snapshot();
    const latest = (await t.app.get(EventStore).readStream('fx-rates')).at(-1)!;
    await t.dataSource.transaction((manager) => projectFxLoad(manager, latest));
    expect(await snapshot()).toEqual(before);
  });

  describe('refusals store nothing', () => {
    let counts: { events: number; rates: number };
    beforeEach(async () => {
      counts = { events: await eventCount(t), rates: await fxRateCount() };
    });
    afterEach(async () => {
      expect({ events: await eventCount(t), rates: await fxRateCount() }).toEqual(counts);
    });

    it('lists every CSV line and cell it cannot read', async () => {
      const text = [
        'Date,USD,JPY,GBP,',
        '2025-05-02,1.1330,163.67,0.8509,',
        '2025-02-30,1.0400,158.00,0.8300,',
        '2025-05-05,1.1324,163.60,n.a.,',
        '2025-05-06,1.1343,',
        '2025-05-07,1.1316,162.36,0.8491,',
      ].join('\n');
      const res = await loadCsv(text).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['line 3.Date', 'line 4.GBP', 'line 5']);
    });

    it('quotes only the start of a cell it cannot read, and lists at most 100 problems', async () => {
      const long = 'x'.repeat(10_000);
      const lines = ['Date,USD,GBP', `2025-05-02,1.1330,${long}`, ...Array.from({ length: 150 }, (_, i) => `2025-13-${String(i % 28 + 1).padStart(2, '0')},1.1,0.8`)];
      const res = await loadCsv(lines.join('\n')).expect(400);
      expect(res.body.errors).toHaveLength(100);
      expect(res.body).toMatchObject({ errorsTruncated: true, detail: expect.stringContaining('the first 100 of 151 problems are listed') });
      expect(res.body.errors[0]).toEqual({ field: 'line 2.GBP', message: `"${'x'.repeat(40)}…" is not a positive decimal or N/A` });
      expect(res.text.length).toBeLessThan(16_000);
    });

    it('lists every bad JSON rate', async () => {
      const res = await loadJson([
        { date: '2018-05-08', currency: 'GBP', usd: '1.3563' },
        { date: '2018-05-08', currency: 'GBP', usd: 1.3563 },
        { date: '2018-05-08', currency: 'gbp', usd: '1.3563' },
        { date: '2099-01-01', currency: 'EUR', usd: '1.1' },
        { date: '2018-05-08', currency: 'USD', usd: '1' },
        { date: '2018-05-08', currency: 'EUR', usd: '0' },
        { date: '2018-05-08', currency: 'JPY', usd: '0.0091', source: 'BoE' },
      ]).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'rates.1.usd',
        'rates.1', // GBP on 2018-05-08 again
        'rates.2.currency',
        'rates.3.date',
        'rates.4.currency',
        'rates.5.usd',
        'rates.6.source',
      ]);
    });

    it.each([
      ['an empty CSV', () => loadCsv('')],
      ['a CSV with only its header', () => loadCsv('Date,USD,GBP,\n')],
      ['an empty JSON list', () => loadJson([])],
      ['a JSON body without rates', () => t.http.post('/fx-rates').set(auth('admin')).send({ date: '2018-05-08' })],
      ['malformed JSON', () => t.http.post('/fx-rates').set(auth('admin')).set('Content-Type', 'application/json').send('{"rates": [')],
    ])('refuses %s with a 400', async (_name, post) => {
      const res = await post().expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.length).toBeGreaterThan(0);
    });

    it('refuses other media types with a 415', async () => {
      const res = await t.http.post('/fx-rates').set(auth('admin')).set('Content-Type', 'text/plain').send('GBP 1.27').expect(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('is for admins only', async () => {
      const rate = [{ date: '2024-02-01', currency: 'GBP', usd: '1.2706' }];
      expect((await loadJson(rate, 'analyst').expect(403)).body.code).toBe('FORBIDDEN');
      await loadJson(rate, 'viewer').expect(403);
      await loadCsv(ECB_APRIL_2025, 'analyst').expect(403);
      await t.http.post('/fx-rates').send({ rates: rate }).expect(401);
    });
  });

  describe('Idempotency-Key', () => {
    const body = { rates: [{ date: '2024-11-29', currency: 'EUR', usd: '1.0560' }] };

    it('answers a retry with the first result and stores one event', async () => {
      const events = await eventCount(t);
      const post = () => t.http.post('/fx-rates').set(auth('admin')).set('Idempotency-Key', 'ecb-2024-11-29').send(body);
      expect((await post().expect(201)).body).toEqual({ accepted: 1 });
      expect((await post().expect(201)).body).toEqual({ accepted: 1 });
      expect(await eventCount(t)).toBe(events + 1);
    });

    it('refuses the same key with another body', async () => {
      const res = await t.http
        .post('/fx-rates')
        .set(auth('admin'))
        .set('Idempotency-Key', 'ecb-2024-11-29')
        .send({ rates: [{ ...body.rates[0], usd: '1.0561' }] })
        .expect(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('GET /fx-rates', () => {
    it('filters by currency and date range, ordered by currency then date', async () => {
      const page = await rates('currency=GBP&from=2024-01-31&to=2024-04-16');
      expect(page).toEqual({
        items: [
          { currency: 'GBP', date: '2024-01-31', usd: '1.2688' },
          { currency: 'GBP', date: '2024-02-01', usd: '1.2706' },
          { currency: 'GBP', date: '2024-02-02', usd: '1.2634' },
          { currency: 'GBP', date: '2024-04-16', usd: '1.2429' },
        ],
        nextCursor: null,
      });
    });

    it('pages through every rate exactly once', async () => {
      const seen: Rate[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const page: { items: Rate[]; nextCursor: string | null } = await rates(`limit=50${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(cursor).toBeNull();
      const all: { currency: string; date: string }[] = await t.dataSource.query(
        'SELECT currency, rate_date AS "date" FROM fx_rates ORDER BY currency, rate_date',
      );
      expect(seen.map((r) => `${r.currency} ${r.date}`)).toEqual(all.map((r) => `${r.currency} ${r.date}`));
    });

    it('pages within a filter', async () => {
      const first = await rates('currency=EUR,GBP&from=2024-01-01&to=2024-12-31&limit=3');
      expect(first.items.map((r: Rate) => `${r.currency} ${r.date}`)).toEqual(['EUR 2024-10-01', 'EUR 2024-11-29', 'GBP 2024-01-31']);
      const second = await rates(`currency=EUR,GBP&from=2024-01-01&to=2024-12-31&limit=3&cursor=${first.nextCursor}`);
      expect(second.items.map((r: Rate) => `${r.currency} ${r.date}`)).toEqual(['GBP 2024-02-01', 'GBP 2024-02-02', 'GBP 2024-04-16']);
      expect(second.nextCursor).toBeNull();
    });

    it.each([
      ['currency=gbp', 'currency'],
      ['currency=GBP,', 'currency'],
      ['currency=GBP&currency=EUR', 'currency'],
      ['from=2024-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2024-03-01&to=2024-02-01', 'from'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      [`cursor=${Buffer.from('["GBP","2024-13-01"]').toString('base64url')}`, 'cursor'],
    ])('answers %s with a 400 naming %s', async (query, field) => {
      const res = await t.http.get(`/fx-rates?${query}`).set(auth('viewer')).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });

    it('needs a key', async () => {
      await t.http.get('/fx-rates').expect(401);
    });
  });
});
