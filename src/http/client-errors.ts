// Requests Node's HTTP parser refuses (control characters in a header, a bad Content-Length, an unknown method,
// headers over the size limit) and `Expect` values it cannot meet never reach Express. Without these handlers Node
// answers them bare; with them they get problem details like every other refusal.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, type Problem, problem } from './problem.js';

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket));
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify(problem(417, 'EXPECTATION_FAILED', 'Only Expect: 100-continue is supported.'));
    const headers = { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body), Connection: 'close' };
    res.writeHead(417, headers).end(body);
  });
}

/** What Node's default handler does, with a problem-details body. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection cannot be answered; one already answering (headers sent) must not get a second head.
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === 'ECONNRESET' || !socket.writable || answering) {
    socket.destroy();
    return;
  }
  socket.end(rawAnswer(clientErrorProblem(error)));
}

export function clientErrorProblem(error: NodeJS.ErrnoException): Problem {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return problem(431, 'HEADERS_TOO_LARGE', 'The request headers are larger than the server accepts.');
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return problem(408, 'REQUEST_TIMEOUT', 'The request was not received in time.');
  }
  const detail = `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'}).`;
  return problem(400, 'VALIDATION_FAILED', detail, [{ field: 'request', message: detail }]);
}

function rawAnswer(body: Problem): string {
  const json = JSON.stringify(body);
  return [
    `HTTP/1.1 ${body.status} ${REASONS[body.status]}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Connection: close',
    '',
    json,
  ].join('\r\n');
}
