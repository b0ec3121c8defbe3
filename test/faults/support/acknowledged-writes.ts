// Writes as a careful client makes them: every request carries an Idempotency-Key, and a request that got no
// answer (or a 503) is retried with the SAME key, so it is appended at most once however often it is sent.
import { randomUUID } from 'node:crypto';
import { type Outcome, call } from './http-client.js';
import { delay } from './fault-env.js';
import { bearer } from './server-process.js';

export interface Ack {
  key: string;
  eventId: string;
  dealId: string;
  version: number;
  /** How many times the request was sent before its 201 arrived. */
  attempts: number;
  /** When the first attempt went unanswered; null if the first attempt was acknowledged. */
  firstFailureAt: number | null;
  /** The base url of the instance that answered 201. */
  via: string;
  /** When the 201 arrived (epoch ms). */
  at: number;
}

export interface Attempt {
  outcome: Outcome;
  via: string;
}

/** Everything the writers saw, for the checks and the printed figures. */
export class WriteLedger {
  readonly acks: Ack[] = [];
  /** Keys given up on at the deadline without a 201: each may or may not be in the log, but never twice. */
  readonly abandoned: string[] = [];
  /** Answers that are neither a 201 nor a retryable 503 (a 500, a 4xx): each one fails the test. */
  readonly unexpected: string[] = [];
  readonly attempts: Attempt[] = [];

  get retried(): number {
    return this.acks.filter((a) => a.attempts > 1).length;
  }

  count(predicate: (attempt: Attempt) => boolean): number {
    return this.attempts.filter(predicate).length;
  }
}

export interface PostOptions {
  /** Stop retrying after this instant (epoch ms). */
  giveUpAt: number;
  /** Which instance to send attempt n to (several instances: spread, or fail over). */
  baseUrl: (attempt: number) => string;
  key?: string;
  retryDelayMs?: number;
}

export async function postUntilAcknowledged(ledger: WriteLedger, path: string, body: object, options: PostOptions): Promise<Ack | null> {
  const key = options.key ?? randomUUID();
  let firstFailureAt: number | null = null;
  for (let attempt = 1; ; attempt++) {
    const via = options.baseUrl(attempt);
    const outcome = await call(via, 'POST', path, { body, headers: { Authorization: bearer('analyst'), 'Idempotency-Key': key } });
    ledger.attempts.push({ outcome, via });
    if (outcome.kind === 'answer' && outcome.status === 201) {
      const { eventId, dealId, version } = outcome.body as { eventId: string; dealId: string; version: number };
      const ack = { key, eventId, dealId, version, attempts: attempt, firstFailureAt, via, at: outcome.at };
      ledger.acks.push(ack);
      return ack;
    }
    if (outcome.kind === 'answer' && outcome.status !== 503) {
      ledger.unexpected.push(`POST ${path} → ${outcome.status} ${JSON.stringify(outcome.body).slice(0, 300)}`);
      return null;
    }
    firstFailureAt ??= outcome.at;
    if (Date.now() >= options.giveUpAt) {
      ledger.abandoned.push(key);
      return null;
    }
    await delay(options.retryDelayMs ?? 50);
  }
}
