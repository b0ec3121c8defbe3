// What the server writes to its log, read from the real process's output: one short line a request at info, and no
// secret anywhere, wherever a client put it (headers, query), at any level.
import { ServerProcess } from './support/server-process.js';
import { waitFor } from './support/wait-for.js';

const KEY = 'logging-analyst-secret-0001';
const SECRETS = {
  'X-Api-Key': 'sk-in-x-api-key-0001',
  'Proxy-Authorization': 'Basic cHJveHktc2VjcmV0LTAwMDI=',
  'X-Auth-Token': 'token-in-x-auth-token-0003',
  Cookie: 'session=cookie-secret-0004',
};
const QUERY_SECRETS = { api_key: 'query-api-key-0005', access_token: 'query-access-token-0006', token: 'query-token-0007' };

/** Sends secrets everywhere; answers the request id of the first request and of the last (logged after the others). */
async function sendSecretsEverywhere(server: ServerProcess): Promise<{ first: string; last: string }> {
  const query = new URLSearchParams({ status: 'pending', ...QUERY_SECRETS }).toString();
  const res = await fetch(`${server.url}/deals?${query}`, { headers: { Authorization: `Bearer ${KEY}`, ...SECRETS } });
  await res.arrayBuffer();
  // A wrong key, a key as a bare parameter or in a search must not be logged either.
  await (await fetch(`${server.url}/deals`, { headers: { Authorization: 'Bearer wrong-key-secret-0008' } })).arrayBuffer();
  await (await fetch(`${server.url}/deals?bare-key-secret-0009`)).arrayBuffer();
  const last = await fetch(`${server.url}/deals?q=search-key-secret-0010`, { headers: { Authorization: `Bearer ${KEY}` } });
  await last.arrayBuffer();
  return { first: res.headers.get('x-request-id')!, last: last.headers.get('x-request-id')! };
}

const leaks = (output: string) =>
  [KEY, 'wrong-key-secret-0008', 'bare-key-secret-0009', 'search-key-secret-0010', ...Object.values(SECRETS), ...Object.values(QUERY_SECRETS)].filter(
    (secret) => output.includes(secret),
  );

describe.each(['info', 'debug', 'trace'])('the request log at %s', (level) => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await ServerProcess.start({ API_KEYS: `desk:analyst:${KEY}`, LOG_LEVEL: level });
  });
  afterAll(() => server?.stop());

  it('says where it listens: this machine only, by default', () => {
    expect(server.output).toContain(`Deal tracker listening on http://127.0.0.1:${server.port} (this machine only; set HOST to open it to others;`);
  });

  it('never shows a secret, in any header or query parameter', async () => {
    const { first: requestId, last } = await sendSecretsEverywhere(server);
    await waitFor(async () => server.output.includes(last), 'the last request to be logged');
    expect(leaks(server.output)).toEqual([]);
    const line = JSON.parse(server.output.split('\n').find((l) => l.includes(requestId) && l.includes('"res"'))!);
    expect(line.req.url).toBe('/deals?status=pending&[redacted]=[redacted]&[redacted]=[redacted]&[redacted]=[redacted]');
    if (level === 'info') {
      // One short line: no headers at info.
      expect(line.req).not.toHaveProperty('headers');
      expect(JSON.stringify(line).length).toBeLessThan(400);
    } else {
      expect(line.req.headers).toMatchObject({ 'x-api-key': '[redacted]', 'x-auth-token': '[redacted]', 'proxy-authorization': '[redacted]' });
    }
  });
});
