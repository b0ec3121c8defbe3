// A minimal EventSource for GET /events/stream: keeps every message's eventId, in arrival order.
import { type ClientRequest, get } from 'node:http';
import { bearer } from './server-process.js';

export class SseReader {
  /** eventIds in the order the stream delivered them, repeats included. */
  readonly eventIds: string[] = [];
  ended = false;
  private buffer = '';

  private constructor(private readonly req: ClientRequest) {}

  /** Opens the stream from the start of the log; resolves once the 200 and its headers have arrived. */
  static open(baseUrl: string): Promise<SseReader> {
    return new Promise((resolve, reject) => {
      const req = get(`${baseUrl}/events/stream`, { headers: { Authorization: bearer('viewer'), Accept: 'text/event-stream' }, agent: false }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`GET /events/stream → ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => reader.take(chunk));
        res.on('end', () => (reader.ended = true));
        res.on('error', () => (reader.ended = true));
        resolve(reader);
      });
      const reader = new SseReader(req);
      req.on('error', reject);
    });
  }

  close(): void {
    this.req.destroy();
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const data = this.buffer.slice(0, end).split('\n').find((line) => line.startsWith('data:'));
      if (data) this.eventIds.push((JSON.parse(data.slice(5)) as { eventId: string }).eventId);
      this.buffer = this.buffer.slice(end + 2);
    }
  }
}
