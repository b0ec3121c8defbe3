import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';
import { methodLabel, routeLabel } from './route-label.js';
import { type ConflictKind, WriteMetrics } from './write-metrics.js';

/** Refusal codes that are write conflicts, counted in both metrics. */
const CONFLICT_OF_CODE: Record<string, ConflictKind> = {
  VERSION_MISMATCH: 'version_mismatch',
  DEAL_EXISTS: 'deal_exists',
  INVALID_TRANSITION: 'invalid_transition',
};

/** Request latency and problem-details responses, recorded by one Express middleware when each response ends. */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;
  private readonly refusals: Counter<'status' | 'code'>;

  constructor(
    registry: Registry,
    private readonly writes: WriteMetrics,
  ) {
    this.duration = new Histogram({
      name: 'deal_tracker_http_request_duration_seconds',
      help: 'HTTP request duration until the response ended, by method, route template and status (an event stream counts its whole life).',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.refusals = new Counter({
      name: 'deal_tracker_refusals_total',
      help: 'Problem-details responses (4xx and 5xx), by status and problem code.',
      labelNames: ['status', 'code'],
      registers: [registry],
    });
  }

  /**
   * Installed before the body parsers, so requests refused before routing (413, malformed JSON) are counted too.
   * `close` fires once per response, whether it finished or the client went away (an event stream ends that way).
   */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const end = this.duration.startTimer();
    res.once('close', () => {
      end({ method: methodLabel(req), route: routeLabel(req), status: String(res.statusCode) });
      this.countRefusal(res);
    });
    next();
  };

  private countRefusal(res: Response): void {
    // Stamped by sendProblem (src/http/problem-details.filter.ts), the one way a problem response is sent.
    const code: unknown = res.locals.problemCode;
    if (typeof code !== 'string') return;
    this.refusals.inc({ status: String(res.statusCode), code });
    const conflict = CONFLICT_OF_CODE[code];
    if (conflict) this.writes.conflict(conflict);
  }
}
