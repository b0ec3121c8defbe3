import type { AuthenticatedRequest } from '../auth/api-key.guard.js';
import type { WriteContext } from '../event-store/write-context.js';
import { correlationIdOf } from './http-setup.js';
import { optionalHeader } from './params.js';

/** Who writes (the API key's name), the request's ids, and its Idempotency-Key scoped to that API key. */
export function writeContextOf(req: AuthenticatedRequest, idempotencyKey: unknown, body: unknown): WriteContext {
  const actor = req.apiKey!.name;
  const key = optionalHeader('Idempotency-Key', idempotencyKey);
  return {
    actor,
    requestId: typeof req.id === 'string' ? req.id : undefined,
    correlationId: correlationIdOf(req),
    idempotency: key ? { actor, key, fingerprint: { method: req.method, path: req.path, body } } : undefined,
  };
}
