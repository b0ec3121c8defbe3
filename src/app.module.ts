import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from './auth/auth.module.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { CompaniesModule } from './companies/companies.module.js';
import { DealsModule } from './deals/deals.module.js';
import { FeedModule } from './feed/feed.module.js';
import { FxModule } from './fx/fx.module.js';
import { LeagueTablesModule } from './league-tables/league-tables.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { PipelineModule } from './pipeline/pipeline.module.js';
import { RebuildModule } from './rebuild/rebuild.module.js';
import { StatsModule } from './stats/stats.module.js';
import { UiModule } from './ui/ui.module.js';
import { HealthController } from './health/health.controller.js';
import { DocumentedQueryInterceptor } from './http/documented-query.interceptor.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        AuthModule,
        DealsModule,
        CompaniesModule,
        LeagueTablesModule,
        StatsModule,
        PipelineModule,
        FxModule,
        FeedModule,
        RebuildModule,
        MetricsModule,
        UiModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: DocumentedQueryInterceptor },
      ],
    };
  }
}
