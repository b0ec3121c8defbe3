// npm run projections:rebuild — replays the whole log into fresh read tables and swaps them in.
// Against PostgreSQL (DATABASE_URL) it runs beside live servers. The embedded database belongs to one process:
// stop the server first, or ask the running server instead (POST /projections/rebuild with an admin key).
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config/config.js';
import { openCliDatabase, reportFailure } from './cli-database.js';
import { ProjectionRebuilder } from '../rebuild/projection-rebuilder.js';
import { ignoredStreamsMessage } from '../rebuild/read-tables-version.js';
import { rebuildSummary } from '../rebuild/rebuild-summary.js';

const USAGE = 'Usage: npm run projections:rebuild  (no arguments; DATABASE_URL or DATA_DIR say which database)';

/** It takes no arguments: anything else (a typo, --help) is answered with the usage instead of a whole rebuild. */
function argumentsProblem(argv: string[]): { exitCode: number } | null {
  try {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(USAGE);
      return { exitCode: 0 };
    }
    if (positionals.length === 0) return null;
    console.error(`It takes no arguments (got ${positionals.join(' ')}).`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
  }
  console.error(USAGE);
  return { exitCode: 1 };
}

async function main(): Promise<void> {
  const refused = argumentsProblem(process.argv.slice(2));
  if (refused) process.exit(refused.exitCode);
  const { dataSource, close } = await openCliDatabase(loadConfig());
  const bar = new cliProgress.SingleBar(
    { format: 'Rebuilding |{bar}| {value}/{total} events | {rate} events/s | {duration_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  try {
    bar.start(0, 0, { rate: 0 });
    const result = await new ProjectionRebuilder(dataSource).rebuild(({ events, total }) => {
      bar.setTotal(total);
      bar.update(events, { rate: Math.round(events / Math.max((Date.now() - started) / 1000, 0.001)) });
    });
    bar.stop();
    console.log(
      `${rebuildSummary(result)} (${result.eventsPerSecond} events/s; ${result.caughtUp} written meanwhile and caught up).`,
    );
    if (result.ignoredStreams.length > 0) console.log(ignoredStreamsMessage(result.ignoredStreams));
  } finally {
    bar.stop();
    await close();
  }
}

main().catch((error: unknown) => {
  reportFailure('Rebuild failed; the live views were left as they were.', error);
  process.exit(1);
});
