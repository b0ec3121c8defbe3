// Once per `npm test`, before the workers start (jest's globalSetup, which cannot import the project's modules):
// - the build (dist/), when any source is newer: what runs in production, and what the tests that start the server
//   or a command as a process of their own run; built here so two of them never build it at the same time;
// - Chromium for the browser tests (test/ui), installed with apt-get when it is missing and this machine can;
// - on the embedded database, an image of an empty PGlite database that every test database starts from (loading it
//   takes a fraction of the initdb each fresh one would run), kept in the temp folder per PGlite version.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

export const TEMPLATE_ENV = 'DEAL_TRACKER_TEST_PGLITE_TEMPLATE';

export default async function globalSetup(): Promise<void> {
  // Before the workers start, so tests that run the built server never build it at the same time.
  ensureBuilt();
  ensureChromium();
  if (process.env.DATABASE_URL) return;
  const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'));
  const file = join(tmpdir(), `deal-tracker-empty-pglite-${version}.tar`);
  if (!existsSync(file)) {
    const db = await PGlite.create('memory://');
    const image = await db.dumpDataDir('none');
    await db.close();
    // Written aside and renamed, so a run starting at the same time never reads half an image.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
    renameSync(partial, file);
  }
  process.env[TEMPLATE_ENV] = file; // read by the test workers, which start after this
}

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A file of the build, e.g. built('src/main.js'). */
export const built = (path: string) => join(ROOT, 'dist', path);

export function ensureBuilt(): void {
  if (buildTime() >= Math.max(...['src', 'migrations'].flatMap((dir) => sourceTimes(join(ROOT, dir))))) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

/** The build is as old as its oldest part: main.js, a copied .sql file or the dashboard's bundle. */
const buildTime = () => Math.min(mtime(built('src/main.js')) ?? 0, mtime(built('ui/main.js')) ?? 0, ...sourceTimes(built('src')));

const mtime = (path: string) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
};

/** Modification times of the source files under a directory: TypeScript, SQL, and the dashboard's TSX, CSS and HTML. */
function sourceTimes(dir: string): number[] {
  if (mtime(dir) === null) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|sql|css|html)$/.test(entry.name))
    .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs);
}

/**
 * The browser tests drive Chromium. On a machine without it where apt-get can run (root, Debian or Ubuntu: a fresh
 * container), `npm test` installs Debian's package, so the README's test command works there as it is. Elsewhere
 * nothing is installed and the browser tests fail, saying how to install it (test/support/browser.ts): never skipped.
 */
function ensureChromium(): void {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(path) || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  console.log(`\nChromium is missing at ${path}; installing it for the browser tests (apt-get install -y chromium)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}

