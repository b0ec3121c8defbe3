// HTTP: POST /deals/{id}/events under autocannon (16 connections) against a server in its own process: the project
// (node dist/src/main.js, request logs and all) or the bare node:http + pg server doing the raw insert.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { announcement, priceRevision } from '../lib/deal-events.mjs';
import { peakRssMb } from '../lib/stats.mjs';

const { contender, url, seconds, connections = 16, deals: dealCount = 256 } = JSON.parse(process.argv[2]);
const SECRET = 'bench-analyst-secret-0001';
const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}` };

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

function startServer(port) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const [command, cwd] =
    contender === 'project' ? ['dist/src/main.js', root] : ['workloads/bare-server.mjs', fileURLToPath(new URL('..', import.meta.url))];
  const env = { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', API_KEYS: `bench:analyst:${SECRET}`, WRITE_RATE_LIMIT: '0', DATABASE_POOL_SIZE: '16' };
  // BENCH_SERVER_FLAGS: node flags for the server only, e.g. --cpu-prof to profile it.
  const flags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
  return spawn(process.execPath, [...flags, command], { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitForHealth(base) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${contender} server did not become healthy`);
}

async function seedDeals(base) {
  const ids = [];
  for (let i = 0; i < dealCount; i++) {
    const dealId = randomUUID();
    if (contender === 'project') {
      const res = await fetch(`${base}/deals`, { method: 'POST', headers, body: JSON.stringify({ ...announcement(i), dealId }) });
      if (res.status !== 201) throw new Error(`seeding: ${res.status} ${await res.text()}`);
    }
    ids.push(dealId);
  }
  return ids;
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = startServer(port);
try {
  await waitForHealth(base);
  const ids = await seedDeals(base);
  let n = 0;
  const run = (duration) =>
    autocannon({
      url: base,
      connections,
      duration,
      headers,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const i = n++;
            return { ...request, path: `/deals/${ids[i % ids.length]}/events`, body: JSON.stringify(priceRevision(i)) };
          },
        },
      ],
    });
  await run(1); // warm-up
  const result = await run(seconds);
  const ok = result['2xx'];
  process.stdout.write(
    `${JSON.stringify({
      events: ok,
      perSecond: Math.round((ok / result.duration) * 10) / 10,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      peakRssMb: peakRssMb(server.pid),
      lost: 0,
      duplicated: 0,
      streamsWithGaps: 0,
    })}\n`,
  );
} finally {
  server.kill('SIGTERM');
}
process.exit(0);
