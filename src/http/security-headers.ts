// Response headers that keep browsers from misusing what the API serves (OWASP REST Security Cheat Sheet): no MIME
// sniffing, no framing, no referrer, HTTPS pinned once seen over TLS, nothing sensitive left in caches. API
// responses get a CSP that allows nothing; Swagger UI at /docs and the dashboard at / get one that allows exactly what
// they load.
import type { NextFunction, Request, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

const COMMON: HelmetOptions = {
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Browsers ignore it over plain HTTP; behind a TLS-terminating proxy it keeps clients on HTTPS.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

/** JSON and problem details are never rendered, so nothing may load and nothing may frame them. */
const API_CSP = { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } as const;

/**
 * Swagger UI loads its bundle, init script and stylesheet from /docs, sets inline styles, uses data: images, and
 * fetches /openapi.json. No upgrade-insecure-requests: a server reached over plain HTTP (a desk's LAN) would find
 * its own docs page rewritten to an https:// that does not answer.
 */
const DOCS_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
  },
} as const;

/**
 * The dashboard at / loads only its own bundle and stylesheet and talks only to this server: no inline script or
 * style, no other origin. Its charts set styles through the DOM (allowed), never in markup.
 */
const UI_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    baseUri: ["'none'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:'],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
  },
} as const;

const forApi = helmet({ ...COMMON, contentSecurityPolicy: API_CSP });
const forDocs = helmet({ ...COMMON, contentSecurityPolicy: DOCS_CSP });
const forUi = helmet({ ...COMMON, contentSecurityPolicy: UI_CSP });

const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/');
const isUi = (path: string) => path === '/' || path.startsWith('/ui/');

/** One middleware, installed before everything else answers, so refusals (401, 413, 429) carry the headers too. */
export function securityHeaders() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isDocs(req.path)) return forDocs(req, res, next);
    if (isUi(req.path)) return forUi(req, res, next);
    // Authenticated deal data must not linger in browser or proxy caches; a handler may still set its own
    // (the event stream sets no-cache).
    res.setHeader('Cache-Control', 'no-store');
    forApi(req, res, next);
  };
}
