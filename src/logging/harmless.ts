// What a request log may show. An allow-list, not a deny-list: a client may put a secret anywhere (an X-Api-Key
// header, ?token=…, ?q=…, a bare ?<key>), so only header values and query values known to carry nothing secret are
// logged; any other header is logged by name with its value redacted, any other parameter as [redacted]=[redacted].

export const REDACTED = '[redacted]';

/** A key this server creates (dt_ and 32 base64url characters), wherever a client put it by mistake: a path, an id. */
const ISSUED_KEY = /dt_[\w-]{20,}/g;

export const holdsIssuedKey = (text: string): boolean => text.search(ISSUED_KEY) >= 0;

export const withoutIssuedKeys = (text: string): string => text.replace(ISSUED_KEY, REDACTED);

/** A request path with each segment that holds a key, also percent-encoded (/deals/dt%5F…), shown as [redacted]. */
export function pathWithoutIssuedKeys(path: string): string {
  return path
    .split('/')
    .map((segment) => (holdsIssuedKey(segment) || holdsIssuedKey(percentDecoded(segment)) ? REDACTED : segment))
    .join('/');
}

/** Each %XX as its byte: enough to see an ASCII key, also in a segment that is not valid percent-encoding as a whole. */
const percentDecoded = (segment: string): string =>
  segment.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

const HARMLESS_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'connection',
  'content-length',
  'content-type',
  'expect',
  'host',
  'idempotency-key',
  'if-match',
  'last-event-id',
  'user-agent',
  'x-correlation-id',
  'x-request-id',
]);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WORDS = /^-?[A-Za-z_]{1,30}(,-?[A-Za-z_]{1,30}){0,9}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^\d{1,30}(\.\d{1,20})?$/;
/** Free text and opaque cursors: always redacted. */
const NEVER = /(?!)/;

/**
 * The API's own query parameters and the shape of the values logged for each: a date, a number, a status, a company
 * id. A value of another shape (a key pasted into ?status=, a search text, an opaque cursor) is redacted.
 */
const HARMLESS_VALUES: Record<string, RegExp> = {
  announcedFrom: DATE, announcedTo: DATE, closedFrom: DATE, closedTo: DATE, asOf: DATE, from: DATE, to: DATE,
  knownAt: /^[\d:T.Z+-]{1,40}$/,
  limit: /^\d{1,6}$/,
  minValueUsd: DECIMAL, maxValueUsd: DECIMAL,
  basis: WORDS, interval: WORDS, rank: WORDS, sort: WORDS, status: WORDS, dealType: WORDS, attitude: WORDS,
  measure: WORDS, role: WORDS, by: WORDS, acquirerSector: WORDS, targetSector: WORDS, crossBorder: WORDS,
  acquirerCountry: /^[A-Za-z]{2}(,[A-Za-z]{2}){0,49}$/, targetCountry: /^[A-Za-z]{2}(,[A-Za-z]{2}){0,49}$/,
  currency: /^[A-Z]{3}(,[A-Z]{3}){0,49}$/,
  acquirer: UUID, target: UUID, party: UUID, advisor: UUID,
  q: NEVER, cursor: NEVER, after: NEVER,
};

/** Harmless headers' values, but for a key of ours a client put in one (an Idempotency-Key, a User-Agent). */
export function harmlessHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, HARMLESS_HEADERS.has(name.toLowerCase()) ? withoutKeysIn(value) : REDACTED]),
  );
}

const withoutKeysIn = (value: unknown): unknown =>
  typeof value === 'string' ? withoutIssuedKeys(value) : Array.isArray(value) ? value.map(withoutKeysIn) : value;

/**
 * The path, and of the query the values known to be harmless; any other parameter is redacted, name and value (a key
 * sent as a bare ?dt_… is a name). Split by hand: any request target may come.
 */
export function harmlessUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return pathWithoutIssuedKeys(url);
  const query = [...new URLSearchParams(url.slice(at + 1))].map(([name, value]) => {
    if (!Object.hasOwn(HARMLESS_VALUES, name)) return `${REDACTED}=${REDACTED}`;
    // A value that passed its shape holds only letters, digits and - _ , . : + : nothing to escape.
    return `${name}=${HARMLESS_VALUES[name].test(value) ? value : REDACTED}`;
  });
  return `${pathWithoutIssuedKeys(url.slice(0, at))}?${query.join('&')}`;
}
