import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { StatsController } from './http/stats.controller.js';
import { GetBreakdownHandler } from './queries/get-breakdown.query.js';
import { GetPendingHandler } from './queries/get-pending.query.js';
import { GetVolumeHandler } from './queries/get-volume.query.js';

@Module({ imports: [CqrsModule], controllers: [StatsController], providers: [GetVolumeHandler, GetBreakdownHandler, GetPendingHandler] })
export class StatsModule {}
