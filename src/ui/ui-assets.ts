// Where the built dashboard is: dist/ui under the package root, whether the server runs from dist/ (npm start) or
// from the sources (the tests), so both serve the same bundle.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

export const UI_DIR = join(packageRoot(dirname(fileURLToPath(import.meta.url))), 'dist', 'ui');
