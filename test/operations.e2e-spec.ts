import { type TestApp, startTestApp } from './support/test-app.js';

describe('operations endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('reports health with the database checked, without a key', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('publishes an OpenAPI document generated from the code, and Swagger UI', async () => {
    const doc = (await t.http.get('/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/deals', '/deals/{dealId}/events', '/deals/{dealId}']),
    );
    const body = doc.paths['/deals/{dealId}/events'].post.requestBody.content['application/json'].schema;
    expect(body.oneOf).toHaveLength(11);
    expect(doc.components.schemas.AnnouncedEventDto.properties).toHaveProperty('acquirer');
    const ui = await t.http.get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });
});
