import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AuthenticatedRequest } from './api-key.guard.js';
import { TokenBuckets } from './token-buckets.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MINUTE_MS = 60_000;

/**
 * Writes per API key per minute (WRITE_RATE_LIMIT; 0 turns it off), counted in this instance's memory. An
 * interceptor runs after the guards, so only authenticated, authorised writes count, and before the handler, so
 * a refused write appends nothing. Reads are never limited.
 */
@Injectable()
export class WriteRateLimitInterceptor implements NestInterceptor {
  private readonly buckets: TokenBuckets | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const limit = config.writeRateLimitPerMinute;
    this.buckets = limit > 0 ? new TokenBuckets(limit, MINUTE_MS) : null;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.buckets || context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    // No identity: a public route (the guard let it through without a key).
    if (READ_METHODS.has(request.method) || !request.apiKey) return next.handle();
    const decision = this.buckets.take(request.apiKey.name);
    const response = http.getResponse<Response>();
    response.setHeader('RateLimit-Limit', String(this.buckets.limit));
    response.setHeader('RateLimit-Remaining', String(decision.remaining));
    if (!decision.allowed) {
      response.setHeader('Retry-After', String(decision.retryAfterSeconds));
      throw new HttpException(
        `The key "${request.apiKey.name}" may make ${this.buckets.limit} writes per minute; retry in ${decision.retryAfterSeconds} s.`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return next.handle();
  }
}
