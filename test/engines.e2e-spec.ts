// What `engines` promises must hold for every package `npm ci` installs: a Node.js version it admits that one of
// them refuses would be an EBADENGINE warning, or a crash, on a machine that believed the README.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { ROOT } from './support/global-setup.js';

const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

describe('the Node.js versions the project declares', () => {
  const declared: string = json('package.json').engines.node;
  const packages = Object.entries(json('package-lock.json').packages as Record<string, { engines?: { node?: string } | string[] }>)
    .filter(([path]) => path !== '')
    .flatMap(([path, meta]) => (meta.engines && !Array.isArray(meta.engines) && meta.engines.node ? [{ path, node: meta.engines.node }] : []));

  it('are versions every installed package supports', () => {
    expect(packages.length).toBeGreaterThan(100);
    expect(packages.filter(({ node }) => !semver.subset(declared, node))).toEqual([]);
  });

  it('are what the README says, and include the machine’s and the versions CI runs', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('Node.js 20 (≥ 20.19), 22 (≥ 22.13) or ≥ 24.11');
    for (const version of [process.version, '20.19.0', '24.11.0']) expect({ version, admitted: semver.satisfies(version, declared) }).toEqual({ version, admitted: true });
  });
});
