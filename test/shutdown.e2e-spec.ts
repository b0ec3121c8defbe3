// Graceful shutdown of the real server process (`node dist/src/main.js`, embedded database): on SIGTERM it refuses
// new connections, finishes the requests in flight, ends event streams and kept-alive connections, and exits 0
// within SHUTDOWN_GRACE_MS; a request that outlives the grace period is cut off.
import { randomUUID } from 'node:crypto';
import { Agent, type ClientRequest, type IncomingMessage, request } from 'node:http';
import { connect } from 'node:net';
import { ServerProcess } from './support/server-process.js';
import { seedDeal } from './support/deals.js';
import { waitFor } from './support/wait-for.js';

const KEYS = { analyst: 'shutdown-analyst-0001', viewer: 'shutdown-viewer-0001' };
const bearer = (role: keyof typeof KEYS) => `Bearer ${KEYS[role]}`;

interface Answer {
  status: number;
  connection?: string;
  body: string;
}

function collect(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (body += chunk));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    res.on('error', reject);
  });
}

/**
 * A POST whose body is held back: with `Expect: 100-continue` the server answers "100 Continue" once it has the
 * request, so the test knows the request is in flight before it sends the signal, and decides when the body goes.
 */
async function heldPost(port: number, agent: Agent, path: string, body: object) {
  const payload = JSON.stringify(body);
  const req: ClientRequest = request({
    host: '127.0.0.1',
    port,
    path,
    method: 'POST',
    agent,
    headers: {
      Authorization: bearer('analyst'),
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(payload),
      Expect: '100-continue',
    },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.once('response', (res) => collect(res).then(resolve, reject));
    req.once('error', reject);
  });
  answer.catch(() => undefined); // observed by the test; never an unhandled rejection
  await new Promise<void>((resolve, reject) => {
    req.once('continue', resolve);
    req.once('error', reject);
    req.flushHeaders();
  });
  return { answer, sendBody: () => req.end(payload) };
}

function get(port: number, agent: Agent, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent, headers: { Authorization: bearer('viewer') } }, (res) => collect(res).then(resolve, reject))
      .on('error', reject)
      .end();
  });
}

/** Opens GET /events/stream and resolves once the first bytes arrived; `ended` resolves when the server ends it. */
function openEventStream(port: number): Promise<{ ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/events/stream', headers: { Authorization: bearer('viewer') } }, (res) => {
      const ended = new Promise<void>((end) => res.once('end', end));
      res.once('data', () => resolve({ ended }));
      res.resume();
    })
      .on('error', reject)
      .end();
  });
}

const connectionRefused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

describe('graceful shutdown on SIGTERM (the built server, embedded database)', () => {
  let server: ServerProcess | undefined;
  const agent = new Agent({ keepAlive: true });
  afterEach(() => server?.stop());
  afterAll(() => agent.destroy());

  it('finishes the write in flight, ends event streams and kept-alive connections, refuses new ones, exits 0 in time', async () => {
    const graceMs = 8_000;
    server = await ServerProcess.start({ API_KEYS: `desk:analyst:${KEYS.analyst},screen:viewer:${KEYS.viewer}`, SHUTDOWN_GRACE_MS: String(graceMs) });
    const { port } = server;
    expect((await get(port, agent, '/deals')).status).toBe(200); // leaves an idle kept-alive connection
    const stream = await openEventStream(port);
    const write = await heldPost(port, agent, '/deals', seedDeal);

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await waitFor(() => connectionRefused(port), 'new connections to be refused', 5_000);
    write.sendBody();

    const answer = await write.answer;
    expect({ status: answer.status, connection: answer.connection }).toEqual({ status: 201, connection: 'close' });
    expect(JSON.parse(answer.body)).toMatchObject({ dealId: expect.any(String), version: 1 });
    await stream.ended;
    const exit = await server.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    // Well inside the grace period, and inside Node's 5 s keep-alive timeout: no idle connection was waited for.
    expect(exit.at - signalledAt).toBeLessThan(4_000);
    // The held write and the event stream.
    expect(server.output).toMatch(/SIGTERM: refusing new connections; 2 request\(s\) in flight/);
    expect(server.output).toContain('Shut down cleanly.');
  }, 90_000);

  it('cuts a request that outlives the grace period and still exits 0 soon after it', async () => {
    const graceMs = 1_500;
    server = await ServerProcess.start({ API_KEYS: `desk:analyst:${KEYS.analyst},screen:viewer:${KEYS.viewer}`, SHUTDOWN_GRACE_MS: String(graceMs) });
    const stuck = await heldPost(server.port, agent, `/deals/${randomUUID()}/events`, { type: 'closed', occurredOn: '2025-06-30' });

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await expect(stuck.answer).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|ECONNREFUSED/) });
    const exit = await server.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(graceMs);
    expect(exit.at - signalledAt).toBeLessThan(graceMs + 3_000);
    expect(server.output).toContain('1 request(s) still running after 1500 ms were cut off.');
  }, 90_000);
});
