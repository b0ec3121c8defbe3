// HTTP as clients expect it: HEAD is a read, a 401 names its scheme, a known path with another method is a 405 with
// Allow, a body in another format is a 415 naming the one to send, and a 404 for a date before the deal names it.
import { eventCount, seedDeal } from './support/deals.js';
import { type TestApp, auth, startTestApp } from './support/test-app.js';

describe('HTTP conventions', () => {
  let t: TestApp;
  let dealId: string;
  beforeAll(async () => {
    t = await startTestApp();
    dealId = (await t.http.post('/deals').set(auth('analyst')).send(seedDeal).expect(201)).body.dealId;
  });
  afterAll(() => t?.close());

  it('answers HEAD to a viewer as a read, without a body', async () => {
    const res = await t.http.head(`/deals/${dealId}`).set(auth('viewer')).expect(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.text ?? '').toBe('');
    await t.http.head('/deals').set(auth('viewer')).expect(200);
  });

  it('gives an ETag to a deal only (its version), not to lists or problems', async () => {
    expect((await t.http.get('/deals').set(auth('viewer')).expect(200)).headers.etag).toBeUndefined();
    expect((await t.http.get('/deals?status=nope').set(auth('viewer')).expect(400)).headers.etag).toBeUndefined();
    const unchanged = await t.http.get(`/deals/${dealId}`).set(auth('viewer')).set('If-None-Match', '"1"');
    expect(unchanged.status).toBe(304);
  });

  it('says which scheme to authenticate with on a 401', async () => {
    const res = await t.http.get('/deals').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="deal-tracker"');
  });

  it.each([
    ['PUT', '/deals', 'GET, HEAD, POST'],
    ['DELETE', '/deals/00000000-0000-4000-8000-000000000001', 'GET, HEAD'],
    ['PATCH', '/deals/00000000-0000-4000-8000-000000000001/events', 'GET, HEAD, POST'],
    ['DELETE', '/fx-rates', 'GET, HEAD, POST'],
    ['GET', '/projections/rebuild', 'POST'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const res = await t.http[method.toLowerCase() as 'put'](path).set(auth('admin')).expect(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
  });

  it('refuses on every documented operation a query parameter it does not document, naming the ones it takes', async () => {
    const companyId = (await t.http.get(`/deals/${dealId}`).set(auth('viewer')).expect(200)).body.acquirer.companyId;
    const doc = (await t.http.get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const before = await eventCount(t);
    let checked = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      const path = template.replace('{dealId}', dealId).replace('{companyId}', companyId);
      for (const [method, op] of Object.entries(operations)) {
        if (op.security?.length === 0) continue; // /health and /metrics take what probes send
        const res = await t.http[method as 'get'](`${path}?zzUnknown=1`).set(auth('admin')).send(method === 'post' ? {} : undefined);
        expect({ op: `${method} ${template}`, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
          op: `${method} ${template}`,
          status: 400,
          fields: ['zzUnknown'],
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
    expect(await eventCount(t)).toBe(before);
  });

  it.each([
    ['/events?cursor=MTox', 'cursor', 'after, limit'],
    [`/deals/DEAL?asof=2024-01-01`, 'asof', 'asOf, knownAt'],
    ['/deals/DEAL/events?Limit=1', 'Limit', 'limit, cursor'],
  ])('names what %s should have said', async (url, field, takes) => {
    const res = await t.http.get(url.replace('DEAL', dealId)).set(auth('viewer')).expect(400);
    expect(res.body.errors).toEqual([{ field, message: `is not a parameter of this endpoint (it takes ${takes})` }]);
  });

  it('still answers an unknown path with 404', async () => {
    expect((await t.http.put('/no-such-thing').set(auth('admin')).expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('answers a form body (curl -d) with 415 naming application/json, appending nothing', async () => {
    const before = await eventCount(t);
    const res = await t.http
      .post('/deals')
      .set(auth('analyst'))
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('{"type":"announced"}')
      .expect(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: expect.stringContaining('application/json') });
    const fx = await t.http.post('/fx-rates').set(auth('admin')).set('Content-Type', 'text/plain').send('Date,USD').expect(415);
    expect(fx.body.detail).toContain('text/csv');
    expect(await eventCount(t)).toBe(before);
  });

  it.each(['application/merge-patch+json', 'application/vnd.api+json'])('answers a body sent as %s with 415: only application/json is read', async (type) => {
    const before = await eventCount(t);
    const res = await t.http.post('/deals').set(auth('analyst')).set('Content-Type', type).send(JSON.stringify(seedDeal)).expect(415);
    expect(res.body.detail).toBe(`Send the body as application/json; it came as ${type}.`);
    expect(await eventCount(t)).toBe(before);
  });

  it('refuses a body that is not valid UTF-8 instead of storing replacement characters', async () => {
    const before = await eventCount(t);
    const bytes = Buffer.from(JSON.stringify({ ...seedDeal, acquirer: { name: 'Bad @@ utf8' } }));
    bytes.set([0xff, 0xfe], bytes.indexOf('@@'));
    const { port } = t.app.getHttpServer().address() as { port: number };
    // fetch sends the bytes as they are (supertest would serialise a Buffer as JSON).
    const res = await fetch(`http://127.0.0.1:${port}/deals`, { method: 'POST', headers: { ...auth('analyst'), 'Content-Type': 'application/json' }, body: bytes });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body', message: 'not valid UTF-8' }] });
    expect(await eventCount(t)).toBe(before);
  });

  it.each(['utf-16le', 'latin1', 'UTF-16'])('answers a JSON body declared as charset=%s with 415 naming UTF-8, appending nothing', async (charset) => {
    const before = await eventCount(t);
    const res = await t.http.post('/deals').set(auth('analyst')).set('Content-Type', `application/json; charset=${charset}`).send(JSON.stringify(seedDeal)).expect(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: `Send the body in UTF-8; it came as ${charset}.` });
    expect(await eventCount(t)).toBe(before);
  });

  it.each([
    ['utf8', 'utf8'],
    ['', 'another charset'],
    ['"utf-8', 'another charset'],
    ['utf-8; charset=latin1', 'several charsets'],
    ['dt_Qm9vLTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams', '[redacted]'],
    ['"sk live/1234"', 'another charset'],
  ])('answers charset=%s with 415, repeating only a plausible charset (%s)', async (charset, said) => {
    const res = await t.http.post('/deals').set(auth('analyst')).set('Content-Type', `application/json; charset=${charset}`).send(JSON.stringify(seedDeal)).expect(415);
    expect(res.body.detail).toBe(`Send the body in UTF-8; it came as ${said}.`);
  });

  it('does not repeat a media type that may hold a secret', async () => {
    const res = await t.http.post('/deals').set(auth('analyst')).set('Content-Type', 'application/dt_Qm9vLTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams').send('{}').expect(415);
    expect(res.text).not.toContain('Qm9vLTEyMzQ1Njc4OTAt');
    const odd = await t.http.post('/deals').set(auth('analyst')).set('Content-Type', 'token=s3cr3t value').send('{}').expect(415);
    expect(odd.body.detail).toBe('Send the body as application/json; it came as another type.');
  });

  it('repeats neither the query nor a key in the path in a 404, a 405 or a path that does not decode', async () => {
    const key = 'dt_Qm9vLTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams';
    const notFound = await t.http.get(`/nope?token=${key}`).set(auth('viewer')).expect(404);
    expect(notFound.body).toMatchObject({ code: 'NOT_FOUND', detail: 'Nothing answers GET /nope.', instance: '/nope' });
    const wrongMethod = await t.http.delete(`/deals/${key}`).set(auth('admin')).expect(405);
    expect(wrongMethod.body.detail).toBe('DELETE is not a method of /deals/[redacted]; it takes GET, HEAD.');
    const encoded = await t.http.get(`/deals/dt%5F${key.slice(3)}`).set(auth('viewer'));
    expect(encoded.body.instance).toBe('/deals/[redacted]');
    const undecodable = await t.http.get(`/deals/${key}%`).set(auth('viewer')).expect(400);
    expect(undecodable.body.detail).toBe('A path segment is not valid percent-encoding.');
    for (const res of [notFound, wrongMethod, encoded, undecodable]) expect(res.text).not.toContain(key.slice(3));
  });

  it('takes a JSON body declared as charset="UTF-8" (quoted, any case)', async () => {
    const body = { ...seedDeal, acquirer: { name: 'Charset Buyer' }, target: { name: 'Charset Target' } };
    await t.http.post('/deals').set(auth('analyst')).set('Content-Type', 'application/json; charset="UTF-8"').send(JSON.stringify(body)).expect(201);
  });

  it('does not repeat the query back in a problem: a key put in ?token= stays out of the answer', async () => {
    const res = await t.http.get('/deals?token=secret-in-the-query-0001').expect(401);
    expect(res.body.instance).toBe('/deals');
    expect(res.text).not.toContain('secret-in-the-query-0001');
  });

  it('names the date or time a deal did not exist yet in a 404', async () => {
    const before = await t.http.get(`/deals/${dealId}?asOf=2025-03-27`).set(auth('viewer')).expect(404);
    expect(before.body).toMatchObject({ code: 'DEAL_NOT_FOUND', detail: `Deal ${dealId} did not exist yet on 2025-03-27 (its first event is dated 2025-03-28).` });
    const early = await t.http.get(`/deals/${dealId}?knownAt=2020-01-01T00:00:00Z`).set(auth('viewer')).expect(404);
    expect(early.body.detail).toContain('did not exist yet as known at 2020-01-01T00:00:00.000Z (it was first recorded at');
  });
});
