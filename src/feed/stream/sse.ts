// The text/event-stream wire format (HTML Living Standard, "Server-sent events").

/**
 * One unnamed message, so EventSource's `onmessage` sees it (the event type is inside `data`); `data` is a single
 * line since JSON.stringify escapes every newline.
 */
export function sseMessage(id: string, data: unknown): string {
  return `id: ${oneLine(id)}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const sseComment = (text: string) => `: ${oneLine(text)}\n\n`;

export const sseRetry = (ms: number) => `retry: ${Math.round(ms)}\n\n`;

// A line break inside a field would end it early and corrupt the message.
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');
