import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AllowedMethods } from './allowed-methods.js';
import { InvalidCursor, StreamVersionConflict } from '../event-store/event-store.errors.js';
import { withoutIssuedKeys } from '../logging/harmless.js';
import { PROBLEM_CONTENT_TYPE, type Problem, instanceOf, problem, refusalStatus } from './problem.js';
import { RequestValidationError } from './request-validation.error.js';

const HTTP_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Every error leaves as problem details; only a genuine fault is a 500, and it is logged. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private readonly allowed: AllowedMethods | null;

  constructor(@Optional() adapterHost?: HttpAdapterHost) {
    this.allowed = adapterHost ? new AllowedMethods(() => adapterHost.httpAdapter.getInstance()) : null;
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const body = { ...(this.methodNotAllowed(error, request, http.getResponse<Response>()) ?? this.toProblem(error, request)), instance: instanceOf(request.originalUrl) };
    // A fault is logged with its stack; an unreachable database (503) is an operating state, said in one line.
    if (body.status === 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    else if (body.status === 503) this.logger.warn(`${body.detail} (${error instanceof Error ? error.message : String(error)})`);
    sendProblem(http.getResponse<Response>(), body);
  }

  /** A known path asked with a method none of its routes takes: 405 with the methods it does take. */
  private methodNotAllowed(error: unknown, request: Request, response: Response): Problem | null {
    if (!(error instanceof HttpException) || error.getStatus() !== 404 || !this.allowed) return null;
    const allowed = this.allowed.of(request.path);
    if (allowed.length === 0 || allowed.includes(request.method)) return null;
    response.setHeader('Allow', allowed.join(', '));
    return problem(405, 'METHOD_NOT_ALLOWED', `${request.method} is not a method of ${instanceOf(request.originalUrl)}; it takes ${allowed.join(', ')}.`);
  }

  private toProblem(error: unknown, request: Request): Problem {
    if (error instanceof RequestValidationError) {
      return problem(400, 'VALIDATION_FAILED', 'The request has invalid fields; see errors.', error.errors);
    }
    const refused = refusalStatus(error);
    if (refused) return problem(refused, (error as Error & { code: string }).code, (error as Error).message);
    if (error instanceof InvalidCursor) {
      return problem(400, 'VALIDATION_FAILED', error.message, [{ field: 'cursor', message: error.message }]);
    }
    if (error instanceof StreamVersionConflict) {
      // Only after every retry lost the race to other writers of the same stream.
      return problem(409, 'WRITE_CONFLICT', 'Other writes to this deal kept landing first; read it again and retry.');
    }
    if (error instanceof HttpException) return fromHttpException(error, request);
    if (isDatabaseUnavailable(error)) return problem(503, 'SERVICE_UNAVAILABLE', 'The database is not reachable; retry shortly.');
    return problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged.');
  }
}

export function sendProblem(response: Response, body: Problem): void {
  response.locals.problemCode = body.code; // counted by the request metrics (src/metrics/http-metrics.ts)
  // RFC 9110: a 401 says which authentication scheme the server takes.
  if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="deal-tracker"');
  response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(withoutKeys(body)));
}

/** Whatever a problem repeats of the request (a field name, a media type), a key of ours pasted there is not repeated. */
function withoutKeys(body: Problem): Problem {
  const errors = body.errors?.map((e) => ({ field: withoutIssuedKeys(e.field), message: withoutIssuedKeys(e.message) }));
  return { ...body, detail: withoutIssuedKeys(body.detail), ...(errors ? { errors } : {}) };
}

function fromHttpException(error: HttpException, request: Request): Problem {
  const status = error.getStatus();
  const code = HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
  const response = error.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  // Nest's own messages repeat the request target, query included ("Cannot GET /x?token=…"): said without it here.
  const detail = /^Cannot [A-Z]+ /.test(String(message))
    ? `Nothing answers ${request.method} ${instanceOf(request.originalUrl)}.`
    : /^Failed to decode param/.test(String(message))
      ? 'A path segment is not valid percent-encoding.'
      : Array.isArray(message)
        ? message.join('; ')
        : String(message ?? error.message);
  // The HTTP contract: a 400 lists what was wrong. Nest's own 400s (a path parameter that does not percent-decode) name no field.
  return problem(status, code, detail, status === 400 ? [{ field: 'request', message: detail }] : undefined);
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300']);

function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.code ?? e?.driverError?.code;
  return (code !== undefined && UNAVAILABLE_CODES.has(code)) || /Connection terminated|timeout exceeded when trying to connect/i.test(e?.message ?? '');
}
