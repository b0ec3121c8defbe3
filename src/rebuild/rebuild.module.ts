import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createRebuilder } from './create-rebuilder.js';
import { ProjectionRebuilder } from './projection-rebuilder.js';
import { RebuildController } from './rebuild.controller.js';

@Module({
  controllers: [RebuildController],
  providers: [{ provide: ProjectionRebuilder, inject: [DataSource], useFactory: (dataSource: DataSource) => createRebuilder(dataSource) }],
})
export class RebuildModule {}
