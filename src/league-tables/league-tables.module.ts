import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LeagueTablesController } from './http/league-tables.controller.js';
import { GetAcquirerTableHandler } from './queries/get-acquirer-table.query.js';

@Module({ imports: [CqrsModule], controllers: [LeagueTablesController], providers: [GetAcquirerTableHandler] })
export class LeagueTablesModule {}
