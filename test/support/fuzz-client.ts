// The fuzzer's HTTP client. Not supertest: superagent normalises what the fuzzer must send byte for byte
// (`..` and `%2e%2e` segments are resolved by WHATWG URL, a string body always gets a Content-Type, an SSE
// response never ends). node:http sends the request target and headers as given (latin1, so UTF-8 arrives as
// its raw bytes); what node:http itself refuses to send (control characters in headers, lying Content-Length)
// goes over a plain socket.
import http from 'node:http';
import net from 'node:net';

export interface FuzzRequest {
  /** Route family, for the summary: "POST /deals/{dealId}/events", "protocol", ... */
  family: string;
  method: string;
  /** The request target exactly as sent (already percent-encoded where meant to be). */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** `refuse`: the request is invalid by construction, so a 2xx is a bug. `any`: it may be valid. */
  expect: 'refuse' | 'any';
  /** What was made hostile, for failure messages. */
  why: string;
  /**
   * Send over a plain socket: header bytes node:http will not send, or a Content-Length that lies (a number: that
   * Content-Length whatever the body; null: none, the headers bring their own; absent: the body's length).
   */
  raw?: { contentLength?: number | null };
}

export interface FuzzResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** An event stream: only its head was read, then the connection was dropped. */
  streamed: boolean;
}

const TIMEOUT_MS = 30_000;

export class FuzzClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  send(request: FuzzRequest): Promise<FuzzResponse> {
    return request.raw ? this.sendRaw(request) : this.sendHttp(request, true);
  }

  close(): void {
    this.agent.destroy();
  }

  private sendHttp(request: FuzzRequest, mayRetry: boolean): Promise<FuzzResponse> {
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: this.host,
        port: this.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent: this.agent,
        timeout: TIMEOUT_MS,
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed just as it was reused: the request never arrived (Node's advice).
        if (mayRetry && req.reusedSocket && error.code === 'ECONNRESET') resolve(this.sendHttp(request, false));
        else reject(error);
      });
      req.on('response', (res) => {
        if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
          req.destroy(); // an open feed never ends: its status and type are all the fuzzer needs
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '', streamed: true });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), streamed: false }),
        );
      });
      req.end(request.body);
    });
  }

  private sendRaw(request: FuzzRequest): Promise<FuzzResponse> {
    const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
    const given = request.raw?.contentLength;
    const length = given === null ? undefined : (given ?? (body.length > 0 ? body.length : undefined));
    const lines = [
      `${request.method} ${request.path} HTTP/1.1`,
      `Host: ${this.host}:${this.port}`,
      'Connection: close',
      ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
      ...(length === undefined ? [] : [`Content-Length: ${length}`]),
    ];
    const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
    return new Promise((resolve, reject) => {
      const socket = net.connect(this.port, this.host);
      const chunks: Buffer[] = [];
      socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
      // Half-closing would make Node abort the request (http servers are not half-open), so only a body shorter
      // than its Content-Length is followed by an end: the server is told no more is coming. Otherwise the
      // server closes after its answer (Connection: close).
      const short = typeof length === 'number' && length > body.length;
      socket.on('connect', () => (short ? socket.end(Buffer.concat([head, body])) : socket.write(Buffer.concat([head, body]))));
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        const parsed = parseRawResponse(Buffer.concat(chunks));
        if (String(parsed?.response.headers['content-type'] ?? '').startsWith('text/event-stream')) {
          resolve({ ...parsed!.response, text: '', streamed: true }); // an open feed never ends
          socket.destroy();
        } else if (typeof request.raw?.contentLength === 'number' && parsed?.complete) {
          socket.destroy(); // a body shorter than its Content-Length leaves the server waiting: the head is the answer
        }
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        // The server may reset a connection it refused at the parser: what it answered before counts.
        const parsed = parseRawResponse(Buffer.concat(chunks));
        if (parsed) resolve(parsed.response);
        else reject(error);
      });
      socket.on('close', () => {
        const parsed = parseRawResponse(Buffer.concat(chunks));
        if (parsed) resolve(parsed.response);
        else reject(new Error('the server closed the connection without an HTTP answer'));
      });
    });
  }
}

/** Status, headers and (Content-Length or chunked) body of a raw HTTP/1.1 answer; null before a full head. */
export function parseRawResponse(bytes: Buffer): { response: FuzzResponse; complete: boolean } | null {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...headerLines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  // 100 Continue (an `Expect: 100-continue` was sent) is interim: the answer follows it.
  if (status >= 100 && status < 200) return parseRawResponse(bytes.subarray(end + 4));
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(end + 4);
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  const complete = length === undefined ? true : body.length >= length;
  return { response: { status, headers, text: body.toString('utf8'), streamed: false }, complete };
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
