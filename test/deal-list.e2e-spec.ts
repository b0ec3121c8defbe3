// GET /deals: every filter, every sort in both directions paged through with NULL sort keys present, and the
// validation of every parameter, over a book of real deal histories posted as an analyst would.
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { Decimal } from 'decimal.js';
import { createDeal, postEvent } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

const usd = (amount: string) => ({ amount, currency: 'USD' });

/** Each deal's history: its first event, then the rest in order. `msft` is Microsoft's company id (for the pin). */
const HISTORIES: Record<string, (ids: { msft: string }) => object[]> = {
  activision: () => [
    { type: 'announced', occurredOn: '2022-01-18', acquirer: { name: 'Microsoft' }, target: { name: 'Activision Blizzard' }, value: usd('68700000000'), pricePerShare: usd('95.00'), consideration: 'cash' },
    { type: 'regulatory', occurredOn: '2023-04-26', authority: 'CMA', jurisdiction: 'GB', decision: 'blocked' },
    { type: 'regulatory', occurredOn: '2023-10-13', authority: 'CMA', jurisdiction: 'GB', decision: 'approved_with_remedies' },
    { type: 'closed', occurredOn: '2023-10-13' },
  ],
  vmware: () => [
    { type: 'announced', occurredOn: '2022-05-26', acquirer: { name: 'Broadcom Inc.' }, target: { name: 'VMware, Inc.' }, value: usd('61000000000'), consideration: 'mixed', dealType: 'acquisition' },
    { type: 'closed', occurredOn: '2023-11-22' },
  ],
  figma: () => [
    { type: 'announced', occurredOn: '2022-09-15', acquirer: { name: 'Adobe' }, target: { name: 'Figma' }, value: usd('20000000000'), consideration: 'mixed' },
    { type: 'terminated', occurredOn: '2023-12-18', reason: 'No clear path to regulatory approval (EC, CMA)', terminationFee: usd('1000000000') },
  ],
  twitter: () => [
    { type: 'announced', occurredOn: '2022-04-25', acquirer: { name: 'Elon Musk' }, target: { name: 'Twitter, Inc.' }, value: usd('44000000000'), pricePerShare: usd('54.20'), consideration: 'cash', attitude: 'friendly' },
    { type: 'termination_attempted', occurredOn: '2022-07-08', by: 'acquirer', reason: 'Alleged breach over spam-account data' },
    { type: 'closed', occurredOn: '2022-10-27' },
  ],
  arm: () => [
    { type: 'announced', occurredOn: '2020-09-13', acquirer: { name: 'NVIDIA' }, target: { name: 'Arm Limited' }, seller: { name: 'SoftBank Group' }, value: usd('40000000000'), consideration: 'mixed' },
    { type: 'regulatory', occurredOn: '2021-12-02', authority: 'FTC', jurisdiction: 'US', decision: 'blocked' },
    { type: 'withdrawn', occurredOn: '2022-02-08', reason: 'Significant regulatory challenges' },
  ],
  immunomedics: () => [
    // Announced the same Sunday as Nvidia/Arm: a real tie on announcedOn.
    { type: 'announced', occurredOn: '2020-09-13', acquirer: { name: 'Gilead Sciences' }, target: { name: 'Immunomedics' }, value: usd('21000000000'), pricePerShare: usd('88.00'), consideration: 'cash' },
    { type: 'closed', occurredOn: '2020-10-23' },
  ],
  xilinx: () => [
    { type: 'announced', occurredOn: '2020-10-27', acquirer: { name: 'AMD' }, target: { name: 'Xilinx' }, value: usd('35000000000'), consideration: 'stock', dealType: 'merger' },
    { type: 'regulatory', occurredOn: '2022-01-27', authority: 'SAMR', jurisdiction: 'CN', decision: 'approved_with_remedies' },
    { type: 'closed', occurredOn: '2022-02-14' },
  ],
  ansys: () => [
    // USD 35bn like AMD/Xilinx: a real tie on valueUsd.
    { type: 'announced', occurredOn: '2024-01-16', acquirer: { name: 'Synopsys' }, target: { name: 'Ansys' }, value: usd('35000000000'), consideration: 'mixed' },
    { type: 'shareholder_vote', occurredOn: '2024-05-16', party: 'target', outcome: 'approved' },
  ],
  bg: () => [
    // GBP with no FX rate loaded: valueUsd stays NULL.
    { type: 'announced', occurredOn: '2015-04-08', acquirer: { name: 'Royal Dutch Shell' }, target: { name: 'BG Group' }, value: { amount: '47000000000', currency: 'GBP' }, consideration: 'mixed' },
    { type: 'closed', occurredOn: '2016-02-15' },
  ],
  covestro: () => [
    { type: 'announced', occurredOn: '2024-10-01', acquirer: { name: 'ADNOC' }, target: { name: 'Covestro' }, value: { amount: '14700000000', currency: 'EUR' }, pricePerShare: { amount: '62.00', currency: 'EUR' } },
  ],
  intel: () => [
    // A rumour without terms: no announcement, no value.
    { type: 'rumored', occurredOn: '2024-09-20', acquirer: { name: 'Qualcomm' }, target: { name: 'Intel' }, source: { publisher: 'The Wall Street Journal' } },
  ],
  seven: () => [
    // Never announced but with a USD value (and a price bump): NULL announcedOn, valueUsd present.
    { type: 'rumored', occurredOn: '2024-08-19', acquirer: { name: 'Alimentation Couche-Tard' }, target: { name: 'Seven & i Holdings' }, value: usd('38500000000'), attitude: 'unsolicited' },
    { type: 'priced', occurredOn: '2024-10-09', value: usd('47000000000') },
    { type: 'withdrawn', occurredOn: '2025-07-16', reason: 'Lack of constructive engagement' },
  ],
  gskch: () => [
    { type: 'rumored', occurredOn: '2022-01-15', acquirer: { name: 'Unilever' }, target: { name: 'GSK Consumer Healthcare' }, seller: { name: 'GSK plc' }, value: { amount: '50000000000', currency: 'GBP' } },
    { type: 'withdrawn', occurredOn: '2022-01-19', reason: 'Unilever will not raise its offer' },
  ],
  kioxia: () => [
    { type: 'announced', occurredOn: '2017-09-20', acquirer: { name: 'Bain Capital' }, target: { name: 'Toshiba Memory' }, seller: { name: 'Toshiba Corporation' }, value: usd('18000000000') },
    { type: 'closed', occurredOn: '2018-06-01' },
  ],
  monsanto: () => [
    // Bayer's approach was unsolicited; the deal it announced was agreed: the latest-dated attitude counts.
    { type: 'rumored', occurredOn: '2016-05-23', acquirer: { name: 'Bayer' }, target: { name: 'Monsanto' }, value: usd('62000000000'), attitude: 'unsolicited' },
    { type: 'announced', occurredOn: '2016-09-14', acquirer: { name: 'Bayer' }, target: { name: 'Monsanto' }, value: usd('66000000000'), equivalents: [{ amount: '59000000000', currency: 'EUR' }], pricePerShare: usd('128.00'), consideration: 'cash', attitude: 'friendly' },
    { type: 'closed', occurredOn: '2018-06-07' },
  ],
  nuance: ({ msft }) => [
    // The same Microsoft under its full name, pinned to the company already known.
    { type: 'announced', occurredOn: '2021-04-12', acquirer: { name: 'Microsoft Corporation', companyId: msft }, target: { name: 'Nuance Communications' }, value: usd('19700000000'), consideration: 'cash' },
    { type: 'closed', occurredOn: '2022-03-04' },
  ],
};

