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
  ])('%j: says so, prints the usage, exits 1', (args, message) => {
    const run = spawnSync(process.execPath, [built('src/cli/import-deals.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DATA_DIR: 'memory://' } });
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: '' });
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(USAGE);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
