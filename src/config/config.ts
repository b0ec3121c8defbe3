// Environment parsing, once at start: a bad value stops the server with a message that names the variable.
import { isAbsolute, resolve } from 'node:path';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ConfiguredKey {
  name: string;
  role: Role;
  secret: string;
}

export interface AppConfig {
  port: number;
  /** The interface to listen on: loopback unless production (a container's port mapping needs every interface). */
  host: string;
  production: boolean;
  /** Unset: the embedded PGlite under `dataDir`. */
  databaseUrl: string | null;
  /** Connections to PostgreSQL per instance (the embedded database always gets one). */
  databasePoolSize: number;
  /** A folder, or `memory://` for a throwaway embedded database (tests). */
  dataDir: string;
  /** null when API_KEYS is unset (then keys come from the database). */
  apiKeys: ConfiguredKey[] | null;
  bodyLimit: string;
  logLevel: string;
  /** Writes (POST) allowed per API key per minute; 0 turns the limit off. */
  writeRateLimitPerMinute: number;
  /** How long a SIGTERM waits for in-flight requests before the server closes anyway. */
  shutdownGraceMs: number;
  /** Not from the environment: an empty embedded database image a memory:// database starts from (the tests'). */
  embeddedTemplate?: string;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: parsePort(env.PORT),
    host: parseHost(env.HOST, env.NODE_ENV === 'production'),
    production: env.NODE_ENV === 'production',
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    databasePoolSize: parsePoolSize(env.DATABASE_POOL_SIZE),
    dataDir: parseDataDir(env.DATA_DIR),
    apiKeys: env.API_KEYS?.trim() ? parseApiKeys(env.API_KEYS) : null,
    bodyLimit: parseBodyLimit(env.BODY_LIMIT),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    writeRateLimitPerMinute: parseCount('WRITE_RATE_LIMIT', env.WRITE_RATE_LIMIT, 600),
    shutdownGraceMs: parseCount('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS, 10_000),
  };
}

function parseCount(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d{1,9}$/.test(text)) throw new ConfigError(`${name} must be a whole number, got "${text}".`);
  return Number.parseInt(text, 10);
}

function parsePoolSize(text: string | undefined): number {
  const size = parseCount('DATABASE_POOL_SIZE', text, 10);
  if (size < 1 || size > 1000) throw new ConfigError(`DATABASE_POOL_SIZE must be between 1 and 1000, got ${size}.`);
  return size;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number.parseInt(value, 10);
  if (!/^\d+$/.test(value) || port > 65535) throw new ConfigError(`PORT must be a port number (0-65535), got "${value}".`);
  return port;
}

function parseHost(value: string | undefined, production: boolean): string {
  if (value === undefined || value === '') return production ? '0.0.0.0' : '127.0.0.1';
  if (!/^[\w.:-]{1,253}$/.test(value)) throw new ConfigError(`HOST must be a host name or an IP address, got "${value}".`);
  return value;
}

function parseDatabaseUrl(value: string | undefined): string | null {
  if (!value) return null;
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// connection string.');
  }
  return value;
}

function parseDataDir(value: string | undefined): string {
  const dir = value || './data';
  if (dir.startsWith('memory://')) return dir;
  return isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
}

/** `name:role:secret`, comma-separated; the secret may itself contain colons. */
export function parseApiKeys(value: string): ConfiguredKey[] {
  const keys = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, role, ...rest] = entry.split(':');
      const secret = rest.join(':');
      if (!name || !secret || !ROLES.includes(role as Role)) {
        throw new ConfigError(`API_KEYS entries must be name:role:secret with role one of ${ROLES.join('/')}; got "${name ?? ''}:${role ?? ''}:…".`);
      }
      if (secret.length < 8) throw new ConfigError(`API_KEYS: the secret of "${name}" must be at least 8 characters.`);
      return { name, role: role as Role, secret };
    });
  const names = new Set(keys.map((k) => k.name));
  if (names.size !== keys.length) throw new ConfigError('API_KEYS: key names must be unique.');
  return keys;
}

function parseBodyLimit(value: string | undefined): string {
  const limit = (value || '64kb').trim().toLowerCase();
  if (!/^\d+(b|kb|mb)?$/.test(limit)) throw new ConfigError(`BODY_LIMIT must be bytes or a size like 64kb or 1mb, got "${value}".`);
  return limit;
}

function parseLogLevel(value: string | undefined): string {
  const level = (value || 'info').toLowerCase();
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
  return level;
}
