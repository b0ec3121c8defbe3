// What the fuzzer knows about the API, read from the server's own /openapi.json so a new route is fuzzed without
// touching the fuzzer: the operations, their parameters, their request bodies, and an oracle that says whether a
// body breaks its documented schema (then the server must refuse it).
import { isUnstorable } from './fuzz-values.js';

type Schema = Record<string, any>;

export interface ParamSpec {
  name: string;
  schema: Schema;
  description: string;
}

export interface FuzzOperation {
  /** "POST /deals/{dealId}/events" */
  key: string;
  method: string;
  path: string;
  pathParams: ParamSpec[];
  queryParams: ParamSpec[];
  headerParams: ParamSpec[];
  /** Content type → schema, for operations that take a body. */
  bodies: Record<string, Schema>;
  /** The operation says it refuses query parameters it does not know (a misspelt filter would widen a list). */
  refusesUnknownQuery: boolean;
  /** It answers an open event stream (text/event-stream) that never ends by itself. */
  streams: boolean;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Schema>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Operations that answer without a key and are left out of the document on purpose. */
export const PUBLIC_OPERATIONS = ['GET /health', 'GET /metrics'];

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => toOperation(path, method, item[method])),
  );
  const publicOnes = PUBLIC_OPERATIONS.filter((key) => !documented.some((op) => op.key === key)).map((key) => {
    const [method, path] = key.split(' ');
    return toOperation(path, method.toLowerCase(), {});
  });
  return [...documented, ...publicOnes];
}

function toOperation(path: string, method: string, op: Schema): FuzzOperation {
  const params: Schema[] = op.parameters ?? [];
  const spec = (where: string) =>
    params
      .filter((p) => p.in === where)
      .map((p) => ({ name: p.name as string, schema: (p.schema ?? {}) as Schema, description: String(p.description ?? '') }));
  const content: Record<string, Schema> = op.requestBody?.content ?? {};
  return {
    key: `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    path,
    pathParams: spec('path'),
    queryParams: spec('query'),
    headerParams: spec('header'),
    bodies: Object.fromEntries(Object.entries(content).map(([type, media]) => [type, media.schema ?? {}])),
    refusesUnknownQuery: /(unknown|other) parameters are refused/i.test(`${op.summary ?? ''} ${op.description ?? ''}`),
    streams: Object.values<Schema>(op.responses ?? {}).some((response) => 'text/event-stream' in (response.content ?? {})),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]);
}

export const isUuid = (value: string) => UUID.test(value);

/**
 * Judges a parsed JSON body against a documented schema. It only claims what the document promises: a value that
 * breaks the schema must be refused; one that fits may still be refused for a rule the schema cannot say (acquirer =
 * target, a date in the future, a state transition). Objects with `properties` are closed (the HTTP contract: "Unknown fields
 * are rejected"). String lengths count code points after trimming, the lenient reading, so a claim holds however
 * the server counts.
 */
export class SchemaOracle {
  constructor(private readonly doc: OpenApiDocument) {}

  /** Why `value` breaks `schema` (first reason, with its path), or null when it fits. */
  violation(schema: Schema, value: unknown, path = 'body'): string | null {
    const flat = this.flatten(schema, value);
    if (typeof flat === 'string') return `${path}: ${flat}`;
    return this.check(flat, value, path);
  }

  /** A body the server must refuse: it breaks its schema, or carries text PostgreSQL cannot store. */
  mustRefuse(schema: Schema, value: unknown): string | null {
    return this.violation(schema, value) ?? (hasUnstorableText(value) ? 'body: text with NUL or a lone surrogate' : null);
  }

  /** The flattened schema of the node at `path` inside `root`, or null where the path leaves the schema. */
  schemaAt(schema: Schema, root: unknown, path: (string | number)[]): Schema | null {
    let current = this.flatten(schema, root);
    let value = root;
    for (const key of path) {
      if (typeof current === 'string') return null;
      const properties: Record<string, Schema> = current.properties ?? {};
      const property = typeof key === 'string' && Object.hasOwn(properties, key) ? properties[key] : undefined;
      const next: Schema | undefined = typeof key === 'number' ? current.items : property;
      if (!next) return null;
      value = (value as Record<string | number, unknown> | undefined)?.[key];
      current = this.flatten(next, value);
    }
    return typeof current === 'string' ? null : current;
  }

  private resolve(schema: Schema): Schema {
    let current = schema;
    while (current?.$ref) current = this.doc.components?.schemas?.[String(current.$ref).replace('#/components/schemas/', '')] ?? {};
    return current ?? {};
  }

  /** One flat schema for this value: $refs resolved, allOf merged, the oneOf branch picked; a string if none fits. */
  private flatten(schema: Schema, value: unknown): Schema | string {
    const resolved = this.resolve(schema);
    let flat: Schema = { ...resolved };
    delete flat.allOf;
    delete flat.oneOf;
    if (resolved.oneOf) {
      const branch = this.pickBranch(resolved, value);
      if (typeof branch === 'string') return branch;
      flat = merge(flat, branch);
    }
    for (const part of resolved.allOf ?? []) {
      const partFlat = this.flatten(part, value);
      if (typeof partFlat === 'string') return partFlat;
      flat = merge(flat, partFlat);
    }
    return flat;
  }

  private pickBranch(schema: Schema, value: unknown): Schema | string {
    const discriminator = schema.discriminator?.propertyName as string | undefined;
    if (discriminator) {
      const tag = isObject(value) ? value[discriminator] : undefined;
      const ref = typeof tag === 'string' ? schema.discriminator.mapping?.[tag] : undefined;
      return ref ? (this.flatten({ $ref: ref }, value) as Schema) : `${discriminator} is not one of the documented values`;
    }
    for (const branch of schema.oneOf) {
      const flat = this.flatten(branch, value);
      if (typeof flat !== 'string' && this.check(flat, value, '') === null) return flat;
    }
    return 'fits none of the documented shapes';
  }

  private check(schema: Schema, value: unknown, path: string): string | null {
    if (value === null && schema.nullable === true) return null;
    if (schema.enum && !schema.enum.includes(value)) return `${path}: not one of ${schema.enum.join(', ')}`;
    const type = schema.type ?? (schema.properties ? 'object' : undefined);
    switch (type) {
      case 'string':
        return typeof value === 'string' ? checkString(schema, value, path) : `${path}: not a string`;
      case 'number':
      case 'integer':
        return typeof value === 'number' && Number.isFinite(value) ? checkNumber(schema, value, path) : `${path}: not a finite number`;
      case 'boolean':
        return typeof value === 'boolean' ? null : `${path}: not a boolean`;
      case 'array':
        return Array.isArray(value) ? this.checkArray(schema, value, path) : `${path}: not an array`;
      case 'object':
        return isObject(value) ? this.checkObject(schema, value, path) : `${path}: not an object`;
      default:
        return null;
    }
  }

  private checkArray(schema: Schema, value: unknown[], path: string): string | null {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${path}: more than ${schema.maxItems} items`;
    if (schema.minItems !== undefined && value.length < schema.minItems) return `${path}: fewer than ${schema.minItems} items`;
    for (const [i, item] of value.entries()) {
      const problem = schema.items ? this.violation(schema.items, item, `${path}.${i}`) : null;
      if (problem) return problem;
    }
    return null;
  }

  private checkObject(schema: Schema, value: Record<string, unknown>, path: string): string | null {
    const properties: Record<string, Schema> = schema.properties ?? {};
    const open = schema.additionalProperties === true || typeof schema.additionalProperties === 'object' || !schema.properties;
    for (const key of Object.keys(value)) {
      if (!(key in properties) || !Object.hasOwn(properties, key)) {
        if (!open) return `${path}.${key}: unknown field`;
        continue;
      }
      const problem = value[key] === undefined ? null : this.violation(properties[key], value[key], `${path}.${key}`);
      if (problem) return problem;
    }
    const missing = (schema.required ?? []).find((key: string) => value[key] === undefined);
    return missing ? `${path}.${missing}: required` : null;
  }
}

