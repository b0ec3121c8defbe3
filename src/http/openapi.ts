// OpenAPI pieces every controller shares: the problem-details schema and a decorator listing error responses.
import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type SchemaObject } from '@nestjs/swagger';

export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: {
      type: 'string',
      enum: [
        'VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'DEAL_NOT_FOUND', 'INVALID_TRANSITION',
        'DEAL_EXISTS', 'VERSION_MISMATCH', 'PAYLOAD_TOO_LARGE', 'RULE_VIOLATED', 'IDEMPOTENCY_KEY_REUSED',
        'UNSUPPORTED_MEDIA_TYPE', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE', 'INTERNAL_ERROR',
        // Beyond API.md: refusals by the HTTP parser (431, 408), an Expect other than 100-continue (417), and a
        // write that lost the race to other writers of the same deal on every retry (409).
        'HEADERS_TOO_LARGE', 'REQUEST_TIMEOUT', 'EXPECTATION_FAILED', 'WRITE_CONFLICT',
      ],
    },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'With 400 only: one entry per invalid field (dotted path, e.g. value.amount)',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/** Documents each status as an RFC 9457 problem-details response. */
export const Problems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } } }),
    ),
  );
