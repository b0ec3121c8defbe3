// A live consumer of GET /events: polls from its last cursor, and when the server is down keeps that cursor and
// tries again, as a real consumer that checkpoints its cursor would.
import { call } from './http-client.js';
import { delay, until } from './fault-env.js';
import { bearer } from './server-process.js';

const PAGE = 200;
const IDLE_MS = 50;
const RETRY_MS = 100;

export class FeedPoller {
  /** Every eventId received, in order, repeats included. */
  readonly seen: string[] = [];
  /** Polls that got no answer or a 503 (the server or its database was down). */
  failedPolls = 0;
  readonly unexpected: string[] = [];
  private cursor = '';
  private stopped = false;
  private idle = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly baseUrl: () => string) {}

  start(): void {
    this.loop = this.run();
  }

  /** Polls until every expected event has been seen and the log has nothing more, then stops. */
  async drain(expected: Iterable<string>, timeoutMs: number): Promise<void> {
    const wanted = [...expected];
    try {
      await until(() => {
        const seen = new Set(this.seen);
        return this.idle && wanted.every((id) => seen.has(id));
      }, 'the feed consumer to see every acknowledged event', timeoutMs);
    } finally {
      await this.stop();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const outcome = await call(this.baseUrl(), 'GET', `/events?limit=${PAGE}&after=${encodeURIComponent(this.cursor)}`, {
        headers: { Authorization: bearer('viewer') },
      });
      if (outcome.kind === 'answer' && outcome.status === 200) {
        const { items, nextCursor } = outcome.body as { items: { eventId: string }[]; nextCursor: string };
        this.seen.push(...items.map((i) => i.eventId));
        this.cursor = nextCursor;
        this.idle = items.length === 0;
        if (this.idle) await delay(IDLE_MS);
        continue;
      }
      this.idle = false;
      if (outcome.kind === 'answer' && outcome.status !== 503) {
        this.unexpected.push(`GET /events → ${outcome.status} ${JSON.stringify(outcome.body).slice(0, 300)}`);
      } else {
        this.failedPolls++;
      }
      await delay(RETRY_MS);
    }
  }
}

/** Seen / missed / repeated, against the acknowledged events. */
export function deliveryFigures(seen: readonly string[], acknowledged: readonly string[]) {
  const seenOnce = new Set(seen);
  const acked = new Set(acknowledged);
  return {
    seen: seen.length,
    missed: acknowledged.filter((id) => !seenOnce.has(id)).length,
    repeated: seen.length - seenOnce.size,
    /** Events in the feed that no writer was told about (sent, committed, answer lost, then given up on). */
    notAcknowledged: [...seenOnce].filter((id) => !acked.has(id)).length,
  };
}
