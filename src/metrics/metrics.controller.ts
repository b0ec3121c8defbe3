import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { Public } from '../auth/roles.js';

/**
 * Prometheus scrape endpoint. Public like /health (a scraper holds no API key) and left out of the OpenAPI document,
 * which describes the API, not operations; restrict it at the network edge if the counts are sensitive.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Public()
  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    const text = await this.registry.metrics();
    res.setHeader('Content-Type', this.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(text);
  }
}
