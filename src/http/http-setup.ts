// Express-level set-up shared by the server and the e2e tests: body parsing with problem-details errors,
// request ids, request logs.
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { harmlessHeaders, harmlessUrl, holdsIssuedKey } from '../logging/harmless.js';
import { HttpMetrics } from '../metrics/http-metrics.js';
import { answerClientErrorsAsProblems } from './client-errors.js';
import { sendProblem } from './problem-details.filter.js';
import { instanceOf, problem } from './problem.js';
import { securityHeaders } from './security-headers.js';

const ID_PATTERN = /^[\w.:-]{1,128}$/;

export function configureHttp(app: INestApplication, options: { bodyLimit: string; logger: Logger }): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  // The only ETag is a deal's version (what If-Match takes); Express's weak hashes of other answers would look like one.
  server.set('etag', false);
  answerClientErrorsAsProblems(app.getHttpServer());
  app.use(app.get(HttpMetrics).middleware); // first, so requests refused before routing are timed too
  app.use(securityHeaders());
  const debug = options.logger.isLevelEnabled('debug');
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = givenId(given) ?? randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // One short line a request: method, path and harmless query values, status, time. Headers only at debug, and
      // only the harmless ones' values (logging/harmless.ts).
      serializers: {
        req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown> }) => ({
          id: req.id,
          method: req.method,
          url: harmlessUrl(req.url),
          ...(debug ? { headers: harmlessHeaders(req.headers) } : {}),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (req) => ({ correlationId: correlationIdOf(req as unknown as Request) }),
    }),
  );
  app.use(bodiesOfKnownType);
  app.use(express.json({ limit: options.bodyLimit, type: 'application/json', verify: refuseInvalidUtf8 }));
  app.use(express.text({ limit: options.bodyLimit, type: ['text/csv'], verify: refuseInvalidUtf8 }));
  app.use(bodyErrorsAsProblems);
}

export function correlationIdOf(req: Request): string | undefined {
  return givenId(req.headers['x-correlation-id']);
}

/** A client's request or correlation id, kept in logs and events: not when it is malformed or one of our keys. */
function givenId(given: unknown): string | undefined {
  return typeof given === 'string' && ID_PATTERN.test(given) && !holdsIssuedKey(given) ? given : undefined;
}

/** Only /fx-rates also takes CSV (the ECB layout). */
const TAKES_CSV = /^\/fx-rates\/?$/i;

/**
 * A body in another format than the endpoint reads (curl -d sends a form) is a 415 naming the type to send, not a
 * 400 about the JSON it was never going to be.
 */
function bodiesOfKnownType(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return next();
  const [typePart, ...params] = (req.headers['content-type'] ?? '').split(';');
  const type = typePart.trim().toLowerCase();
  const charsets = params.map((p) => /^\s*charset\s*=(.*)$/i.exec(p)?.[1].trim()).filter((c) => c !== undefined);
  if (charsets.length > 1 || (charsets.length === 1 && !/^(utf-8|"utf-8")$/i.test(charsets[0]))) {
    const detail = `Send the body in UTF-8; it came as ${charsets.length > 1 ? 'several charsets' : shown(charsets[0], /^("?)[\w.:-]{1,40}\1$/, 'another charset')}.`;
    return sendProblem(res, { ...problem(415, 'UNSUPPORTED_MEDIA_TYPE', detail), instance: instanceOf(req.originalUrl) });
  }
  const csv = TAKES_CSV.test(req.path);
  if (type === 'application/json' || (csv && type === 'text/csv')) return next();
  const wanted = csv ? 'application/json (or text/csv in the ECB reference-rate layout)' : 'application/json';
  const given = type ? shown(type, /^[\w.+-]{1,40}\/[\w.+-]{1,60}$/, 'another type') : 'no Content-Type at all';
  sendProblem(res, { ...problem(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the body as ${wanted}; it came as ${given}.`), instance: instanceOf(req.originalUrl) });
}

/** A header value repeated in an answer only when it has the shape it should: anything else may be a pasted secret. */
const shown = (value: string, shape: RegExp, otherwise: string): string => (shape.test(value) ? value.replace(/"/g, '') : otherwise);

/**
 * A body that is not valid UTF-8 would be decoded with replacement characters ("Bad \ufffd\ufffd utf8") and stored
 * so: refused instead, as JSON must be UTF-8 (RFC 8259).
 */
const NOT_UTF8 = 'entity.not.utf8';

function refuseInvalidUtf8(_req: Request, _res: Response, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('The request body is not valid UTF-8.'), { type: NOT_UTF8 });
}

/** Body-parser failures happen before Nest routes the request, so they are answered here. */
function bodyErrorsAsProblems(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const e = error as { type?: string; status?: number; message?: string; body?: unknown };
  if (!e || typeof e.status !== 'number') return next(error);
  const body =
    e.type === 'entity.too.large'
      ? problem(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than the configured limit.')
      : e.status === 415
        ? problem(415, 'UNSUPPORTED_MEDIA_TYPE', e.message ?? 'Unsupported content encoding.')
        : e.type === NOT_UTF8
          ? problem(400, 'VALIDATION_FAILED', 'The request body is not valid UTF-8.', [{ field: 'body', message: 'not valid UTF-8' }])
          : isJson(e.body)
            ? problem(400, 'VALIDATION_FAILED', 'The request body must be a JSON object.', [{ field: 'body', message: 'must be a JSON object' }])
            : problem(400, 'VALIDATION_FAILED', 'The request body is not valid JSON.', [{ field: 'body', message: 'malformed JSON' }]);
  sendProblem(res, { ...body, instance: instanceOf(req.originalUrl) });
}

/** The JSON parser refuses a bare null, "text" or 3 as it refuses broken JSON; the client is told which it sent. */
function isJson(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
