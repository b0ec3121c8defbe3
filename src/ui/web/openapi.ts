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

export type { Document };
