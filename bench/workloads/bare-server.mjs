// The HTTP ceiling: a bare node:http server that parses the body and does the raw insert, nothing else
// (no auth, no validation, no rules, no views). Started by workloads/http.mjs with DATABASE_URL and PORT.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { INSERT_ONE, RAW_SCHEMA } from '../contenders/raw.mjs';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 16 });
await pool.query(RAW_SCHEMA);
const versions = new Map();

const server = createServer((req, res) => {
  const match = /^\/deals\/([^/]+)\/events$/.exec(req.url ?? '');
  if (req.method === 'GET' && req.url === '/health') return res.end('{"status":"ok"}');
  if (req.method !== 'POST' || !match) return res.writeHead(404).end();
  let text = '';
  req.on('data', (chunk) => (text += chunk));
  req.on('end', async () => {
    try {
      const body = JSON.parse(text);
      const streamId = `deal-${match[1]}`;
      const version = (versions.get(streamId) ?? 0) + 1;
      versions.set(streamId, version);
      const eventId = randomUUID();
      const metadata = JSON.stringify({ actor: 'bench' });
      const params = [streamId, version, eventId, body.type, text, metadata, body.occurredOn];
      await pool.query({ name: 'insert-one', text: INSERT_ONE, values: params });
      res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ dealId: match[1], eventId, version }));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
