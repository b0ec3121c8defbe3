// OpenAPI pieces every controller shares: the problem-details schema and a decorator listing error responses.
import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { MAX_LISTED_ERRORS, problem } from './problem.js';

export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: {
      type: 'string',
      enum: [
        'VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'DEAL_NOT_FOUND', 'METHOD_NOT_ALLOWED',
        'INVALID_TRANSITION', 'DEAL_EXISTS', 'WRITE_CONFLICT', 'VERSION_MISMATCH', 'PAYLOAD_TOO_LARGE',
        'UNSUPPORTED_MEDIA_TYPE', 'RULE_VIOLATED', 'IDEMPOTENCY_KEY_REUSED', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE',
        'INTERNAL_ERROR', 'HEADERS_TOO_LARGE', 'REQUEST_TIMEOUT', 'EXPECTATION_FAILED',
      ],
    },
    instance: { type: 'string', description: 'The request path' },
    errors: {
      type: 'array',
      maxItems: MAX_LISTED_ERRORS,
      description: `With 400 only: one entry per invalid field (dotted path, e.g. value.amount), at most ${MAX_LISTED_ERRORS}`,
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
    errorsTruncated: { type: 'boolean', description: `Set when more than ${MAX_LISTED_ERRORS} problems were found` },
  },
};

/** What each status is answered for, by code: the examples Swagger UI shows. */
const EXAMPLES: Record<number, [code: string, detail: string][]> = {
  400: [['VALIDATION_FAILED', 'The request has invalid fields; see errors.']],
  401: [['UNAUTHENTICATED', 'An API key is required: Authorization: Bearer <key>.']],
  403: [['FORBIDDEN', 'This needs the analyst role; the key "screen" is viewer.']],
  404: [
    ['DEAL_NOT_FOUND', 'Deal 3f2b8c1d-6e4a-4b7f-9d2c-1a5e8f0b7c6d does not exist.'],
    ['NOT_FOUND', 'No company with id 9a4c0b57-5a87-4f0e-8a47-2b3c4d5e6f70 has been seen.'],
  ],
  409: [
    ['INVALID_TRANSITION', 'A "closed" event is not allowed when the deal is terminated (as it stood on 2025-07-01); allowed: pending.'],
    ['DEAL_EXISTS', 'Deal 3f2b8c1d-6e4a-4b7f-9d2c-1a5e8f0b7c6d already exists; post further events to /deals/3f2b8c1d-…/events.'],
    ['WRITE_CONFLICT', 'Other writes to this deal kept landing first; read it again and retry.'],
  ],
  412: [['VERSION_MISMATCH', 'The deal is at version 4, not 3.']],
  413: [['PAYLOAD_TOO_LARGE', 'The request body is larger than the configured limit.']],
  415: [['UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json; it came as application/x-www-form-urlencoded.']],
  422: [
    ['RULE_VIOLATED', 'The acquirer and the target are the same company.'],
    ['IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key "close-xai-x" was already used with a different request.'],
  ],
  429: [['TOO_MANY_REQUESTS', 'More than 600 writes a minute with this API key; retry after the seconds in Retry-After.']],
  431: [['HEADERS_TOO_LARGE', 'The request headers are larger than the server accepts (16 KiB).']],
  503: [['SERVICE_UNAVAILABLE', 'The database is not reachable; retry shortly.']],
};

const DESCRIPTIONS: Record<number, string> = {
  431: 'Request headers over 16 KiB, refused by the HTTP parser',
  429: 'Too many writes with this API key (WRITE_RATE_LIMIT); Retry-After says when to retry',
  503: 'The database is unreachable, or its read tables cannot be read',
};

/** Documents each status as an RFC 9457 problem-details response, with an example for each code it is answered with. */
export const Problems = (...statuses: number[]) => problemResponses([...statuses, 503]);

/** For the operations that read no table: only what the HTTP parser refuses, on any route. */
export const ProtocolProblems = () => problemResponses([400, 431]);

const problemResponses = (statuses: number[]) =>
  applyDecorators(
    ...[...new Set(statuses)].map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem details (RFC 9457)',
        content: {
          'application/problem+json': {
            schema: PROBLEM_SCHEMA,
            examples: Object.fromEntries((EXAMPLES[status] ?? []).map(([code, detail]) => [code, { value: problem(status, code, detail) }])),
          },
        },
      }),
    ),
  );

/** The page size every list takes. */
export const LimitQuery = (description = '1–200, default 50') =>
  ApiQuery({ name: 'limit', required: false, description, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } });

/** The opaque cursor every cursor-paged list takes. */
export const CursorQuery = (description = 'nextCursor of the previous page') =>
  ApiQuery({ name: 'cursor', required: false, description, schema: { type: 'string' } });

/** Idempotency-Key on every write; `writes` says what a replay does not do again ("appends", "stores"). */
export const IdempotencyKeyHeader = (writes: string) =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      `A retry with the same key and body answers the original result and ${writes} nothing (keys are scoped to the API key). ` +
      '1–200 visible ASCII characters of your making, e.g. a UUID; never an API key (400).',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
  });
