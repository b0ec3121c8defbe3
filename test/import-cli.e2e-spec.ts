// The import command's own mistakes: a command line it does not take is answered with what was wrong and the usage,
// exit code 1, before any database is opened (not as a failed import with a stack trace).
import { spawnSync } from 'node:child_process';
import { ROOT, built } from './support/global-setup.js';

const USAGE = 'Usage: npm run import -- FILE.ndjson [--actor NAME] [--report refused.json]';

describe('npm run import with a command line it does not take', () => {
  it.each([
    [['deals.ndjson', '--bogus'], "Unknown option '--bogus'"],
    [['deals.ndjson', '--actor'], "Option '--actor <value>' argument missing"],
    [[], 'Name the file to import.'],
    [['a.ndjson', 'b.ndjson'], 'One file at a time (got 2).'],
    [['deals.ndjson', '--actor', ''], '--actor must be 1 to 100 visible characters'],
    [['deals.ndjson', '--actor', '  '], '--actor must be 1 to 100 visible characters'],
    [['deals.ndjson', '--actor', 'bot\u0007'], '--actor must be 1 to 100 visible characters'],
    [['deals.ndjson', '--actor', 'x'.repeat(101)], '--actor must be 1 to 100 visible characters'],
    [['deals.ndjson', '--actor', 'ops dt_Qm9vLTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams'], '--actor holds an API key'],
  ])('%j: says so, prints the usage, exits 1', (args, message) => {
    const run = importCommand(args);
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: '' });
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(USAGE);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([['--help'], ['-h'], ['deals.ndjson', '--help']])('%j: prints the usage on stdout and exits 0', (...args) => {
    const run = importCommand(args);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: `${USAGE}\n`, stderr: '' });
  });
});

describe('npm run import with a directory for a file', () => {
  it('says it is not a file and exits 1, without a stack trace', () => {
    const run = importCommand(['test']);
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 1, stderr: 'Not a file: test' });
  });
});

describe('npm run projections:rebuild with arguments (it takes none)', () => {
  it.each([['--help'], ['-h']])('%s: prints the usage and exits 0 without rebuilding', (arg) => {
    const run = command('rebuild-projections', [arg]);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: npm run projections:rebuild/);
  });

  it.each([[['--bogus'], "Unknown option '--bogus'"], [['now'], 'It takes no arguments (got now).']])('%j: says so, prints the usage, exits 1 without rebuilding', (args, message) => {
    const run = command('rebuild-projections', args);
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: '' });
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: npm run projections:rebuild');
  });
});

function importCommand(args: string[]) {
  return command('import-deals', args);
}

function command(name: string, args: string[]) {
  return spawnSync(process.execPath, [built(`src/cli/${name}.js`), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DATA_DIR: 'memory://' } });
}
