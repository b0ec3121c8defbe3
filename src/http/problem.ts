// RFC 9457 problem details with the codes of API.md.

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
}

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
  VERSION_MISMATCH: 'The deal has changed',
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

export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `https://deal-tracker.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[code] ?? code,
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}
