// The project on its embedded default (PGlite in-process, data in a temporary folder), for the README's comparison
// with PostgreSQL. The URL it is given is ignored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from './project.mjs';

export async function open(_url, { poolSize }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'deal-tracker-bench-'));
  const project = await openProject({ databaseUrl: null, dataDir, poolSize });
  const close = project.close;
  return {
    ...project,
    close: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
