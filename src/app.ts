// Builds the application; shared by main.ts and the e2e tests so both run exactly the same set-up.
import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { configureHttp } from './http/http-setup.js';
import { PinoNestLogger, createLogger } from './logging/logger.js';

export async function createApp(config: AppConfig): Promise<INestApplication> {
  const logger = createLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    // A start-up failure (a database that cannot be migrated, say) is thrown to the caller, which reports it, instead
    // of Nest ending the process on its own.
    abortOnError: false,
  });
  configureHttp(app, { bodyLimit: config.bodyLimit, logger });
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
}

// The licence the document names, served beside it (the build copies LICENSE next to dist/src) so its link works.
const LICENSE = new URL('../LICENSE', import.meta.url);

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Deal tracker')
      .setDescription(
        'Event-sourced M&A deal tracker. Money is {amount: decimal string, currency: ISO 4217}; dates are YYYY-MM-DD as ' +
          'disclosed; errors are RFC 9457 problem details with a `code`. Every route but /health and /metrics needs `Authorization: Bearer <key>`: ' +
          'GETs the viewer role, writes the analyst role. Writes (POST) are limited per API key (WRITE_RATE_LIMIT per ' +
          'minute, per server instance); over it a write is answered 429 TOO_MANY_REQUESTS with Retry-After (seconds), ' +
          'and every limited write carries RateLimit-Limit and RateLimit-Remaining.',
      )
      .setVersion('1.1')
      .setLicense('Proprietary', '/license')
      .addServer('/', 'This server')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'An API key: an opaque secret (dt_… when the server created it), not a JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
  const license = readFileSync(LICENSE, 'utf8');
  app.getHttpAdapter().get('/license', (_req: Request, res: Response) => res.type('text/plain').send(license));
}
