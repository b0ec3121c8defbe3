import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * This application's own registry, with Node's process metrics (CPU, memory, event-loop lag, GC) in it. Never
 * prom-client's global default registry: the tests run several applications in one process, and a shared registry
 * would mix their counts and refuse the second registration of each metric name.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
