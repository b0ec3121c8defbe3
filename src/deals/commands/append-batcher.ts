const MAX_BATCH = 64;
const MAX_IN_FLIGHT = 2;

interface Waiting<Request, Outcome> {
  request: Request;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit for concurrent appends: while a batch is on its way to the database, appends that arrive wait and go
 * together in the next one, so many writers share one round trip and one WAL flush. A lone writer's append leaves at
 * once. A batch that fails as a whole is split and its appends sent one by one, so each writer gets its own answer.
 */
export class AppendBatcher<Request, Outcome> {
  private readonly waiting: Waiting<Request, Outcome>[] = [];
  private inFlight = 0;

  constructor(private readonly send: (requests: Request[]) => Promise<Outcome[]>) {}

  append(request: Request): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.dispatch(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async dispatch(batch: Waiting<Request, Outcome>[]): Promise<void> {
    try {
      const outcomes = await this.send(batch.map((w) => w.request));
      batch.forEach((w, i) => w.resolve(outcomes[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(batch.map((w) => this.dispatch([w])));
    }
  }
}
