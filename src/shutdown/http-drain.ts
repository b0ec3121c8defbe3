// Draining a Node HTTP server: stop accepting, let the requests already running finish, end kept-alive connections
// as soon as they fall idle, and cut whatever is still open when the grace period is over.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface DrainResult {
  /** Requests whose connections were cut because they outlived the grace period. */
  cut: number;
}

export class HttpDrain {
  private readonly open = new Set<ServerResponse>();
  private draining?: Promise<DrainResult>;

  constructor(private readonly server: Server) {
    // Prepended so the header below is set before the application handler can answer.
    server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => this.track(res));
  }

  get inFlight(): number {
    return this.open.size;
  }

  /** Starts draining (once; later calls share it) and resolves when every connection is closed. */
  drain(graceMs: number): Promise<DrainResult> {
    this.draining ??= this.run(graceMs);
    return this.draining;
  }

  private track(res: ServerResponse): void {
    // A request that arrives during the drain on a connection kept alive from before is served, and ends it.
    if (this.draining) closeConnectionAfter(res);
    this.open.add(res);
    res.once('close', () => {
      this.open.delete(res);
      // Node only closes the connections that are idle when close() is called; a kept-alive one whose request
      // finished later would otherwise hold the server open for keepAliveTimeout.
      if (this.draining) this.server.closeIdleConnections();
    });
  }

  private async run(graceMs: number): Promise<DrainResult> {
    // close() stops accepting at once and closes idle kept-alive connections; its callback fires when the last
    // connection is gone (or at once, with an error we do not need, if the server was not listening).
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const res of this.open) closeConnectionAfter(res);
    const timer = deadline(graceMs);
    try {
      if (await Promise.race([closed.then(() => true), timer.elapsed.then(() => false)])) return { cut: 0 };
    } finally {
      timer.cancel();
    }
    const cut = this.open.size;
    this.server.closeAllConnections();
    await closed;
    return { cut };
  }
}

function closeConnectionAfter(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
}

function deadline(ms: number): { elapsed: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { elapsed, cancel: () => clearTimeout(timer) };
}
