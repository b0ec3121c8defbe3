// The project's own command path: decide, append and update the inline views in one transaction, exactly as
// POST /deals and POST /deals/{id}/events do once the controller has validated the body.
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { createApp } from '../../dist/src/app.js';
import { ProjectionRebuilder } from '../../dist/src/rebuild/projection-rebuilder.js';
import { RecordDealEventCommand } from '../../dist/src/deals/commands/record-deal-event.command.js';
import { StartDealCommand } from '../../dist/src/deals/commands/start-deal.command.js';
import { VersionMismatch } from '../../dist/src/deals/commands/write-context.js';
import { Conflict } from './conflict.mjs';

export const open = (url, { poolSize }) => openProject({ databaseUrl: url, dataDir: 'memory://', poolSize });

export async function openProject({ databaseUrl, dataDir, poolSize }) {
  const app = await createApp({
    port: 0,
    host: '127.0.0.1',
    production: false,
    databaseUrl,
    databasePoolSize: poolSize,
    dataDir,
    apiKeys: [{ name: 'bench', role: 'admin', secret: 'bench-secret-0001' }],
    bodyLimit: '64kb',
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'silent',
    writeRateLimitPerMinute: 0,
    shutdownGraceMs: 1_000,
  });
  await app.init();
  const bus = app.get(CommandBus);
  return {
    /** Appends one event; `expectedVersion` 0 opens the deal. `checkVersion` sends it as If-Match would. */
    async append(dealId, expectedVersion, body, { checkVersion = false } = {}) {
      const context = { actor: 'bench', ...(checkVersion && expectedVersion > 0 ? { ifMatch: expectedVersion } : {}) };
      // The command path starts at the CommandBus: the controller's body validation is measured by the HTTP workload.
      const event = body;
      try {
        const command = expectedVersion === 0 ? new StartDealCommand(dealId, event, context) : new RecordDealEventCommand(dealId, event, context);
        return (await bus.execute(command)).version;
      } catch (error) {
        if (error instanceof VersionMismatch) throw new Conflict(error.actual);
        throw error;
      }
    },
    versionSql: `SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1`,
    auditSql: `SELECT stream_id AS stream, stream_version AS version, data->>'note' AS note FROM events WHERE stream_id LIKE 'deal-%'`,
    app,
    dataSource: app.get(DataSource),
    query: (sql, params) => app.get(DataSource).query(sql, params),
    rebuild: () => new ProjectionRebuilder(app.get(DataSource)).rebuild(),
    close: () => app.close(),
  };
}