function checkString(schema: Schema, value: string, path: string): string | null {
  const codePoints = [...value.trim()].length; // names and titles are trimmed before their length counts
  if (schema.maxLength !== undefined && codePoints > schema.maxLength) return `${path}: longer than ${schema.maxLength}`;
  if (schema.minLength !== undefined && value.length < schema.minLength) return `${path}: shorter than ${schema.minLength}`;
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) return `${path}: does not match ${schema.pattern}`;
  if (schema.format === 'date' && !isCalendarDate(value)) return `${path}: not a calendar date`;
  if (schema.format === 'uuid' && !isUuid(value)) return `${path}: not a uuid`;
  return null;
}

function checkNumber(schema: Schema, value: number, path: string): string | null {
  if (schema.type === 'integer' && !Number.isInteger(value)) return `${path}: not an integer`;
  const exclusiveMin = schema.exclusiveMinimum === true ? schema.minimum : schema.exclusiveMinimum;
  if (typeof exclusiveMin === 'number' && !(value > exclusiveMin)) return `${path}: not above ${exclusiveMin}`;
  const inclusiveMin = schema.exclusiveMinimum !== true && typeof schema.minimum === 'number';
  if (inclusiveMin && value < schema.minimum) return `${path}: below ${schema.minimum}`;
  const exclusiveMax = schema.exclusiveMaximum === true ? schema.maximum : schema.exclusiveMaximum;
  if (typeof exclusiveMax === 'number' && !(value < exclusiveMax)) return `${path}: not below ${exclusiveMax}`;
  const inclusiveMax = schema.exclusiveMaximum !== true && typeof schema.maximum === 'number';
  if (inclusiveMax && value > schema.maximum) return `${path}: above ${schema.maximum}`;
  return null;
}

function merge(a: Schema, b: Schema): Schema {
  return {
    ...a,
    ...b,
    properties: a.properties || b.properties ? { ...a.properties, ...b.properties } : undefined,
    required: [...(a.required ?? []), ...(b.required ?? [])],
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any string (key or value) with NUL or a lone surrogate, however deep; iterative, as bodies may nest 30,000 levels. */
export function hasUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (isUnstorable(item)) return true;
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, child] of Object.entries(item)) {
        if (isUnstorable(key)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}
