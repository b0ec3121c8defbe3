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

async function sendSecretsEverywhere(server: ServerProcess): Promise<string> {
  const query = new URLSearchParams({ status: 'pending', ...QUERY_SECRETS }).toString();
  const res = await fetch(`${server.url}/deals?${query}`, { headers: { Authorization: `Bearer ${KEY}`, ...SECRETS } });
  await res.arrayBuffer();
  // A wrong key and a key in the wrong header must not be logged either.
  await (await fetch(`${server.url}/deals`, { headers: { Authorization: 'Bearer wrong-key-secret-0008' } })).arrayBuffer();
  return res.headers.get('x-request-id')!;
}

const leaks = (output: string) =>
  [KEY, 'wrong-key-secret-0008', ...Object.values(SECRETS), ...Object.values(QUERY_SECRETS)].filter((secret) => output.includes(secret));

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
    const requestId = await sendSecretsEverywhere(server);
    await waitFor(async () => server.output.includes(requestId), 'the request to be logged');
    expect(leaks(server.output)).toEqual([]);
    const line = JSON.parse(server.output.split('\n').find((l) => l.includes(requestId) && l.includes('"res"'))!);
    expect(line.req.url).toBe('/deals?status=pending&api_key=[redacted]&access_token=[redacted]&token=[redacted]');
    if (level === 'info') {
      // One short line: no headers at info.
      expect(line.req).not.toHaveProperty('headers');
      expect(JSON.stringify(line).length).toBeLessThan(400);
    } else {
      expect(line.req.headers).toMatchObject({ 'x-api-key': '[redacted]', 'x-auth-token': '[redacted]', 'proxy-authorization': '[redacted]' });
    }
  });
});
