// Idempotency-Key: a retry with the same key and request answers the original result and appends nothing. The key
// is claimed and its result stored in the transaction of the append it guards (idempotency-keys.sql).
import { createHash } from 'node:crypto';

export class IdempotencyKeyReused extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(key: string) {
    super(`Idempotency-Key "${key}" was already used with a different request.`);
  }
}

export interface IdempotentRequest {
  /** The API key's name: keys are scoped to it. */
  actor: string;
  key: string;
  /** Method, path and body: the same key with any other request is a reuse. */
  fingerprint: unknown;
}

/** What a key holds once used: the hash of the request that used it and the result it was answered. */
export interface Prior {
  requestHash: string;
  response: unknown;
}

/** A key as the append claims it (idempotency_claim), with the result to store under it. */
export interface IdempotencyClaim {
  actor: string;
  key: string;
  hash: string;
  response: Record<string, unknown>;
}

export function idempotencyClaim(request: IdempotentRequest | undefined, response: Record<string, unknown>): IdempotencyClaim | null {
  if (!request) return null;
  return { actor: request.actor, key: request.key, hash: fingerprintHash(request.fingerprint), response };
}

/** The result the key was first answered, or a refusal when this request differs from the one that used it. */
export function replayPrior<T>(request: IdempotentRequest, prior: Prior): T {
  if (prior.requestHash !== fingerprintHash(request.fingerprint)) throw new IdempotencyKeyReused(request.key);
  return prior.response as T;
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
