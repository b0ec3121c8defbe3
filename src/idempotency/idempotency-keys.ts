import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export class IdempotencyKeyReused extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(key: string) {
    super(`Idempotency-Key "${key}" was already used with a different request.`);
  }
}

/** A key's stored request hash and result: the original result again, or a refusal when the request differs. */
export function replayPrior<T>(request: IdempotentRequest, prior: { requestHash: string; response: T }): T {
  if (prior.requestHash !== fingerprintHash(request.fingerprint)) throw new IdempotencyKeyReused(request.key);
  return prior.response;
}

export interface IdempotentRequest {
  actor: string;
  key: string;
  /** Method, path and body: the same key with any other request is a reuse. */
  fingerprint: unknown;
}

/**
 * Idempotency keys live in the same transaction as the append they guard. `claim` inserts the key first, so a
 * concurrent retry with the same key waits on the row until the first commits, then reads its stored result.
 */
@Injectable()
export class IdempotencyKeys {
  async claim<T>(manager: EntityManager, request: IdempotentRequest): Promise<{ replay: T } | null> {
    const hash = fingerprintHash(request.fingerprint);
    const inserted: unknown[] = await manager.query(
      `INSERT INTO idempotency_keys (actor, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
      [request.actor, request.key, hash],
    );
    if (inserted.length === 1) return null;
    const [prior]: { request_hash: string; response: T }[] = await manager.query(
      'SELECT request_hash, response FROM idempotency_keys WHERE actor = $1 AND key = $2',
      [request.actor, request.key],
    );
    if (prior.request_hash !== hash) throw new IdempotencyKeyReused(request.key);
    return { replay: prior.response };
  }

  async complete(manager: EntityManager, request: IdempotentRequest, response: unknown): Promise<void> {
    await manager.query('UPDATE idempotency_keys SET response = $3 WHERE actor = $1 AND key = $2', [
      request.actor,
      request.key,
      JSON.stringify(response),
    ]);
  }
}

export function fingerprintHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** JSON with sorted keys, so the same body sent with its fields in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
