import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LeagueTablesController } from './http/league-tables.controller.js';
import { GetLeagueTableHandler } from './queries/get-league-table.query.js';

@Module({ imports: [CqrsModule], controllers: [LeagueTablesController], providers: [GetLeagueTableHandler] })
export class LeagueTablesModule {}
