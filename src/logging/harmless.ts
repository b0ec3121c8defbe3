// What a request log may show. An allow-list, not a deny-list: a client may put a secret anywhere (an X-Api-Key
// header, ?token=…), so only headers and query parameters known to carry nothing secret are logged with their values;
// any other is logged by name with its value redacted.

export const REDACTED = '[redacted]';

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

/** The API's own query parameters: none carries a credential. */
const HARMLESS_PARAMS = new Set([
  'acquirer', 'after', 'announcedFrom', 'announcedTo', 'asOf', 'basis', 'currency', 'cursor', 'from', 'interval',
  'knownAt', 'limit', 'maxValueUsd', 'minValueUsd', 'party', 'q', 'rank', 'sort', 'status', 'target', 'to',
]);

export function harmlessHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, HARMLESS_HEADERS.has(name.toLowerCase()) ? value : REDACTED]));
}

/** The path, and the query with the values of unknown parameters redacted (split by hand: any target may come). */
export function harmlessUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = [...new URLSearchParams(url.slice(at + 1))].map(
    ([name, value]) => `${encodeURIComponent(name)}=${HARMLESS_PARAMS.has(name) ? encodeURIComponent(value) : REDACTED}`,
  );
  return `${url.slice(0, at)}?${query.join('&')}`;
}
