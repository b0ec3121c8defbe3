import type { AuthenticatedRequest } from '../auth/api-key.guard.js';
import type { WriteContext } from '../event-store/write-context.js';
import { correlationIdOf } from './http-setup.js';
import { idempotencyKeyHeader } from './params.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who writes (the API key's name), the request's ids, and its Idempotency-Key scoped to that API key. */
export function writeContextOf(req: AuthenticatedRequest, idempotencyKey: unknown, body: unknown): WriteContext {
  const actor = req.apiKey!.name;
  const key = idempotencyKeyHeader(idempotencyKey);
  return {
    actor,
    requestId: typeof req.id === 'string' ? req.id : undefined,
    correlationId: correlationIdOf(req),
    idempotency: key ? { actor, key, fingerprint: { method: req.method, path: canonicalPath(req.path), body: lowerCaseIds(body) } } : undefined,
  };
}

/**
 * The same request whatever the case of the ids in it, or a trailing slash: a retry sent as /DEALS/ABC…/events/ is
 * the request /deals/abc…/events was (every route of the API is lower-case).
 */
const canonicalPath = (path: string) => path.toLowerCase().replace(/(.)\/+$/, '$1');

function lowerCaseIds(value: unknown): unknown {
  if (typeof value === 'string') return UUID.test(value) ? value.toLowerCase() : value;
  if (Array.isArray(value)) return value.map(lowerCaseIds);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, lowerCaseIds(v)]));
  return value;
}
