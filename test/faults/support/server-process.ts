// The real build (`node dist/src/main.js`) as a child process, so a fault can be a real SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { until } from './fault-env.js';

export const KEYS = { viewer: 'fault-viewer-0001', analyst: 'fault-analyst-0001', admin: 'fault-admin-0001' } as const;
export const bearer = (role: keyof typeof KEYS) => `Bearer ${KEYS[role]}`;

const MAIN = fileURLToPath(new URL('../../../dist/src/main.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const OUTPUT_KEPT = 8_000;

export class ServerProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  /** The last lines the server wrote, for the failure message when it dies or refuses to start. */
  private output = '';
  /** Exits nobody asked for (a crash while the database was down would show up here). */
  readonly unexpectedExits: string[] = [];
  private stopping = false;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly databaseUrl: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get recentOutput(): string {
    return this.output;
  }

  /** Spawns the server and resolves once /health answers 200; returns how long that took. */
  async start(): Promise<number> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm run test:faults does)`);
    const started = Date.now();
    this.stopping = false;
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'production',
        DATABASE_URL: this.databaseUrl,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        API_KEYS: Object.entries(KEYS).map(([role, secret]) => `${role}:${role}:${secret}`).join(','),
        LOG_LEVEL: 'warn',
        // The writers post far faster than an analyst; the rate limit has its own e2e test.
        WRITE_RATE_LIMIT: '0',
        SHUTDOWN_GRACE_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.stopping) this.unexpectedExits.push(`${this.name} exited (code ${code}, signal ${signal})`);
        resolve();
      }),
    );
    try {
      await until(async () => {
        if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode} while starting:\n${this.output}`);
        return (await this.healthStatus()) === 200;
      }, `${this.name} to answer /health`, START_TIMEOUT_MS);
    } catch (error) {
      await this.kill();
      throw error;
    }
    return Date.now() - started;
  }

  /** SIGKILL: no shutdown hook runs, in-flight requests and transactions are cut wherever they are. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** /health's status, or null when nothing answers (bounded, so a hung server shows up as null too). */
  async healthStatus(timeoutMs = 2_000): Promise<number | null> {
    try {
      const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return null;
    }
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.child!.kill(signal);
    await this.exited;
  }
}
