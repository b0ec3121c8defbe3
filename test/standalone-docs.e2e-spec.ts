// The README and /openapi.json are all a reader gets: every file they name must be in the repository (an earlier
// README sent readers to a contract file that only its authors had).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT } from './support/global-setup.js';
import { type TestApp, startTestApp } from './support/test-app.js';

const SKIPPED = new Set(['node_modules', 'dist', 'data', '.git']);
const TOP_LEVEL = /^(src|test|bench|migrations|\.ci)\//;
const SOURCE_FILE = /^[\w.-]+\.(ts|mjs|sql|md|yml|sh)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [entry.name];
  });
}

/** The repository paths (src/…, migrations/, .ci/run) and file names (deal-views.sql, API.md) a text names. */
function namedFiles(text: string): { paths: string[]; names: string[] } {
  const code = [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
  const mentionedMarkdown = [...text.matchAll(/[\w.-]+\.md\b/g)].map((m) => m[0]);
  return { paths: code.filter((c) => TOP_LEVEL.test(c)), names: [...code.filter((c) => SOURCE_FILE.test(c)), ...mentionedMarkdown] };
}

describe('documentation that stands alone', () => {
  const names = new Set(filesUnder(ROOT).map((file) => basename(file)));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('README: every path and file it names is in the repository', () => {
    const named = namedFiles(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(named.paths.length).toBeGreaterThan(20);
    expect(named.paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
    expect(named.names.filter((name) => !names.has(name))).toEqual([]);
  });

  it('/openapi.json names no file outside the repository', async () => {
    const document = (await t.http.get('/openapi.json').expect(200)).text;
    const named = namedFiles(document);
    expect([...named.paths, ...named.names].filter((name) => !names.has(basename(name)) && !existsSync(join(ROOT, name)))).toEqual([]);
  });
});
