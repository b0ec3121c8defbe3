// Each measurement runs in its own process, so no contender inherits another's JIT state, pools or garbage.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));

/** Runs a workload script with its parameters; resolves with the JSON it prints last. */
export function runChild(script, params, { timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(params)], { cwd: here, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop();
      if (code === 0 && last) return resolve(JSON.parse(last));
      reject(new Error(`${script} ${params.contender}: ${signal ? `killed (${signal}) after ${timeoutMs} ms` : `exit ${code}`}\n${err.slice(-2000)}`));
    });
  });
}
