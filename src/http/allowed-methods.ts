// Which methods a path takes, from the routes the application registered: a request with another method on a known
// path is a 405 with Allow (RFC 9110), not a 404.
import type express from 'express';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** A route pattern ("/deals/:dealId/events") as a regular expression over one path. */
const patternOf = (path: string) => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}/?$`);

export class AllowedMethods {
  private routes: { pattern: RegExp; methods: string[] }[] | null = null;

  constructor(private readonly server: () => express.Express) {}

  /** The methods the path takes (HEAD with GET), or none when no route has this path. */
  of(path: string): string[] {
    this.routes ??= ((this.server() as unknown as { router: { stack: RouteLayer[] } }).router.stack ?? [])
      .flatMap((layer) => (layer.route ? [{ pattern: patternOf(layer.route.path), methods: Object.keys(layer.route.methods) }] : []));
    const methods = new Set(this.routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods.map((m) => m.toUpperCase())));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}
