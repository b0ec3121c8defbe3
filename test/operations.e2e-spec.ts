import net from 'node:net';
import { type TestApp, startTestApp } from './support/test-app.js';

/** Sends bytes node:http would refuse to send and returns the raw answer once the server closes the connection. */
function sendRaw(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.setEncoding('utf8');
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer; so far: ${answer}`)));
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

function parseRaw(answer: string): { status: number; contentType: string | undefined; body: Record<string, unknown> } {
  const [head, body] = answer.split('\r\n\r\n');
  const contentType = /^content-type: (.*)$/im.exec(head)?.[1];
  return { status: Number(head.split(' ')[1]), contentType, body: body ? JSON.parse(body) : {} };
}

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

  it('answers 503 while a read table cannot be read, though the database answers, and 200 once it can', async () => {
    await t.dataSource.query('ALTER TABLE deal_views RENAME TO deal_views_away');
    try {
      const res = await t.http.get('/health').expect(503);
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: expect.stringContaining('read tables cannot be read') });
    } finally {
      await t.dataSource.query('ALTER TABLE deal_views_away RENAME TO deal_views');
    }
    await t.http.get('/health').expect(200);
  });

  it('answers 503 within its deadline when no database connection comes free, and 200 again once one does', async () => {
    // Every pooled connection held, as when the database has frozen under them: the probe must not hang with them.
    const poolSize: number = (t.dataSource.driver as unknown as { master: { options: { max: number } } }).master.options.max;
    const held = await Promise.all(Array.from({ length: poolSize }, async () => {
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      return runner;
    }));
    const started = Date.now();
    try {
      const res = await t.http.get('/health').expect(503);
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(5_000); // the pool alone would wait 10 s for a connection
    } finally {
      await Promise.all(held.map((runner) => runner.release()));
    }
    await t.http.get('/health').expect(200);
  });

  it('publishes an OpenAPI document generated from the code, and Swagger UI', async () => {
    const doc = (await t.http.get('/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/deals', '/deals/{dealId}/events', '/deals/{dealId}']),
    );
    const body = doc.paths['/deals/{dealId}/events'].post.requestBody.content['application/json'].schema;
    expect(body.oneOf).toHaveLength(12); // every event type but a rumour, which only opens a deal
    expect(doc.components.schemas.AnnouncedEventDto.properties).toHaveProperty('acquirer');
    const ui = await t.http.get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  describe('requests refused by the HTTP parser before any route', () => {
    const port = () => t.app.getHttpServer().address().port;
    const cases: [string, string, number, string][] = [
      ['a control character in a header', 'GET /health HTTP/1.1\r\nHost: x\r\nX-Note: a\u0001b\r\n\r\n', 400, 'VALIDATION_FAILED'],
      ['a Content-Length that is not a number', 'POST /deals HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n', 400, 'VALIDATION_FAILED'],
      ['an unknown method', 'BREW /health HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'VALIDATION_FAILED'],
      ['headers over 16 KiB', `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
      ['an Expect other than 100-continue', 'GET /health HTTP/1.1\r\nHost: x\r\nExpect: tea\r\n\r\n', 417, 'EXPECTATION_FAILED'],
    ];
    it.each(cases)('answers %s with problem details', async (_, head, status, code) => {
      const answer = parseRaw(await sendRaw(port(), head));
      expect(answer).toMatchObject({ status, contentType: expect.stringMatching(/^application\/problem\+json/) });
      expect(answer.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
      if (status === 400) expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'request' })]);
    });
  });
});
