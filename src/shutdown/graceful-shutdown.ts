// SIGTERM (or SIGINT) for the server process: no new connections at once, in-flight requests get the grace period
// to finish, then the application closes (database last) and the process exits 0.
import type { Server } from 'node:http';
import { type INestApplication, Logger } from '@nestjs/common';
import { HttpDrain } from './http-drain.js';

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/** Time left after the grace period to close the database (and the embedded PostgreSQL); past it the process exits 1. */
const CLOSE_RESERVE_MS = 5_000;

export function enableGracefulShutdown(app: INestApplication, graceMs: number): void {
  const logger = new Logger('Shutdown');
  const drain = new HttpDrain(app.getHttpServer() as Server);
  drainBeforeNestClosesTheServer(app, drain, graceMs, logger);
  let shuttingDown: Promise<void> | undefined;
  // process.on, not once: Nest's own signal hook (enableShutdownHooks) re-sends the signal to the process after
  // closing the app; with this listener still there, that does not kill the process before it exits with 0.
  const onSignal = (signal: NodeJS.Signals) => {
    shuttingDown ??= shutDown(app, drain, graceMs, signal, logger);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

/**
 * Nest's app.close() ends the event streams (module destroy hooks), then closes the HTTP server, then the database
 * (application shutdown hooks). Its server close waits for every connection with no deadline and leaves kept-alive
 * connections open until they time out; the drain replaces it at exactly that step, so whoever calls close() (a
 * signal, Nest's own hook) waits for in-flight requests before the database goes away.
 */
function drainBeforeNestClosesTheServer(app: INestApplication, drain: HttpDrain, graceMs: number, logger: Logger): void {
  const adapter = app.getHttpAdapter();
  const closeServer = adapter.close.bind(adapter);
  adapter.close = async () => {
    const { cut } = await drain.drain(graceMs);
    if (cut > 0) logger.warn(`${cut} request(s) still running after ${graceMs} ms were cut off.`);
    return closeServer();
  };
}

async function shutDown(app: INestApplication, drain: HttpDrain, graceMs: number, signal: NodeJS.Signals, logger: Logger): Promise<void> {
  logger.log(`${signal}: refusing new connections; ${drain.inFlight} request(s) in flight have up to ${graceMs} ms to finish.`);
  const watchdog = setTimeout(() => {
    logger.error(`Shutdown still not done ${graceMs + CLOSE_RESERVE_MS} ms after ${signal}; exiting anyway.`);
    process.exit(1);
  }, graceMs + CLOSE_RESERVE_MS);
  watchdog.unref();
  void drain.drain(graceMs); // stop accepting now, not only once Nest's destroy hooks have run
  try {
    await app.close();
  } catch (error) {
    logger.error(`Shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  }
  logger.log('Shut down cleanly.');
  process.exit(0);
}
