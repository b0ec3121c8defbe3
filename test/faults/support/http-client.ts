// One HTTP call, bounded in time, that tells "the server answered" apart from "no answer": a write whose
// response never arrived is not acknowledged, however far it got on the server.
export type Outcome =
  | { kind: 'answer'; status: number; body: any; contentType: string; at: number; ms: number }
  | { kind: 'no-answer'; reason: string; at: number; ms: number }
  | { kind: 'timeout'; at: number; ms: number };

export const REQUEST_TIMEOUT_MS = 5_000;

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Outcome> {
  const started = Date.now();
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    return { kind: 'answer', status: res.status, body: parse(text), contentType, at: Date.now(), ms: Date.now() - started };
  } catch (error) {
    const at = Date.now();
    if ((error as Error)?.name === 'TimeoutError') return { kind: 'timeout', at, ms: at - started };
    return { kind: 'no-answer', reason: reasonOf(error), at, ms: at - started };
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
