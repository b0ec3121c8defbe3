import type { Request } from 'express';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The route template that answered (`/deals/:dealId`), never the URL: ids in a label would make one time series per
 * deal. Requests no route matched (unknown paths, bodies refused before routing, static Swagger UI files) share
 * `unmatched`.
 */
export function routeLabel(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}

/** Unusual methods share one label, for the same reason. */
export function methodLabel(req: Request): string {
  return METHODS.has(req.method) ? req.method : 'OTHER';
}
