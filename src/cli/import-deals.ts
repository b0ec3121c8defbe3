// npm run import -- FILE [--actor NAME] [--report FILE.json]
// Imports deal events from an NDJSON file (one event body of the HTTP contract per line, each with its dealId) under the same
// rules as the REST writes. Refused lines are listed (and written to --report); exit code 0 when every line went in,
// 2 when some were refused, 1 when the import failed. Re-running a file appends nothing twice. Like the rebuild,
// against the embedded database it must run while the server is stopped.
import 'reflect-metadata';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config/config.js';
import { holdsIssuedKey } from '../logging/harmless.js';
import { DealImporter, type ImportReport } from '../import/deal-importer.js';
import { rebuildIfStale } from '../rebuild/read-tables-version.js';
import { openCliDatabase, reportFailure } from './cli-database.js';

const SHOWN_REFUSALS = 50;
const USAGE = 'Usage: npm run import -- FILE.ndjson [--actor NAME] [--report refused.json]';
/** The actor is stored on every imported event, as an API key's name is: something a reader can see and tell apart. */
const ACTOR = /^[^\p{C}\s](?:[^\p{C}]{0,98}[^\p{C}\s])?$/u;

type Arguments = { file: string; actor: string; report?: string };

function actorProblem(actor: string): string | null {
  if (!ACTOR.test(actor)) return '--actor must be 1 to 100 visible characters, not starting or ending with a space.';
  // Every viewer sees the actor of every event, for ever: a key pasted there would be published.
  return holdsIssuedKey(actor) ? '--actor holds an API key, which is a secret; name who imports instead.' : null;
}

/** The command line, 'help', or null (after saying why, with the usage) when it is not one this command takes. */
function argumentsOf(argv: string[]): Arguments | 'help' | null {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { actor: { type: 'string', default: 'import' }, report: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) return 'help';
    const problem = positionals.length !== 1
      ? positionals.length === 0 ? 'Name the file to import.' : `One file at a time (got ${positionals.length}).`
      : actorProblem(values.actor!);
    if (!problem) return { file: positionals[0], actor: values.actor!, report: values.report };
    console.error(problem);
  } catch (error) {
    // parseArgs says what it refused: an unknown option, an option without its value.
    console.error(error instanceof Error ? error.message : String(error));
  }
  console.error(USAGE);
  return null;
}

async function main(): Promise<number> {
  const args = argumentsOf(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!args) return 1;
  const { file, actor } = args;
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats?.isFile()) {
    console.error(stats ? `Not a file: ${file}` : `No such file: ${file}`);
    return 1;
  }
  const { size } = stats;
  const { dataSource, embedded, close } = await openCliDatabase(loadConfig());
  const bar = new cliProgress.SingleBar(
    { format: 'Importing |{bar}| {percentage}% | {lines} lines, {appended} events, {refused} refused | {rate} events/s', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  try {
    // The rows the import writes must join read tables the running code built.
    await rebuildIfStale(dataSource, embedded);
    const input = createReadStream(file);
    const started = Date.now();
    bar.start(size, 0, { lines: 0, appended: 0, refused: 0, rate: 0 });
    const report = await new DealImporter(dataSource, actor).run(createInterface({ input, crlfDelay: Infinity }), (r) =>
      bar.update(input.bytesRead, {
        lines: r.lines,
        appended: r.appended,
        refused: r.refused.length,
        rate: Math.round(r.appended / Math.max((Date.now() - started) / 1000, 0.001)),
      }),
    );
    bar.stop();
    printReport(report);
    if (args.report) writeFileSync(args.report, `${JSON.stringify(report, null, 2)}\n`);
    return report.refused.length > 0 ? 2 : 0;
  } finally {
    bar.stop();
    await close();
  }
}

function printReport(report: ImportReport): void {
  console.log(
    `${report.lines} lines: ${report.appended} events appended to ${report.deals} deals, ${report.alreadyImported} already imported, ` +
      `${report.refused.length} refused, in ${report.seconds.toFixed(1)} s.`,
  );
  for (const r of report.refused.slice(0, SHOWN_REFUSALS)) {
    console.log(`  line ${r.line}${r.dealId ? ` (deal ${r.dealId})` : ''}: ${r.code} — ${r.message}`);
  }
  if (report.refused.length > SHOWN_REFUSALS) console.log(`  … and ${report.refused.length - SHOWN_REFUSALS} more (--report FILE lists them all)`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    reportFailure('Import failed; the chunks already reported as imported are in, the rest is not.', error);
    process.exit(1);
  },
);
