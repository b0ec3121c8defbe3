import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { Public } from '../auth/roles.js';
import { ProtocolProblems } from '../http/openapi.js';

/**
 * Prometheus scrape endpoint. Public like /health (a scraper holds no API key); restrict it at the network edge if
 * the counts are sensitive.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics, without a key: events appended, write conflicts, refusals, request latency, feed lag.',
    security: [],
  })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ProtocolProblems()
  async scrape(@Res() res: Response): Promise<void> {
    const text = await this.registry.metrics();
    res.setHeader('Content-Type', this.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(text);
  }
}
