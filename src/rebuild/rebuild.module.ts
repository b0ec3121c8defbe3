import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ProjectionRebuilder } from './projection-rebuilder.js';
import { rebuildIfStale } from './read-tables-version.js';
import { RebuildController } from './rebuild.controller.js';

/** POST /projections/rebuild, and the rebuild at start when the read tables were built by other projections. */
@Module({
  controllers: [RebuildController],
  providers: [{ provide: ProjectionRebuilder, inject: [DataSource], useFactory: (dataSource: DataSource) => new ProjectionRebuilder(dataSource) }],
})
export class RebuildModule implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Before the server listens: no request is served from read tables the running code would not have written.
  onModuleInit(): Promise<void> {
    return rebuildIfStale(this.dataSource, this.config.databaseUrl === null);
  }
}
