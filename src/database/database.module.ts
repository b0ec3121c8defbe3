import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { createDataSource } from './data-source.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';
import { migrate } from './migrate.js';

const EMBEDDED = Symbol('EMBEDDED_POSTGRES');

/** Opens the database (embedded unless DATABASE_URL is set), applies pending migrations, and closes it in order. */
@Global()
@Module({
  providers: [
    {
      provide: EMBEDDED,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<EmbeddedPostgres | null> => {
        if (config.databaseUrl) return null;
        const embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedTemplate);
        new Logger('Database').log(`Embedded PostgreSQL (PGlite) at ${config.dataDir}`);
        return embedded;
      },
    },
    {
      provide: DataSource,
      inject: [APP_CONFIG, EMBEDDED],
      useFactory: async (config: AppConfig, embedded: EmbeddedPostgres | null) => {
        const url = config.databaseUrl ?? embedded!.url;
        const dataSource = createDataSource({ url, embedded: embedded !== null, poolSize: config.databasePoolSize });
        await dataSource.initialize();
        await migrate(dataSource, embedded !== null);
        return dataSource;
      },
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}
