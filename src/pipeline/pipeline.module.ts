import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ListPipelineHandler } from './list-pipeline.query.js';
import { PipelineController } from './pipeline.controller.js';

@Module({ imports: [CqrsModule], controllers: [PipelineController], providers: [ListPipelineHandler] })
export class PipelineModule {}