type Label = keyof typeof HISTORIES;

describe('GET /deals', () => {
  let t: TestApp;
  const id: Record<string, string> = {};
  const labelOf = (dealId: string) => Object.keys(id).find((label) => id[label] === dealId) ?? dealId;
  const get = (query: string) => t.http.get(`/deals?${query}`).set(auth('viewer'));
  /** The labels of every deal a query returns (one page of up to 200), sorted. */
  const labels = async (query: string) => {
    const res: Response = await get(`${query}&limit=200`).expect(200);
    expect(res.body.nextCursor).toBeNull();
    return res.body.items.map((d: { dealId: string }) => labelOf(d.dealId)).sort();
  };

  beforeAll(async () => {
    t = await startTestApp();
    const ids = { msft: '' };
    for (const label of Object.keys(HISTORIES)) {
      const [first, ...rest] = HISTORIES[label](ids);
      id[label] = await createDeal(t, first);
      for (const event of rest) await postEvent(t, id[label], event).expect(201);
      if (label === 'activision') ids.msft = (await t.http.get(`/deals/${id[label]}`).set(auth('viewer'))).body.acquirer.companyId;
    }
  });
  afterAll(() => t?.close());

  it('lists every deal as its full deal view, newest announcement first by default', async () => {
    const res = await get('limit=200').expect(200);
    expect(res.body.items).toHaveLength(Object.keys(HISTORIES).length);
    const ids = res.body.items.map((d: { dealId: string }) => labelOf(d.dealId));
    expect(ids.slice(0, 3)).toEqual(['covestro', 'ansys', 'figma']);
    expect(ids.slice(-3).sort()).toEqual(['gskch', 'intel', 'seven']);
    const single = (await t.http.get(`/deals/${id.monsanto}`).set(auth('viewer')).expect(200)).body;
    expect(res.body.items.find((d: { dealId: string }) => d.dealId === id.monsanto)).toEqual(single);
    // Bayer's first offer of USD 62bn was a rumour: the initial value is the announced one.
    expect(single).toMatchObject({ status: 'closed', valueUsd: '66000000000', initialValue: usd('66000000000') });
  });

  describe('filters', () => {
    it.each<[string, string, Label[]]>([
      ['one status', 'status=pending', ['ansys', 'covestro']],
      ['a comma list of statuses', 'status=rumored,withdrawn', ['arm', 'gskch', 'intel', 'seven']],
      ['terminated', 'status=terminated', ['figma']],
      ['acquirer by name', 'acquirer=Microsoft', ['activision', 'nuance']],
      ['acquirer by name in another case and punctuation', 'acquirer=MICROSOFT.', ['activision', 'nuance']],
      ['acquirer by a name joined by a companyId pin', 'acquirer=microsoft%20corporation', ['activision', 'nuance']],
      ['target by name', 'target=arm%20limited', ['arm']],
      ['target by a name the company was never the target under', 'target=Microsoft', []],
      ['party as acquirer', 'party=NVIDIA', ['arm']],
      ['party as target', 'party=Twitter%20Inc', ['twitter']],
      ['party as seller', 'party=SoftBank%20Group', ['arm']],
      ['party as the other seller', 'party=Toshiba%20Corporation', ['kioxia']],
      ['a name nobody was seen under', 'party=Nonexistent%20Holdings', []],
      ['announcedFrom/announcedTo, inclusive', 'announcedFrom=2022-01-18&announcedTo=2022-09-15', ['activision', 'figma', 'twitter', 'vmware']],
      ['a one-day announcement window', 'announcedFrom=2020-09-13&announcedTo=2020-09-13', ['arm', 'immunomedics']],
      ['announcedFrom alone (unannounced deals left out)', 'announcedFrom=2024-01-01', ['ansys', 'covestro']],
      ['announcedTo alone', 'announcedTo=2016-12-31', ['bg', 'monsanto']],
      ['closedFrom/closedTo, inclusive', 'closedFrom=2022-02-14&closedTo=2022-10-27', ['nuance', 'twitter', 'xilinx']],
      ['closedFrom alone (deals not closed left out)', 'closedFrom=2023-10-13', ['activision', 'vmware']],
      ['a deal type', 'dealType=merger', ['xilinx']],
      ['a comma list of deal types (deals of no known type left out)', 'dealType=acquisition,merger', ['vmware', 'xilinx']],
      ['an attitude: the latest-dated one counts', 'attitude=unsolicited', ['seven']],
      ['a comma list of attitudes', 'attitude=friendly,hostile', ['monsanto', 'twitter']],
      ['minValueUsd, inclusive', 'minValueUsd=40000000000', ['activision', 'arm', 'monsanto', 'seven', 'twitter', 'vmware']],
      ['maxValueUsd, inclusive', 'maxValueUsd=21000000000', ['figma', 'immunomedics', 'kioxia', 'nuance']],
      ['a USD value range with decimals', 'minValueUsd=34999999999.99&maxValueUsd=40000000000.00', ['ansys', 'arm', 'xilinx']],
      ['q over party names, any case', 'q=SEVEN%20%26%20i', ['seven']],
      ['q over names seen (the pin) and on the deal', 'q=corporation', ['activision', 'kioxia', 'nuance']],
      ['q ignoring accents', 'q=Cov%C3%A9stro', ['covestro']],
      ['q over the seller', 'q=softbank', ['arm']],
      ['q with a LIKE wildcard taken literally', 'q=%25', []],
      ['q with an underscore taken literally', 'q=_', []],
      ['every filter together', 'status=closed,terminated&party=Microsoft&announcedFrom=2021-01-01&minValueUsd=20000000000&q=activision', ['activision']],
    ])('%s', async (_case, query, expected) => {
      expect(await labels(query)).toEqual([...expected].sort());
    });

    it('takes a company id for acquirer, target and party', async () => {
      const view = (await t.http.get(`/deals/${id.arm}`).set(auth('viewer')).expect(200)).body;
      expect(await labels(`acquirer=${view.acquirer.companyId}`)).toEqual(['arm']);
      expect(await labels(`target=${view.target.companyId.toUpperCase()}`)).toEqual(['arm']);
      expect(await labels(`party=${view.seller.companyId}`)).toEqual(['arm']);
      expect(await labels(`party=${randomUUID()}`)).toEqual([]);
    });
  });

  describe('sorting and paging', () => {
    interface Item {
      dealId: string;
      announcedOn: string | null;
      valueUsd: string | null;
      updatedAt: string;
    }
    const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const compareKeys: Record<string, (a: string, b: string) => number> = {
      announcedOn: byText,
      valueUsd: (a, b) => new Decimal(a).comparedTo(b),
      updatedAt: (a, b) => Date.parse(a) - Date.parse(b),
    };

    /** The order the API promises, worked out here: by key (NULLs last either way), ties by dealId in the same direction. */
    function expectedOrder(items: Item[], sort: string): string[] {
      const field = sort.replace('-', '') as keyof Item;
      const sign = sort.startsWith('-') ? -1 : 1;
      return [...items]
        .sort((a, b) => {
          const [x, y] = [a[field], b[field]];
          if (x === null || y === null) return x === y ? sign * byText(a.dealId, b.dealId) : x === null ? 1 : -1;
          return sign * (compareKeys[field](x, y) || byText(a.dealId, b.dealId));
        })
        .map((i) => i.dealId);
    }

    async function pageThrough(query: string, limit: number): Promise<{ ids: string[]; pages: number }> {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: Response = await get(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        ids.push(...res.body.items.map((d: Item) => d.dealId));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 50);
      return { ids, pages };
    }

    let all: Item[];
    beforeAll(async () => {
      all = (await get('limit=200').expect(200)).body.items;
    });

    it('has NULL sort keys and ties to order', () => {
      expect(all.filter((d) => d.announcedOn === null).length).toBeGreaterThanOrEqual(3);
      expect(all.filter((d) => d.valueUsd === null).length).toBeGreaterThanOrEqual(3);
      expect(all.filter((d) => d.announcedOn === '2020-09-13')).toHaveLength(2);
      expect(all.filter((d) => d.valueUsd === '35000000000')).toHaveLength(2);
    });

    const SORTS = ['announcedOn', '-announcedOn', 'valueUsd', '-valueUsd', 'updatedAt', '-updatedAt'];
    it.each(SORTS.flatMap((sort) => [2, 3, 4].map((limit) => [sort, limit] as const)))(
      'sort=%s pages through every deal exactly once, in order, NULLs last (limit %i)',
      async (sort, limit) => {
        const { ids, pages } = await pageThrough(`sort=${sort}`, limit);
        expect(pages).toBe(Math.ceil(all.length / limit)); // no empty page after the last one
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.map(labelOf)).toEqual(expectedOrder(all, sort).map(labelOf));
      },
    );

    it('sorts -announcedOn by default', async () => {
      expect((await pageThrough('', 5)).ids).toEqual(expectedOrder(all, '-announcedOn'));
    });

    it('pages a filtered list too', async () => {
      const { ids, pages } = await pageThrough('status=closed,withdrawn,rumored&sort=valueUsd', 2);
      const expected = expectedOrder(all.filter((d) => !['ansys', 'covestro', 'figma'].includes(labelOf(d.dealId))), 'valueUsd');
      expect(pages).toBe(Math.ceil(expected.length / 2));
      expect(ids).toEqual(expected);
    });

    it('refuses a cursor issued for another sort, or one it never issued', async () => {
      const first = (await get('sort=valueUsd&limit=2').expect(200)).body;
      const other = await get(`sort=-valueUsd&limit=2&cursor=${first.nextCursor}`).expect(400);
      expect(other.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
      const forged = Buffer.from(JSON.stringify(['valueUsd', "1; DROP TABLE deal_views", randomUUID()])).toString('base64url');
      expect((await get(`sort=valueUsd&cursor=${forged}`).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await get('cursor=not-a-cursor').expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    });
  });

  describe('validation', () => {
    it.each([
      ['status=merged', 'status'],
      ['status=pending,', 'status'],
      ['status=Pending', 'status'],
      ['acquirer=...', 'acquirer'],
      ['target=', 'target'],
      [`party=${'x'.repeat(201)}`, 'party'],
      ['announcedFrom=2024-02-30', 'announcedFrom'],
      ['announcedTo=yesterday', 'announcedTo'],
      ['announcedFrom=2024-06-01&announcedTo=2024-05-31', 'announcedTo'],
      ['closedFrom=2024-01-01&closedTo=2023-12-31', 'closedTo'],
      ['closedTo=soon', 'closedTo'],
      ['dealType=mergers', 'dealType'],
      ['attitude=Hostile', 'attitude'],
      ['minValueUsd=0', 'minValueUsd'],
      ['minValueUsd=-5', 'minValueUsd'],
      ['maxValueUsd=1e9', 'maxValueUsd'],
      ['maxValueUsd=lots', 'maxValueUsd'],
      ['minValueUsd=20000000000&maxValueUsd=19999999999.99', 'maxValueUsd'],
      ['q=', 'q'],
      ['q=a&q=b', 'q'],
      ['sort=value', 'sort'],
      ['sort=--announcedOn', 'sort'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['stauts=pending', 'stauts'],
    ])('?%s is a 400 naming %s', async (query, field) => {
      const res = await get(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('names every bad field at once', async () => {
      const res = await get('status=open&minValueUsd=0&sort=size').expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['minValueUsd', 'sort', 'status']);
    });
  });

  describe('auth', () => {
    it('answers a viewer and refuses a request without a valid key', async () => {
      await t.http.get('/deals').set(auth('viewer')).expect(200);
      expect((await t.http.get('/deals').expect(401)).body.code).toBe('UNAUTHENTICATED');
      await t.http.get('/deals').set({ Authorization: 'Bearer wrong-secret' }).expect(401);
    });
  });
});
