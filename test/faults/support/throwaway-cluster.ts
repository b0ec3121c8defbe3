// A PostgreSQL cluster of our own (initdb in a temp dir, its own port), so a test can stop the database under a
// running server without touching the machine's shared PostgreSQL that other tests use.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './fault-env.js';

const run = promisify(execFile);

export class ThrowawayCluster {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    /** initdb and the server refuse to run as root: then everything runs as this user through runuser. */
    private readonly runAs: string | null,
  ) {}

  static async create(): Promise<ThrowawayCluster> {
    const bin = postgresBinaries();
    const runAs = process.getuid?.() === 0 ? 'postgres' : null;
    const dir = mkdtempSync(join(tmpdir(), 'deal-tracker-fault-pg-'));
    if (runAs) chownSync(dir, ...(await uidGid(runAs)));
    const cluster = new ThrowawayCluster(bin, dir, await freePort(), runAs);
    await cluster.exec('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '--no-instructions']);
    return cluster;
  }

  /** A database url on this cluster; the database is created on first start by `createDatabase`. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    // fsync=off: the fault is a killed database, not a lost machine; the OS keeps every write a killed process
    // made, and crash recovery (WAL redo) still runs, without first fsyncing the whole data directory for seconds.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=50 -c fsync=off`;
    await this.exec('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', join(this.dir, 'server.log'), '-w', '-t', '30', 'start']);
  }

  /** Immediate mode: every backend is killed at once and the next start runs crash recovery, like a database crash. */
  async stopImmediately(): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  async createDatabase(name: string): Promise<string> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) await this.stopImmediately().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const [file, argv] = this.runAs ? ['runuser', ['-u', this.runAs, '--', join(this.bin, tool), ...args]] : [join(this.bin, tool), args];
    try {
      await run(file, argv, { timeout: 60_000 });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
    }
  }
}

/** PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian/Ubuntu layout) that has initdb. */
function postgresBinaries(): string {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error('The database-restart fault test needs the PostgreSQL server binaries (initdb, pg_ctl): install them or set PG_BIN');
  }
  return found;
}

async function uidGid(user: string): Promise<[number, number]> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
  return [Number(uid), Number(gid)];
}
