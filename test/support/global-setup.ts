// Once per `npm test` on the embedded database: an image of an empty PGlite database that every test database starts
// from (loading it takes a fraction of the initdb each fresh one would run).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export const TEMPLATE_ENV = 'DEAL_TRACKER_TEST_PGLITE_TEMPLATE';

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const db = await PGlite.create('memory://');
  const image = await db.dumpDataDir('none');
  await db.close();
  const file = join(mkdtempSync(join(tmpdir(), 'deal-tracker-test-')), 'empty-pglite.tar');
  writeFileSync(file, Buffer.from(await image.arrayBuffer()));
  process.env[TEMPLATE_ENV] = file; // read by the test workers, which start after this
}
