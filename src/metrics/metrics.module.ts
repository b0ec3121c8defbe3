import { Global, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics.js';
import { MetricsController } from './metrics.controller.js';
import { createMetricsRegistry } from './metrics-registry.js';
import { WriteMetrics } from './write-metrics.js';

/**
 * GET /metrics and the registry behind it. Global so that writers and the feed can record into it without each
 * feature importing this module; features register their own gauges (see src/feed/feed-metrics.ts).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: Registry, useFactory: createMetricsRegistry }, WriteMetrics, HttpMetrics],
  exports: [Registry, WriteMetrics, HttpMetrics],
})
export class MetricsModule {}
