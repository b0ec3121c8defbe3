import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { TEMPLATE_ENV } from './global-setup.js';

export default function globalTeardown(): void {
  const file = process.env[TEMPLATE_ENV];
  if (file) rmSync(dirname(file), { recursive: true, force: true });
}
