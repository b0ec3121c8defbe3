// What every fuzzed answer must satisfy, the tally of what was sent and seen, and the audit that no refused
// request appended anything.
import type { DataSource } from 'typeorm';
import type { FuzzClient, FuzzRequest, FuzzResponse } from './fuzz-client.js';
import { describeRequest } from './fuzz-requests.js';

export interface Exchange {
  request: FuzzRequest;
  response: FuzzResponse;
}

const short = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Why this answer breaks the contract, or null when it is fine. Requests Node's HTTP parser refuses before the
 * app sees them must be problem details too (src/http/client-errors.ts), not Node's bare 400/431/417.
 */
export function checkExchange({ request, response }: Exchange): string | null {
  const { status } = response;
  if (status >= 500) return `answered ${status}: ${short(response.text)}`;
  if (status >= 200 && status < 300) return request.expect === 'refuse' ? `accepted (${status}) a request that must be refused` : null;
  if (status < 400) return `answered ${status}, neither a success nor a refusal`;
  return problemDetailsProblem(response, request.method === 'HEAD');
}

function problemDetailsProblem(response: FuzzResponse, headOnly: boolean): string | null {
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) {
    return `refused (${response.status}) with Content-Type ${type || '(none)'}: ${short(response.text)}`;
  }
  if (headOnly) return null;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(response.text);
  } catch {
    return `refused (${response.status}) with a body that is not JSON: ${short(response.text)}`;
  }
  const missing = ['type', 'title', 'detail', 'code'].filter((field) => typeof body[field] !== 'string');
  if (missing.length > 0) return `problem details without ${missing.join(', ')}: ${short(response.text)}`;
  if (body.status !== response.status) return `problem details say status ${body.status}, the answer was ${response.status}`;
  if (response.status === 400) {
    const errors = body.errors;
    const isFieldError = (e: { field?: unknown; message?: unknown }) => typeof e?.field === 'string' && typeof e?.message === 'string';
    const ok = Array.isArray(errors) && errors.length > 0 && errors.every(isFieldError);
    if (!ok) return `a 400 without errors [{field, message}]: ${short(response.text)}`;
  }
  return null;
}

/** Requests sent and answers seen, for the summary line. */
export class FuzzTally {
  total = 0;
  readonly statuses = new Map<string, number>();
  readonly families = new Map<string, { sent: number; succeeded: number }>();
  streamsOpened = 0;

  record({ request, response }: Exchange): void {
    this.total++;
    const status = String(response.status);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    const family = this.families.get(request.family) ?? { sent: 0, succeeded: 0 };
    family.sent++;
    if (response.status < 300) family.succeeded++;
    this.families.set(request.family, family);
    if (response.streamed) this.streamsOpened++;
  }

  get succeeded(): number {
    return [...this.statuses].filter(([status]) => status.startsWith('2')).reduce((sum, [, n]) => sum + n, 0);
  }

  histogram(): string {
    return [...this.statuses].sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => `${status}×${n}`).join(' ');
  }
}

/**
 * Checks after each batch that every event appended since the last check belongs to a write the server answered
 * with 2xx: deal events by the eventId the answer named, other streams (FX loads) no more than their 2xx count.
 */
export class AppendAudit {
  private position = '0';
  private readonly known = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly countsAsWrite: (r: FuzzRequest) => boolean,
  ) {}

  async start(): Promise<void> {
    const rows: { event_id: string; position: string }[] = await this.dataSource.query(
      'SELECT event_id::text AS event_id, global_position::text AS position FROM events',
    );
    for (const row of rows) this.known.add(row.event_id);
    this.position = rows.reduce((max, row) => (BigInt(row.position) > BigInt(max) ? row.position : max), '0');
  }

  /** Takes the events appended since the last check as the fuzzer's own (its set-up writes), not a fuzzed request's. */
  async acknowledge(): Promise<void> {
    await this.check([]); // moves past them; its verdict (all unexplained) is meaningless here
  }

  /** Why the appends since the last check do not match the successful writes of `exchanges`; null when they do. */
  async check(exchanges: Exchange[]): Promise<{ appended: number; problem: string | null }> {
    const rows: { event_id: string; stream_id: string; position: string }[] = await this.dataSource.query(
      `SELECT event_id::text AS event_id, stream_id, global_position::text AS position
         FROM events WHERE global_position > $1::bigint ORDER BY global_position`,
      [this.position],
    );
    const writes = exchanges.filter((e) => e.response.status < 300 && this.countsAsWrite(e.request));
    const answered = new Set(writes.map((e) => eventIdOf(e.response)).filter((id): id is string => id !== undefined));
    let withoutEventId = writes.filter((e) => eventIdOf(e.response) === undefined).length;
    const unexplained: string[] = [];
    for (const row of rows) {
      if (answered.has(row.event_id)) continue;
      if (!row.stream_id.startsWith('deal-') && withoutEventId > 0) withoutEventId--;
      else unexplained.push(`${row.stream_id} #${row.position}`);
    }
    const missing = [...answered].filter((id) => !this.known.has(id) && !rows.some((row) => row.event_id === id));
    for (const row of rows) this.known.add(row.event_id);
    if (rows.length > 0) this.position = rows[rows.length - 1].position;
    const problems = [
      unexplained.length > 0 ? `events appended by no successful write: ${unexplained.join(', ')}` : '',
      missing.length > 0 ? `successful writes whose events are not in the log: ${missing.join(', ')}` : '',
    ].filter(Boolean);
    return { appended: rows.length, problem: problems.length > 0 ? problems.join('; ') : null };
  }
}

function eventIdOf(response: FuzzResponse): string | undefined {
  try {
    const id = JSON.parse(response.text)?.eventId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Sends the batch `concurrency` at a time. */
export async function sendAll(client: FuzzClient, requests: FuzzRequest[], concurrency: number): Promise<Exchange[]> {
  const exchanges: Exchange[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      try {
        exchanges[i] = { request: requests[i], response: await client.send(requests[i]) };
      } catch (error) {
        throw new Error(`${describeRequest(requests[i])}\n  → no answer: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  return exchanges;
}
