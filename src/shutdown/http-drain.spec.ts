import { Agent, type IncomingMessage, type Server, createServer, request } from 'node:http';
import { connect } from 'node:net';
import { HttpDrain } from './http-drain.js';

/** A server whose requests wait until the test releases them, so "in flight" is a state, not a timing. */
function gatedServer() {
  const waiting: (() => void)[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/fast') return void res.end('fast');
    waiting.push(() => res.end('done'));
  });
  return { server, waiting, releaseAll: () => waiting.splice(0).forEach((release) => release()) };
}

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

function get(port: number, path: string, agent: Agent): Promise<{ status: number; connection?: string; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent }, (res: IncomingMessage) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    })
      .on('error', reject)
      .end();
  });
}

const connectionRefused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('HttpDrain', () => {
  it('refuses new connections, lets in-flight requests finish and closes kept-alive connections without waiting for their timeout', async () => {
    const { server, waiting, releaseAll } = gatedServer();
    server.keepAliveTimeout = 60_000; // a lingering kept-alive socket would hold the drain for a minute
    const drain = new HttpDrain(server);
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    await get(port, '/fast', agent); // leaves an idle kept-alive connection behind
    const inFlight = get(port, '/slow', agent);
    await until(() => waiting.length === 1, 'the request to arrive');

    const started = Date.now();
    const drained = drain.drain(30_000);
    expect(await connectionRefused(port)).toBe(true);
    expect(drain.inFlight).toBe(1);
    releaseAll();

    expect(await inFlight).toEqual({ status: 200, connection: 'close', body: 'done' });
    expect(await drained).toEqual({ cut: 0 });
    expect(Date.now() - started).toBeLessThan(2_000);
    agent.destroy();
  });

  it('cuts the requests still running when the grace period is over', async () => {
    const { server, waiting } = gatedServer();
    const drain = new HttpDrain(server);
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true });
    const stuck = get(port, '/slow', agent).catch((error: NodeJS.ErrnoException) => error.code);
    await until(() => waiting.length === 1, 'the request to arrive');

    const started = Date.now();
    expect(await drain.drain(300)).toEqual({ cut: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await stuck).toBe('ECONNRESET');
    agent.destroy();
  });

  it('shares one drain between callers', async () => {
    const { server } = gatedServer();
    const drain = new HttpDrain(server);
    await listen(server);
    expect(drain.drain(1_000)).toBe(drain.drain(5_000));
    await drain.drain(1_000);
  });
});
