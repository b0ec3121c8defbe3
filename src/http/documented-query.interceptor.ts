// Every route refuses the query parameters it does not document. A misspelt filter (asof=, Limit=) or another
// route's paging parameter (cursor= on /events, which pages with after=) would otherwise be ignored without a word:
// a dashboard shows unfiltered numbers, a consumer reads page 1 for ever. The list is the one the OpenAPI document
// shows (the route's @ApiQuery decorators), so what is documented and what is accepted cannot drift apart.
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { PUBLIC_ROUTE } from '../auth/roles.js';
import { ParamErrors } from './param-errors.js';

/** Where @nestjs/swagger keeps a handler's parameters (its DECORATORS.API_PARAMETERS, not exported at the top). */
const API_PARAMETERS = 'swagger/apiParameters';

/** Letters and - _ . only, up to 40: what a parameter name (or a typo of one) looks like; keys have digits. */
const LOOKS_LIKE_A_NAME = /^[A-Za-z][A-Za-z_.-]{0,39}$/;

@Injectable()
export class DocumentedQueryInterceptor implements NestInterceptor {
  private readonly documented = new WeakMap<object, readonly string[]>();

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const handler = context.getHandler();
    // Probes and scrapers (/health, /metrics) take what their tools send.
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [handler, context.getClass()])) return next.handle();
    const known = this.queryParamsOf(handler);
    const errors = new ParamErrors();
    const takes = known.length ? `it takes ${known.join(', ')}` : 'it takes none';
    for (const name of Object.keys(context.switchToHttp().getRequest<Request>().query)) {
      if (known.includes(name)) continue;
      // A misspelt name is worth repeating; anything else may be a key pasted into the URL (?dt_…), so it is not.
      if (LOOKS_LIKE_A_NAME.test(name)) errors.add(name, `is not a parameter of this endpoint (${takes})`);
      else errors.add('query', `has a parameter this endpoint does not take, not repeated here as it may hold a secret (${takes})`);
    }
    errors.done();
    return next.handle();
  }

  private queryParamsOf(handler: object): readonly string[] {
    let known = this.documented.get(handler);
    if (!known) {
      const parameters = this.reflector.get<{ in: string; name: string }[] | undefined>(API_PARAMETERS, handler as never) ?? [];
      // Decorators apply bottom-up: reversed, the names come in the order the source lists them.
      known = parameters.filter((p) => p.in === 'query').map((p) => p.name).reverse();
      this.documented.set(handler, known);
    }
    return known;
  }
}
