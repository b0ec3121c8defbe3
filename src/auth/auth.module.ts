import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeysService } from './api-keys.service.js';
import { MeController } from './me.controller.js';
import { WriteRateLimitInterceptor } from './write-rate-limit.interceptor.js';

@Module({
  controllers: [MeController],
  providers: [
    ApiKeysService,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_INTERCEPTOR, useClass: WriteRateLimitInterceptor },
  ],
  exports: [ApiKeysService],
})
export class AuthModule {}
