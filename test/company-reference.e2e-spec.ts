// Companies as reference data over HTTP: legal-form-blind name matching, PATCH /companies/{id} (facts, If-Match,
// validation), the facts in deal views and the deal list's filters, POST /companies/{id}/merge (admin) with its 301
// and re-credited deals, and a rebuild that reproduces all of it from the log.
import { announced, createDeal, eventCount } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';


/** The Kroger Co.'s Legal Entity Identifier (GLEIF). */
const KROGER_LEI = '6CPEOKI6OYJ13Q6O7870';

describe('companies as reference data (v1.1)', () => {
  let t: TestApp;
  let krogerAlbertsons: string;
  let kroger: string;
  let albertsons: string;

  beforeAll(async () => {
    t = await startTestApp();
    krogerAlbertsons = await createDeal(t, announced('2022-10-14', 'The Kroger Co.', 'Albertsons Companies, Inc.', '24600000000'));
    ({ companyId: kroger } = (await view(krogerAlbertsons)).acquirer);
    ({ companyId: albertsons } = (await view(krogerAlbertsons)).target);
  });
  afterAll(() => t?.close());

  const get = async (path: string) => (await t.http.get(path).set(auth('viewer')).expect(200)).body;
  const view = (dealId: string) => get(`/deals/${dealId}`);
  const patch = (companyId: string, body: unknown, role: 'analyst' | 'viewer' | 'admin' = 'analyst') =>
    t.http.patch(`/companies/${companyId}`).set(auth(role)).send(body as object);
  const merge = (companyId: string, body: unknown, role: 'analyst' | 'admin' = 'admin') =>
    t.http.post(`/companies/${companyId}/merge`).set(auth(role)).send(body as object);
  const dealIds = async (query: string) => (await get(`/deals?${query}`)).items.map((d: { dealId: string }) => d.dealId);

  it('matches a name without its leading "The" and trailing legal form to the company seen first', async () => {
    const later = await createDeal(t, announced('2014-09-25', 'KROGER', 'Vitacost.com, Inc.', '280000000'));
    const again = await createDeal(t, announced('2015-08-31', 'Kroger Company', 'Roundy’s, Inc.', '866000000'));
    expect([(await view(later)).acquirer.companyId, (await view(again)).acquirer.companyId]).toEqual([kroger, kroger]);
    expect((await get(`/companies/${kroger}`)).names).toEqual(['KROGER', 'Kroger Company', 'The Kroger Co.']);
  });

  it('records facts, answers the company with its version as ETag, and puts them in its deals at once', async () => {
    const res = await patch(kroger, { country: 'us', sector: 'consumer_staples', naics: '445110', listing: 'public', ticker: 'KR', lei: KROGER_LEI }).expect(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ companyId: kroger, country: 'US', sector: 'consumer_staples', naics: '445110', listing: 'public', ticker: 'KR', lei: KROGER_LEI, displayName: null, version: 1 });
    expect((await view(krogerAlbertsons)).acquirer).toEqual({ companyId: kroger, name: 'The Kroger Co.', country: 'US', sector: 'consumer_staples' });
    expect((await view(krogerAlbertsons)).crossBorder).toBeNull();
    await patch(albertsons, { country: 'US', sector: 'consumer_staples' }).expect(200);
    expect((await view(krogerAlbertsons)).crossBorder).toBe(false);
  });

  it('filters deals by the parties’ countries and sectors, and by cross-border', async () => {
    const swisscom = await createDeal(t, announced('2024-03-15', 'Swisscom AG', 'Vodafone Italia', '8700000000'));
    const { acquirer, target } = await view(swisscom);
    await patch(acquirer.companyId, { country: 'CH', sector: 'communication_services' }).expect(200);
    await patch(target.companyId, { country: 'IT', sector: 'communication_services' }).expect(200);
    expect(await dealIds('crossBorder=true')).toEqual([swisscom]);
    expect(await dealIds('crossBorder=false')).toEqual([krogerAlbertsons]);
    expect(await dealIds('targetCountry=it,fr')).toEqual([swisscom]);
    expect(await dealIds('acquirerCountry=US&targetSector=consumer_staples')).toEqual([krogerAlbertsons]);
    expect(await dealIds('acquirerSector=communication_services')).toEqual([swisscom]);
    const bad = await t.http.get('/deals?targetCountry=XX&crossBorder=yes&targetSector=tech').set(auth('viewer')).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['crossBorder', 'targetCountry', 'targetSector']);
  });

  it('slices league tables and volume statistics by the parties’ facts, and breaks the volume down by them', async () => {
    const table = (query: string) => get(`/league-tables/acquirers?${query}`).then((b) => b.items.map((r: { company: { name: string } }) => r.company.name));
    expect(await table('crossBorder=true')).toEqual(['Swisscom AG']);
    expect(await table('acquirerCountry=us&targetSector=consumer_staples')).toEqual(['Kroger Company']);
    const volume = await get('/stats/volume?interval=year&from=2024-01-01&to=2024-12-31&targetCountry=IT');
    expect(volume.items).toMatchObject([{ period: '2024', dealCount: 1, valueUsd: '8700000000' }]);
    const { items } = await get('/stats/breakdown?by=targetCountry&from=2022-01-01&to=2024-12-31');
    expect(items).toEqual([
      { key: 'US', dealCount: 1, valueUsd: '24600000000', unconvertedCount: 0 },
      { key: 'IT', dealCount: 1, valueUsd: '8700000000', unconvertedCount: 0 },
    ]);
    const unknown = (await get('/stats/breakdown?by=dealType')).items;
    expect(unknown.map((item: { key: string | null }) => item.key)).toEqual([null]);
  });

  it('refuses bad slicing and breakdown parameters, naming each', async () => {
    const bad = await t.http.get('/league-tables/advisors?targetCountry=USA&crossBorder=1&acquirerCountry=us,').set(auth('viewer')).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['acquirerCountry', 'crossBorder', 'targetCountry']);
    expect((await t.http.get('/stats/breakdown').set(auth('viewer')).expect(400)).body.errors).toEqual([{ field: 'by', message: expect.stringContaining('targetSector') }]);
    const wrong = await t.http.get('/stats/breakdown?by=sector&measure=ev').set(auth('viewer')).expect(400);
    expect(wrong.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['by', 'measure']);
    expect((await t.http.get('/stats/breakdown?by=dealType&limit=5').set(auth('viewer')).expect(400)).body.errors).toEqual([
      { field: 'limit', message: expect.stringContaining('not a parameter') },
    ]);
  });

  it('clears a fact sent as null and keeps the ones left out; If-Match must name the current version', async () => {
    await patch(kroger, { ticker: null }).set('If-Match', '"0"').expect(412);
    const res = await patch(kroger, { ticker: null, displayName: 'Kroger' }).set('If-Match', '"1"').expect(200);
    expect(res.body).toMatchObject({ ticker: null, displayName: 'Kroger', country: 'US', lei: KROGER_LEI, version: 2 });
    const rows = (await get('/league-tables/acquirers?acquirerCountry=US')).items;
    expect(rows.map((row: { company: { name: string } }) => row.company.name)).toEqual(['Kroger']);
  });

  it('refuses bad facts, naming each, and appends nothing', async () => {
    const before = await eventCount(t);
    const res = await patch(kroger, { country: 'XX', sector: 'tech', naics: '4451100', lei: '6CPEOKI6OYJ13Q6O7871', listing: 'listed', ticker: ' ', founded: 1883 }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['country', 'founded', 'lei', 'listing', 'naics', 'sector', 'ticker']);
    expect((await patch(kroger, {}).expect(400)).body.errors).toEqual([{ field: 'body', message: expect.stringContaining('at least one') }]);
    await patch(kroger, { country: 'US' }, 'viewer').expect(403);
    await patch('7f0c1b2a-3d4e-4f50-8a6b-7c8d9e0f1a2b', { country: 'US' }).expect(404);
    expect(await eventCount(t)).toBe(before);
  });

  describe('a merge', () => {
    let facebookInstagram: string;
    let facebook: string;
    let meta: string;

    beforeAll(async () => {
      facebookInstagram = await createDeal(t, announced('2012-04-09', 'Facebook, Inc.', 'Instagram', '1000000000'));
      const metaWithin = await createDeal(t, announced('2021-10-29', 'Meta Platforms, Inc.', 'Within Unlimited', '400000000'));
      facebook = (await view(facebookInstagram)).acquirer.companyId;
      meta = (await view(metaWithin)).acquirer.companyId;
      await patch(meta, { country: 'US', sector: 'communication_services' }).expect(200);
    });

    it('needs the admin role, and refuses merging into itself or into an unknown company', async () => {
      await merge(facebook, { into: meta, reason: 'Renamed in 2021' }, 'analyst').expect(403);
      expect((await merge(facebook, { into: facebook, reason: 'x' }).expect(422)).body.code).toBe('RULE_VIOLATED');
      expect((await merge(facebook, { into: '7f0c1b2a-3d4e-4f50-8a6b-7c8d9e0f1a2b', reason: 'x' }).expect(422)).body.detail).toContain('into');
      expect((await merge(facebook, { reason: 'x' }).expect(400)).body.errors).toEqual([{ field: 'into', message: expect.stringContaining('required') }]);
    });

    it('moves every deal, name and credit of the merged company to the one it merges into', async () => {
      const res = await merge(facebook, { into: meta.toUpperCase(), reason: 'Renamed Meta Platforms in 2021' }).expect(200);
      expect(res.body).toMatchObject({ companyId: meta, mergedFrom: [facebook], names: ['Facebook, Inc.', 'Meta Platforms, Inc.'] });
      expect(res.body.roles.acquirer.dealCount).toBe(2);
      expect((await view(facebookInstagram)).acquirer).toEqual({ companyId: meta, name: 'Facebook, Inc.', country: 'US', sector: 'communication_services' });
      const table = (await get('/league-tables/acquirers?from=2012-01-01&to=2021-12-31')).items;
      const rows = table.map((row: { company: { companyId: string }; dealCount: number }) => [row.company.companyId, row.dealCount]);
      expect(rows).toContainEqual([meta, 2]);
      expect(rows.map(([companyId]: string[]) => companyId)).not.toContain(facebook);
      expect(await dealIds(`acquirer=${facebook}`)).toHaveLength(2);
    });

    it('answers a retried merge or profile with the same Idempotency-Key as the first time, appending once', async () => {
      const twitterDeal = await createDeal(t, announced('2022-04-25', 'Elon Musk', 'Twitter, Inc.', '44000000000'));
      const xDeal = await createDeal(t, announced('2025-03-28', 'xAI', 'X Corp.', '45000000000'));
      const [twitter, x] = [(await view(twitterDeal)).target.companyId, (await view(xDeal)).target.companyId];
      const before = await eventCount(t);
      const body = { into: x, reason: 'Twitter, Inc. became X Corp. in 2023' };
      const first = await merge(twitter, body).set('Idempotency-Key', 'merge-twitter-x').expect(200);
      const retry = await merge(twitter, body).set('Idempotency-Key', 'merge-twitter-x').expect(200);
      expect(retry.body).toEqual(first.body);
      expect(first.body.mergedFrom).toEqual([twitter]);
      expect(await eventCount(t)).toBe(before + 1);
      const once = await patch(x, { ticker: 'X' }).set('Idempotency-Key', 'profile-x-1').expect(200);
      const again = await patch(x, { ticker: 'X' }).set('Idempotency-Key', 'profile-x-1').expect(200);
      expect([again.body.version, await eventCount(t)]).toEqual([once.body.version, before + 2]);
      expect((await patch(x, { ticker: 'TWTR' }).set('Idempotency-Key', 'profile-x-1').expect(422)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('answers the merged company with a 301 to the other, and resolves its names there from then on', async () => {
      const moved = await t.http.get(`/companies/${facebook}`).set(auth('viewer')).expect(301);
      expect(moved.headers.location).toBe(`/companies/${meta}`);
      const companies = (await get('/companies?q=facebook')).items;
      expect(companies.map((c: { companyId: string }) => c.companyId)).toEqual([meta]);
      const whatsapp = await createDeal(t, announced('2014-02-19', 'Facebook', 'WhatsApp Inc.', '19000000000'));
      expect((await view(whatsapp)).acquirer.companyId).toBe(meta);
    });

    it('refuses merging a company twice, or into one merged away, and profiling one merged away', async () => {
      expect((await merge(facebook, { into: kroger, reason: 'x' }).expect(422)).body.detail).toContain('already merged');
      expect((await merge(kroger, { into: facebook, reason: 'x' }).expect(422)).body.detail).toContain('merge into that one');
      expect((await patch(facebook, { country: 'IE' }).expect(422)).body.detail).toContain('merged into');
    });

    it('is reproduced by a rebuild from the log: views, facts, league tables', async () => {
      const paths = [`/deals/${facebookInstagram}`, `/deals/${krogerAlbertsons}`, `/companies/${meta}`, `/companies/${kroger}`, '/league-tables/acquirers', '/deals?crossBorder=true'];
      const before = await Promise.all(paths.map(get));
      await t.http.post('/projections/rebuild').set(auth('admin')).expect(200);
      expect(await Promise.all(paths.map(get))).toEqual(before);
    });
  });

  it('is documented in the OpenAPI document', async () => {
    const { body } = await t.http.get('/openapi.json').expect(200);
    expect(Object.keys(body.paths['/companies/{companyId}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(body.paths['/companies/{companyId}/merge'].post).toBeDefined();
    expect(Object.keys(body.components.schemas.CompanyProfileBody.properties)).toEqual(['country', 'sector', 'naics', 'listing', 'ticker', 'lei', 'displayName']);
    const deals = body.paths['/deals'].get.parameters.map((p: { name: string }) => p.name);
    expect(deals).toEqual(expect.arrayContaining(['acquirerCountry', 'targetCountry', 'acquirerSector', 'targetSector', 'crossBorder', 'advisor']));
    for (const path of ['/league-tables/acquirers', '/league-tables/advisors', '/stats/volume']) {
      const names = body.paths[path].get.parameters.map((p: { name: string }) => p.name);
      expect({ path, names }).toEqual({ path, names: expect.arrayContaining(['targetCountry', 'targetSector', 'acquirerCountry', 'crossBorder']) });
    }
    const breakdown = body.paths['/stats/breakdown'].get;
    expect(breakdown.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['basis', 'by', 'from', 'measure', 'to']);
  });
});
