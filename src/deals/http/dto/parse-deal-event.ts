// Turns an untrusted JSON body into a DealEventInput, or throws RequestValidationError listing every problem.
// Used by both write endpoints: POST /deals (allowDealId) and POST /deals/{dealId}/events.
import { plainToInstance } from 'class-transformer';
import { isUUID, validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { DEAL_EVENT_TYPES, type DealEventInput, type DealEventType } from '../../domain/deal.events.js';
import { PRICED_TERM_NAMES } from '../../domain/deal.js';
import { DEAL_EVENT_DTOS } from './deal-event.dtos.js';
import { RequestValidationError, type FieldError } from '../../../http/request-validation.error.js';

export interface ParsedDealEventBody {
  dealId?: string;
  event: DealEventInput;
}

/**
 * Names of Object.prototype members (`__proto__`, `constructor`, `toString`, `hasOwnProperty`, ...) and
 * `prototype`. `__proto__` copied onto an instance would replace its prototype; the others would be skipped
 * without a word by class-transformer (it never overwrites inherited methods), i.e. silently stripped.
 */
const isReservedKey = (key: string) => key === 'prototype' || key in Object.prototype;
/** A valid body nests 3 levels (body → equivalents → item); anything far deeper is an attack or a mistake. */
export const MAX_BODY_DEPTH = 6;
/** NUL cannot be stored in PostgreSQL text or jsonb, nor an unpaired UTF-16 surrogate in jsonb: a 400, not a 500. */
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true, // unknown fields are errors, never silently dropped
  forbidUnknownValues: true,
  stopAtFirstError: true, // one message per field; a bad nested object hides its children's errors
  validationError: { target: false, value: false }, // errors never carry the submitted values
};

export function parseDealEventBody(body: unknown, options: { allowDealId: boolean }): ParsedDealEventBody {
  if (!isJsonObject(body)) fail([{ field: 'body', message: 'the body must be a JSON object' }]);
  const unsafe = findUnsafeContent(body, '', 1);
  if (unsafe.length > 0) fail(unsafe);

  const type = body.type;
  if (!isDealEventType(type)) {
    const message = `${type === undefined ? 'type is required' : 'unknown type'}; one of: ${DEAL_EVENT_TYPES.join(', ')}`;
    fail([{ field: 'type', message }]);
  }

  const errors: FieldError[] = [];
  const { dealId, ...fields } = body;
  const withDealId = options.allowDealId && dealId !== undefined;
  if (withDealId && !(typeof dealId === 'string' && isUUID(dealId))) {
    errors.push({ field: 'dealId', message: 'dealId must be a UUID' });
  }
  // Without allowDealId, dealId stays in the fields and is refused as an unknown field.
  const dtoClass: new () => object = DEAL_EVENT_DTOS[type];
  const dto = plainToInstance(dtoClass, options.allowDealId ? fields : body);
  errors.push(...toFieldErrors(validateSync(dto, VALIDATOR_OPTIONS)));
  if (type === 'priced' && !PRICED_TERM_NAMES.some((key) => key in fields)) {
    errors.push({ field: 'body', message: `a priced event must carry at least one of ${PRICED_TERM_NAMES.join(', ')}` });
  }
  if (type === 'regulatory' && 'remedies' in fields && fields.decision !== 'approved_with_remedies') {
    errors.push({ field: 'remedies', message: 'remedies go with the decision approved_with_remedies only' });
  }
  if (errors.length > 0) fail(errors);

  const event = { type, ...(toPlain(dto) as object) } as DealEventInput; // `type` first, for readable logs
  return withDealId ? { dealId: (dealId as string).toLowerCase(), event } : { event };
}

/**
 * Any other JSON body, checked the same way against its DTO class: reserved keys, unstorable text and unknown fields
 * refused, every bad field listed. Answers the validated fields as plain data.
 */
export function parseJsonBody(dtoClass: new () => object, body: unknown): Record<string, unknown> {
  if (!isJsonObject(body)) fail([{ field: 'body', message: 'the body must be a JSON object' }]);
  const unsafe = findUnsafeContent(body, '', 1);
  if (unsafe.length > 0) fail(unsafe);
  const dto = plainToInstance(dtoClass, body);
  const errors = toFieldErrors(validateSync(dto, VALIDATOR_OPTIONS));
  if (errors.length > 0) fail(errors);
  return toPlain(dto) as Record<string, unknown>;
}

function fail(errors: FieldError[]): never {
  throw new RequestValidationError(errors);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDealEventType(value: unknown): value is DealEventType {
  return typeof value === 'string' && (DEAL_EVENT_TYPES as readonly string[]).includes(value);
}

const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/** Walks the raw body before anything copies it: reserved keys, absurd nesting and unstorable text are refused. */
function findUnsafeContent(value: unknown, path: string, depth: number): FieldError[] {
  if (typeof value === 'string') return UNSTORABLE_TEXT.test(value) ? [{ field: path || 'body', message: UNSTORABLE_MESSAGE }] : [];
  if (typeof value !== 'object' || value === null) return [];
  if (depth > MAX_BODY_DEPTH) return [{ field: path, message: `nested too deeply (more than ${MAX_BODY_DEPTH} levels)` }];
  return Object.keys(value).flatMap((key) => {
    if (isReservedKey(key)) return [{ field: join(path, key), message: `"${key}" is not allowed as a field name` }];
    if (UNSTORABLE_TEXT.test(key)) return [{ field: path || 'body', message: `field names ${UNSTORABLE_MESSAGE}` }];
    return findUnsafeContent((value as Record<string, unknown>)[key], join(path, key), depth + 1);
  });
}

/** class-validator's error tree → one {field, message} per problem, with dotted paths. */
function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = error.property === undefined ? parent || 'body' : join(parent, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([kind, message]) => ({
      field,
      message: kind === 'whitelistValidation' ? unknownFieldMessage(error.property, parent) : message,
    }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

function unknownFieldMessage(property: string, parent: string): string {
  if (property === 'dealId' && !parent) return 'dealId is only accepted when creating a deal (POST /deals)';
  return `unknown field "${property}"`;
}

/** The validated DTO as plain data: no class instances, no keys left undefined by class field declarations. */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, toPlain(v)]),
  );
}
