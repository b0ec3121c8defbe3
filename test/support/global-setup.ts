// Once per `npm test` on the embedded database: an image of an empty PGlite database that every test database starts
// from (loading it takes a fraction of the initdb each fresh one would run). Kept in the temp folder per PGlite
// version, so later runs reuse it.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export const TEMPLATE_ENV = 'DEAL_TRACKER_TEST_PGLITE_TEMPLATE';

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const { version } = JSON.parse(readFileSync(join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'), 'utf8'));
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
