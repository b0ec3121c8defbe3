import { jest } from '@jest/globals';
import { type ArgumentsHost, Logger } from '@nestjs/common';
import { StreamVersionConflict } from '../event-store/event-store.errors.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';

/** Runs the filter on one error and returns what it sent. */
function answerTo(error: unknown): { status: number; type: string; body: Record<string, unknown> } {
  const sent = { status: 0, type: '', body: {} as Record<string, unknown> };
  const response = {
    locals: {},
    status(code: number) { sent.status = code; return this; },
    type(contentType: string) { sent.type = contentType; return this; },
    send(text: string) { sent.body = JSON.parse(text); return this; },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/deals/x/events' }), getResponse: () => response }) };
  new ProblemDetailsFilter().catch(error, host as unknown as ArgumentsHost);
  return sent;
}

describe('ProblemDetailsFilter', () => {
  it('answers a race lost on every retry with 409 WRITE_CONFLICT, not a 500', () => {
    const answer = answerTo(new StreamVersionConflict('deal-x', 3));
    expect(answer).toMatchObject({ status: 409, type: 'application/problem+json' });
    expect(answer.body).toMatchObject({ status: 409, code: 'WRITE_CONFLICT', instance: '/deals/x/events' });
  });

  it('answers an unreachable database with 503, warned in one line, and anything unknown with a 500 logged with its stack', () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      expect(answerTo(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).body.code).toBe('SERVICE_UNAVAILABLE');
      expect(warned).toHaveBeenCalledWith('The database is not reachable; retry shortly. (connect ECONNREFUSED)');
      expect(logged).not.toHaveBeenCalled();
      expect(answerTo(new Error('boom')).body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^Error: boom\n\s+at /));
    } finally {
      warned.mockRestore();
      logged.mockRestore();
    }
  });
});
