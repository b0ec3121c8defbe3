// GET /league-tables/acquirers over realistic histories posted as an analyst would.
import { validationFields } from './support/problems.js';
import { createDeal, postEvent } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

const usd = (amount: string) => ({ amount, currency: 'USD' });
const gbp = (amount: string) => ({ amount, currency: 'GBP' });
const eur = (amount: string) => ({ amount, currency: 'EUR' });
const announced = (occurredOn: string, acquirer: object, target: string, value?: object, extra: object = {}) => ({
  type: 'announced',
  occurredOn,
  acquirer,
  target: { name: target },
  ...(value ? { value } : {}),
  ...extra,
});

/** Posts a deal's first event and the rest; answers the deal id and each event's id, in order. */
async function postHistory(t: TestApp, first: object, ...rest: object[]): Promise<{ dealId: string; eventIds: string[] }> {
  const created = await t.http.post('/deals').set(auth('analyst')).send(first).expect(201);
  const eventIds = [created.body.eventId as string];
  for (const event of rest) eventIds.push((await postEvent(t, created.body.dealId, event).expect(201)).body.eventId);
  return { dealId: created.body.dealId, eventIds };
}

describe('GET /league-tables/acquirers', () => {
  let t: TestApp;
  let facebookId: string;
  const table = (query = '') => t.http.get(`/league-tables/acquirers${query}`).set(auth('viewer'));
  const names = (items: { company: { name: string } }[]) => items.map((row) => row.company.name);
  const summary = (items: { rank: number; company: { name: string }; dealCount: number; valueUsd: string | null }[]) =>
    items.map((row) => [row.rank, row.company.name, row.dealCount, row.valueUsd]);

  beforeAll(async () => {
    t = await startTestApp();

    // Microsoft: two deals, both closed.
    await postHistory(
      t,
      announced('2021-04-12', { name: 'Microsoft' }, 'Nuance Communications', usd('19700000000')),
      { type: 'closed', occurredOn: '2022-03-04' },
    );
    await postHistory(
      t,
      announced('2022-01-18', { name: 'Microsoft' }, 'Activision Blizzard', usd('68700000000')),
      { type: 'regulatory', occurredOn: '2023-04-26', authority: 'CMA', jurisdiction: 'GB', decision: 'blocked' },
      { type: 'regulatory', occurredOn: '2023-10-13', authority: 'CMA', jurisdiction: 'GB', decision: 'approved_with_remedies' },
      { type: 'closed', occurredOn: '2023-10-13' },
    );

    // Broadcom: the Qualcomm bid was withdrawn after a presidential order; VMware closed.
    await postHistory(
      t,
      announced('2017-11-13', { name: 'Broadcom' }, 'Qualcomm', usd('103000000000')),
      { type: 'priced', occurredOn: '2018-02-05', value: usd('121000000000') },
      { type: 'withdrawn', occurredOn: '2018-03-14', reason: 'Blocked by presidential order' },
    );
    await postHistory(t, announced('2022-05-26', { name: 'Broadcom' }, 'VMware', usd('61000000000')), {
      type: 'closed',
      occurredOn: '2023-11-22',
    });

    // Disney won 21st Century Fox against a higher-priced Comcast bid; Comcast's bid never credits Comcast.
    await postHistory(
      t,
      announced('2017-12-14', { name: 'The Walt Disney Company' }, '21st Century Fox', usd('52400000000')),
      { type: 'competing_bid', occurredOn: '2018-06-13', bidder: { name: 'Comcast' }, value: usd('65000000000') },
      { type: 'priced', occurredOn: '2018-06-20', value: usd('71300000000'), consideration: 'mixed' },
      { type: 'closed', occurredOn: '2019-03-20' },
    );
    // Comcast's own deal, in GBP with no USD figure anywhere (and no FX rates loaded): counted, valued null.
    await postHistory(
      t,
      announced('2018-02-27', { name: 'Comcast' }, 'Sky plc', gbp('22100000000')),
      { type: 'priced', occurredOn: '2018-07-11', value: gbp('26000000000') },
      { type: 'closed', occurredOn: '2018-10-09', finalValue: gbp('30600000000') },
    );

    // Takeda / Shire: a GBP value with the USD equivalent the announcement reported.
    await postHistory(
      t,
      announced('2018-05-08', { name: 'Takeda Pharmaceutical' }, 'Shire', gbp('46000000000'), {
        equivalents: [usd('62000000000')],
      }),
      { type: 'closed', occurredOn: '2019-01-08' },
    );

    // Terminated: Nvidia / Arm and Adobe / Figma never count.
    await postHistory(t, announced('2020-09-13', { name: 'Nvidia' }, 'Arm', usd('40000000000')), {
      type: 'terminated',
      occurredOn: '2022-02-08',
      reason: 'Significant regulatory challenges',
    });
    await postHistory(t, announced('2022-09-15', { name: 'Adobe' }, 'Figma', usd('20000000000')), {
      type: 'terminated',
      occurredOn: '2023-12-18',
      terminationFee: usd('1000000000'),
    });

    // BHP's approach for Anglo American was only ever rumoured, then dropped.
    await postHistory(
      t,
      { type: 'rumored', occurredOn: '2024-04-25', acquirer: { name: 'BHP' }, target: { name: 'Anglo American' }, value: gbp('31100000000') },
      { type: 'withdrawn', occurredOn: '2024-05-29' },
    );

    // Xerox's approach for HP: a rumour that is still open (never announced, never withdrawn).
    await postHistory(t, { type: 'rumored', occurredOn: '2019-11-05', acquirer: { name: 'Xerox' }, target: { name: 'HP Inc' }, value: usd('33500000000') });

    // Synopsys / Ansys: rumoured, announced; a `closed` posted by mistake is retracted, so it is still pending.
    const ansys = await postHistory(
      t,
      { type: 'rumored', occurredOn: '2023-12-22', acquirer: { name: 'Synopsys' }, target: { name: 'Ansys' } },
      announced('2024-01-16', { name: 'Synopsys' }, 'Ansys', usd('35000000000')),
      { type: 'closed', occurredOn: '2024-06-28' },
    );
    await postEvent(t, ansys.dealId, { type: 'retracted', occurredOn: '2024-07-01', eventId: ansys.eventIds[2], reason: 'Posted in error: still awaiting SAMR' }).expect(201);

    // Prosus: USD amounts with cents that must add up exactly.
    await postHistory(t, announced('2024-12-23', { name: 'Prosus' }, 'Despegar', usd('1700000000.25')));
    await postHistory(
      t,
      announced('2025-02-24', { name: 'Prosus' }, 'Just Eat Takeaway.com', eur('4100000000'), { equivalents: [usd('4300000000.25')] }),
    );

    // Vivendi: two deals without any USD figure. Aviva: one.
    await postHistory(t, announced('2021-02-11', { name: 'Vivendi' }, 'Prisma Media'), { type: 'closed', occurredOn: '2021-05-31' });
    await postHistory(t, announced('2022-02-21', { name: 'Vivendi' }, 'Lagardère', eur('1800000000')));
    await postHistory(t, announced('2024-12-23', { name: 'Aviva' }, 'Direct Line Group', gbp('3600000000')));

    // Facebook renamed itself Meta Platforms; the later deal pins the same company id.
    const whatsapp = await postHistory(t, announced('2014-02-19', { name: 'Facebook' }, 'WhatsApp', usd('19000000000')), {
      type: 'closed',
      occurredOn: '2014-10-06',
    });
    facebookId = (await t.http.get(`/deals/${whatsapp.dealId}`).set(auth('viewer')).expect(200)).body.acquirer.companyId;
    await postHistory(t, announced('2021-10-29', { name: 'Meta Platforms', companyId: facebookId }, 'Within Unlimited', usd('400000000')), {
      type: 'closed',
      occurredOn: '2023-02-08',
    });
  });
  afterAll(() => t?.close());

  it('ranks announced deals by USD value by default, ties sharing a rank (1,2,…,8,8,8)', async () => {
    const { body } = await table().expect(200);
    expect(summary(body.items)).toEqual([
      [1, 'Microsoft', 2, '88400000000'],
      [2, 'The Walt Disney Company', 1, '71300000000'],
      [3, 'Takeda Pharmaceutical', 1, '62000000000'],
      [4, 'Broadcom', 1, '61000000000'],
      [5, 'Synopsys', 1, '35000000000'],
      [6, 'Meta Platforms', 2, '19400000000'],
      [7, 'Prosus', 2, '6000000000.5'],
      // valueUsd ties: more deals first, then by name.
      [8, 'Vivendi', 2, null],
      [8, 'Aviva', 1, null],
      [8, 'Comcast', 1, null],
    ]);
    expect(body.nextCursor).toBeNull();
  });

  it('leaves out withdrawn, terminated and rumour-only deals, and never credits a competing bidder', async () => {
    const { body } = await table('?basis=announced').expect(200);
    // Nvidia and Adobe terminated, BHP withdrew its rumoured approach, Xerox's is still only a rumour.
    for (const absent of ['Nvidia', 'Adobe', 'BHP', 'Xerox']) expect(names(body.items)).not.toContain(absent);
    // Broadcom's withdrawn USD 121bn Qualcomm bid adds nothing; Comcast's USD 65bn bid for Fox neither.
    expect(body.items.find((r: { company: { name: string } }) => r.company.name === 'Broadcom')).toMatchObject({ dealCount: 1, valueUsd: '61000000000' });
    expect(body.items.find((r: { company: { name: string } }) => r.company.name === 'Comcast')).toMatchObject({ dealCount: 1, valueUsd: null, unconvertedCount: 1 });
  });

  it('names a company by the latest name it was seen under', async () => {
    const { body } = await table().expect(200);
    expect(body.items.find((r: { company: { companyId: string } }) => r.company.companyId === facebookId).company).toEqual({
      companyId: facebookId,
      name: 'Meta Platforms',
    });
    // companyId is a real id: every row has one, all different.
    const ids = body.items.map((r: { company: { companyId: string } }) => r.company.companyId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('ranks by deal count with standard competition ranks (1,1,1,1,5,…)', async () => {
    const { body } = await table('?rank=count').expect(200);
    expect(summary(body.items)).toEqual([
      [1, 'Microsoft', 2, '88400000000'],
      [1, 'Meta Platforms', 2, '19400000000'],
      [1, 'Prosus', 2, '6000000000.5'],
      [1, 'Vivendi', 2, null],
      [5, 'The Walt Disney Company', 1, '71300000000'],
      [5, 'Takeda Pharmaceutical', 1, '62000000000'],
      [5, 'Broadcom', 1, '61000000000'],
      [5, 'Synopsys', 1, '35000000000'],
      [5, 'Aviva', 1, null],
      [5, 'Comcast', 1, null],
    ]);
  });

  it('counts closed deals by closing date; a retracted closing does not count', async () => {
    const { body } = await table('?basis=closed').expect(200);
    expect(summary(body.items)).toEqual([
      [1, 'Microsoft', 2, '88400000000'],
      [2, 'The Walt Disney Company', 1, '71300000000'],
      [3, 'Takeda Pharmaceutical', 1, '62000000000'],
      [4, 'Broadcom', 1, '61000000000'],
      [5, 'Meta Platforms', 2, '19400000000'],
      [6, 'Comcast', 1, null],
      [6, 'Vivendi', 1, null],
    ]);
    // Synopsys / Ansys was marked closed on 2024-06-28, then that event was retracted.
    expect(names(body.items)).not.toContain('Synopsys');
  });

  it('filters by an inclusive date range on the basis date', async () => {
    // Activision was announced on 2022-01-18, VMware closed on 2023-11-22.
    expect(summary((await table('?from=2022-01-18&to=2022-12-31').expect(200)).body.items)).toEqual([
      [1, 'Microsoft', 1, '68700000000'],
      [2, 'Broadcom', 1, '61000000000'],
      [3, 'Vivendi', 1, null],
    ]);
    expect(names((await table('?from=2022-01-19&to=2022-12-31').expect(200)).body.items)).toEqual(['Broadcom', 'Vivendi']);
    expect(summary((await table('?basis=closed&from=2023-01-01&to=2023-11-22').expect(200)).body.items)).toEqual([
      [1, 'Microsoft', 1, '68700000000'],
      [2, 'Broadcom', 1, '61000000000'],
      [3, 'Meta Platforms', 1, '400000000'],
    ]);
    expect(names((await table('?basis=closed&to=2018-12-31').expect(200)).body.items)).toEqual(['Meta Platforms', 'Comcast']);
    expect((await table('?from=2030-01-01').expect(200)).body).toEqual({ items: [], nextCursor: null });
  });

  it('pages through the whole table once, ranks intact', async () => {
    const first = await table('?rank=count&limit=4').expect(200);
    expect(summary(first.body.items).map(([rank, name]) => [rank, name])).toEqual([
      [1, 'Microsoft'],
      [1, 'Meta Platforms'],
      [1, 'Prosus'],
      [1, 'Vivendi'],
    ]);
    const second = await table(`?rank=count&limit=4&cursor=${first.body.nextCursor}`).expect(200);
    expect(summary(second.body.items).map(([rank, name]) => [rank, name])).toEqual([
      [5, 'The Walt Disney Company'],
      [5, 'Takeda Pharmaceutical'],
      [5, 'Broadcom'],
      [5, 'Synopsys'],
    ]);
    const third = await table(`?rank=count&limit=4&cursor=${second.body.nextCursor}`).expect(200);
    expect(names(third.body.items)).toEqual(['Aviva', 'Comcast']);
    expect(third.body.nextCursor).toBeNull();
  });

  it('pages in the order of the whole table whatever the page size, even through a tie broken by name', async () => {
    for (const rank of ['value', 'count']) {
      const whole = names((await table(`?rank=${rank}`).expect(200)).body.items);
      for (const limit of [1, 2, 3]) {
        const paged: string[] = [];
        let cursor = '';
        do {
          const { body } = await table(`?rank=${rank}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
          paged.push(...names(body.items));
          cursor = body.nextCursor ?? '';
        } while (cursor);
        expect(paged).toEqual(whole);
      }
    }
  });

  it('refuses bad parameters with a 400 naming each field', async () => {
    const fieldsOf = async (query: string) => validationFields(await table(query));
    expect(await fieldsOf('?basis=foo')).toEqual(['basis']);
    expect(await fieldsOf('?basis=rumored')).toEqual(['basis']);
    expect(await fieldsOf('?rank=size')).toEqual(['rank']);
    expect(await fieldsOf('?from=2024-02-30')).toEqual(['from']);
    expect(await fieldsOf('?from=2024-06-01&to=2024-05-31')).toEqual(['to']);
    expect(await fieldsOf('?limit=0')).toEqual(['limit']);
    expect(await fieldsOf('?limit=201')).toEqual(['limit']);
    expect(await fieldsOf('?cursor=bm9wZQ')).toEqual(['cursor']);
    // A position no table reaches, which would overflow an SQL integer.
    const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    expect(await fieldsOf(`?cursor=${forged([2147483647])}`)).toEqual(['cursor']);
    expect(await fieldsOf(`?cursor=${forged([2000000001])}`)).toEqual(['cursor']);
    expect(await fieldsOf('?basis=foo&rank=bar&to=2024-13-01')).toEqual(['basis', 'rank', 'to']);
    expect(await fieldsOf('?basis=closed&basis=announced')).toEqual(['basis']);
    // An unknown parameter would otherwise answer unfiltered totals as if filtered.
    expect(await fieldsOf('?status=closed')).toEqual(['status']);
    expect(await fieldsOf('?basis=closed&sector=energy&rank=x')).toEqual(['sector']);
  });

  it('needs an API key', async () => {
    const none = await t.http.get('/league-tables/acquirers').expect(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    await t.http.get('/league-tables/acquirers').set('Authorization', 'Bearer not-a-key').expect(401);
  });

  it('is documented in the OpenAPI document', async () => {
    const { body } = await t.http.get('/openapi.json').expect(200);
    const op = body.paths['/league-tables/acquirers'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['acquirerCountry', 'basis', 'crossBorder', 'cursor', 'from', 'limit', 'measure', 'rank', 'targetCountry', 'targetSector', 'to']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
  });
});

describe('GET /league-tables/acquirers: deals without a USD figure', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // A JPY 7tn deal with no FX rate loaded and no USD amount reported, and a USD 1 deal.
    await postHistory(t, announced('2024-01-05', { name: 'Nippon Holdings' }, 'Big Target KK', { amount: '7000000000000', currency: 'JPY' }));
    await postHistory(t, announced('2024-02-05', { name: 'Tiny Buyer' }, 'Tiny Target', usd('1')));
    await postHistory(t, announced('2024-03-05', { name: 'Mixed Buyer' }, 'Target One', usd('5')));
    await postHistory(t, announced('2024-03-06', { name: 'Mixed Buyer' }, 'Target Two', eur('5')));
  });
  afterAll(() => t?.close());

  it('value a row null when none of its deals has one, count the unconverted deals, and rank such rows last', async () => {
    const { body } = await t.http.get('/league-tables/acquirers').set(auth('viewer')).expect(200);
    expect(body.items.map((r: { rank: number; company: { name: string }; valueUsd: string | null; unconvertedCount: number }) => [r.rank, r.company.name, r.valueUsd, r.unconvertedCount])).toEqual([
      [1, 'Mixed Buyer', '5', 1],
      [2, 'Tiny Buyer', '1', 0],
      [3, 'Nippon Holdings', null, 1],
    ]);
  });
});
