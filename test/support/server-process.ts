// The built server (`node dist/src/main.js`) as a process of its own, on the embedded database in memory: for tests
// that need what only a real process shows (signals, its own output).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { ROOT, built } from './global-setup.js';
import { waitFor } from './wait-for.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

export class ServerProcess {
  /** Everything it wrote to stdout and stderr. */
  output = '';
  readonly exited: Promise<Exit>;

  private constructor(
    readonly port: number,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => (this.output += chunk.toString('utf8'));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  }

  /** Starts it with these environment variables (over a plain embedded default) and waits until it listens. */
  static async start(env: Record<string, string>): Promise<ServerProcess> {
    const port = await freePort();
    const { DATABASE_URL: _url, HOST: _host, ...inherited } = process.env;
    const child = spawn(process.execPath, [built('src/main.js')], {
      cwd: ROOT,
      env: { ...inherited, NODE_OPTIONS: '', PORT: String(port), DATA_DIR: 'memory://', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(port, child);
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`The server exited while starting:\n${server.output}`);
        return server.output.includes('Deal tracker listening');
      },
      'the server to listen',
      60_000,
    );
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Kills it if a failed test left it running. */
  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
