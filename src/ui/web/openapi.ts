// The write forms are drawn from the API's own OpenAPI document: the fields of each event type, their kinds, enums,
// limits and which are required, exactly as the server validates them. No list of fields is copied here.

export interface Schema {
  type?: string;
  format?: string;
  enum?: string[];
  description?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  discriminator?: { propertyName: string; mapping: Record<string, string> };
  $ref?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
}

interface Document {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

let loading: Promise<Document> | null = null;

/** The document, fetched once per page load (it needs no key). */
export function openApi(): Promise<Document> {
  loading ??= fetch('/openapi.json').then((r) => {
    if (!r.ok) throw new Error(`/openapi.json answered ${r.status}`);
    return r.json() as Promise<Document>;
  });
  return loading;
}

/** A schema with its $ref, and an allOf of one (how the document wraps a described $ref), followed. */
export function resolve(doc: Document, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...resolve(doc, allOf[0]), ...rest };
  }
  return schema;
}

/** The body schema of each event type an endpoint takes: POST /deals (a deal's first event) or its later events. */
export function eventSchemas(doc: Document, endpoint: 'start' | 'record'): Record<string, Schema> {
  const path = endpoint === 'start' ? '/deals' : '/deals/{dealId}/events';
  let body = doc.paths[path].post.requestBody!.content['application/json'].schema;
  // POST /deals: allOf [the first events, {dealId}]; the screen lets the server choose the id.
  if (body.allOf) body = body.allOf.find((part) => part.oneOf)!;
  return Object.fromEntries(Object.entries(body.discriminator!.mapping).map(([type, ref]) => [type, resolve(doc, { $ref: ref })]));
}

/** What a form holds: text by dotted path ("value.amount", "equivalents.0.currency"). */
export type Values = Record<string, string>;

/** The JSON body: filled-in values only, numbers as numbers where the schema says so, nested by path. */
export function toBody(doc: Document, schema: Schema, type: string, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = { type };
  for (const [path, text] of Object.entries(values)) {
    if (text.trim() === '') continue;
    const keys = path.split('.');
    const leaf = schemaAt(doc, schema, keys);
    if (!leaf) continue;
    let target = body as Record<string, unknown>;
    keys.slice(0, -1).forEach((key, i) => {
      const nextIsIndex = /^\d+$/.test(keys[i + 1]);
      target[key] ??= nextIsIndex ? [] : {};
      target = target[key] as Record<string, unknown>;
    });
    target[keys.at(-1)!] = leaf.type === 'number' || leaf.type === 'integer' ? Number(text) : leaf.type === 'boolean' ? text === 'true' : text.trim();
  }
  // Rows removed from a list leave holes: close them.
  for (const [key, value] of Object.entries(body)) if (Array.isArray(value)) body[key] = value.filter((v) => v !== undefined);
  return body;
}

function schemaAt(doc: Document, schema: Schema, keys: string[]): Schema | undefined {
  let current: Schema | undefined = schema;
  for (const key of keys) {
    if (!current) return undefined;
    current = resolve(doc, current);
    current = /^\d+$/.test(key) ? current.items : current.properties?.[key];
  }
  return current && resolve(doc, current);
}

export type { Document };
