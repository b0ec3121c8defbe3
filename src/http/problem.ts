// RFC 9457 problem details with the codes of the HTTP contract.
import { pathWithoutIssuedKeys } from '../logging/harmless.js';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
  /** Set when more problems were found than `errors` lists. */
  errorsTruncated?: true;
}

/** A 400 lists at most this many problems: a wrong file or a hostile body should not echo itself back. */
export const MAX_LISTED_ERRORS = 100;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<string, string> = {
  VALIDATION_FAILED: 'The request is not valid',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Not allowed for this key',
  NOT_FOUND: 'No such resource',
  DEAL_NOT_FOUND: 'Deal not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  INVALID_TRANSITION: 'Event not allowed in the deal’s status',
  DEAL_EXISTS: 'Deal already exists',
  VERSION_MISMATCH: 'It has changed since that version',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RULE_VIOLATED: 'The event breaks a rule',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency key reused',
  TOO_MANY_REQUESTS: 'Too many requests',
  HEADERS_TOO_LARGE: 'Request headers too large',
  REQUEST_TIMEOUT: 'Request timeout',
  EXPECTATION_FAILED: 'Expectation not supported',
  WRITE_CONFLICT: 'Concurrent writes kept winning',
  SERVICE_UNAVAILABLE: 'Service unavailable',
  INTERNAL_ERROR: 'Internal error',
};

/**
 * The refusals the app's errors name by their `code` (the decider's, If-Match, Idempotency-Key), with the status
 * The HTTP contract gives each: the HTTP layer maps them without knowing the features that raise them.
 */
const REFUSAL_STATUS: Record<string, number> = {
  DEAL_NOT_FOUND: 404,
  DEAL_EXISTS: 409,
  INVALID_TRANSITION: 409,
  RULE_VIOLATED: 422,
  VERSION_MISMATCH: 412,
  IDEMPOTENCY_KEY_REUSED: 422,
  WRITE_CONFLICT: 409,
};

/** The status of an error that carries one of those codes; undefined for any other error (a driver's SQLSTATE too). */
export function refusalStatus(error: unknown): number | undefined {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && Object.hasOwn(REFUSAL_STATUS, code) ? REFUSAL_STATUS[code] : undefined;
}

/**
 * The problem's `instance`: the request path without its query, which may hold anything a client put there (a key
 * sent as ?token=, say) and is not repeated back; nor is a key of ours pasted into the path.
 */
export const instanceOf = (originalUrl: string): string => pathWithoutIssuedKeys(originalUrl.split('?')[0]);

export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  const truncated = errors !== undefined && errors.length > MAX_LISTED_ERRORS;
  return {
    type: `https://deal-tracker.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[code] ?? code,
    status,
    detail: truncated ? `${detail} (the first ${MAX_LISTED_ERRORS} of ${errors.length} problems are listed)` : detail,
    code,
    ...(errors ? { errors: errors.slice(0, MAX_LISTED_ERRORS) } : {}),
    ...(truncated ? { errorsTruncated: true as const } : {}),
  };
}
