import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig, Role } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';

export interface ApiKeyIdentity {
  name: string;
  role: Role;
}

/** Secrets are random and long, so an unsalted SHA-256 is enough to keep them out of memory dumps and the database. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Keys come from API_KEYS when it is set; otherwise from the database, where the first start outside
 * production creates one admin key, keeps only its hash and prints the secret once.
 */
@Injectable()
export class ApiKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private byHash = new Map<string, ApiKeyIdentity>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.apiKeys) {
      this.byHash = new Map(this.config.apiKeys.map((k) => [hashSecret(k.secret), { name: k.name, role: k.role }]));
      await this.sayStoredKeysAreOff();
      return;
    }
    if (this.config.production) {
      // Also checked before start-up in main.ts; kept here so no code path can serve production without keys.
      throw new Error('API_KEYS must be set in production.');
    }
    await this.createFirstAdminKeyIfNone();
    await this.loadStoredKeys();
  }

  identify(secret: string): ApiKeyIdentity | undefined {
    return this.byHash.get(hashSecret(secret));
  }

  private async createFirstAdminKeyIfNone(): Promise<void> {
    const secret = `dt_${randomBytes(24).toString('base64url')}`;
    const created: unknown[] = await this.dataSource.query(
      `INSERT INTO api_keys (name, role, secret_hash)
       SELECT 'admin', 'admin', $1 WHERE NOT EXISTS (SELECT 1 FROM api_keys)
       RETURNING name`,
      [hashSecret(secret)],
    );
    if (created.length === 0) return;
    // Printed once, on purpose, to the terminal rather than the structured log: it is never stored in clear.
    process.stdout.write(
      `\nNo API_KEYS configured: created an admin API key (shown only this once, only its hash is stored):\n\n` +
        `    Authorization: Bearer ${secret}\n\nSet API_KEYS=name:role:secret,... to manage keys yourself.\n\n`,
    );
    this.logger.warn('Created the first admin API key (see the terminal); set API_KEYS to manage keys.');
  }

  /** Keys stored at an earlier start still exist but are not accepted while API_KEYS is set: said, never silent. */
  private async sayStoredKeysAreOff(): Promise<void> {
    const [{ n }]: { n: number }[] = await this.dataSource.query('SELECT count(*)::int AS n FROM api_keys');
    if (n === 0) return;
    const message =
      `API_KEYS is set, so only its keys are accepted: the ${n === 1 ? 'key' : `${n} keys`} created at an earlier start ` +
      '(stored in the database) will be refused until API_KEYS is unset.';
    process.stdout.write(`\n${message}\n\n`);
    this.logger.warn(message);
  }

  private async loadStoredKeys(): Promise<void> {
    const rows: { name: string; role: Role; secret_hash: string }[] = await this.dataSource.query(
      'SELECT name, role, secret_hash FROM api_keys',
    );
    this.byHash = new Map(rows.map((r) => [r.secret_hash, { name: r.name, role: r.role }]));
  }
}
