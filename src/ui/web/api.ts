// The one way the screen talks to the API: the key from the session as a Bearer header (never in a URL), JSON in and
// out, and a refusal turned into the problem details the server sent.
import { readKey } from './session';

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem as the API answers it (a `code`, and field errors for a 400). */
export interface Problem {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `The server answered ${problem.status}.`);
  }
}

export interface Answer<T> {
  data: T;
  headers: Headers;
}

/** Called when the server refuses the key (401): the session is over. */
let onUnauthenticated: () => void = () => {};
export const whenUnauthenticated = (handler: () => void) => {
  onUnauthenticated = handler;
};
/** For the reads that do not go through `request` (the event stream). */
export const unauthenticated = () => onUnauthenticated();

export async function request<T>(
  path: string,
  { method = 'GET', body, headers = {}, key = readKey() }: { method?: string; body?: unknown; headers?: Record<string, string>; key?: string | null } = {},
): Promise<Answer<T>> {
  const response = await fetch(path, {
    method,
    headers: {
      Accept: 'application/json',
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? parse(text) : null;
  if (!response.ok) {
    const problem: Problem = data && typeof data === 'object' ? { status: response.status, ...(data as object) } : { status: response.status };
    if (response.status === 401 && key === readKey()) onUnauthenticated();
    throw new ApiError(problem);
  }
  return { data: data as T, headers: response.headers };
}

export const get = async <T>(path: string): Promise<T> => (await request<T>(path)).data;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

/** A query string from the values that are set, in the order given. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
