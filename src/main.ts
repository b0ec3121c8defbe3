import 'reflect-metadata';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DatabaseInUse } from './database/data-dir-lock.js';
import { enableGracefulShutdown } from './shutdown/graceful-shutdown.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.production && !config.apiKeys) {
    throw new ConfigError('API_KEYS must be set in production (name:role:secret,...); refusing to start without keys.');
  }
  const app = await createApp(config);
  enableGracefulShutdown(app, config.shutdownGraceMs); // before listen, so every request is tracked
  await app.listen(config.port, config.host);
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const database = config.databaseUrl ? 'PostgreSQL from DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}`;
  const reach = ['127.0.0.1', 'localhost', '::1'].includes(config.host) ? 'this machine only; set HOST to open it to others' : 'other machines too';
  process.stdout.write(`Deal tracker listening on ${url} (${reach}; ${database}); API docs at ${url}/docs\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else console.error(error instanceof DatabaseInUse ? error.message : error);
  process.exit(1);
});
