import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CursorQuery, LimitQuery, Problems } from '../../http/openapi.js';
import type { Page } from '../../http/paging.js';
import { type AcquirerRow, GetAcquirerTableQuery } from '../queries/get-acquirer-table.query.js';
import { type RawAcquirerTableParams, parseAcquirerTableParams } from './acquirer-table.params.js';
import { ACQUIRER_TABLE_SCHEMA } from './league-tables.openapi.js';
import { MeasureQuery } from '../../report-totals/report-queries.openapi.js';


@ApiTags('league-tables')
@ApiBearerAuth()
@Controller('league-tables')
export class LeagueTablesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('acquirers')
  @ApiOperation({
    summary: 'Acquirers ranked by the USD value or the number of their deals.',
    description:
      'Only a deal’s acquirer is credited, never a competing bidder. Values are the deals’ current USD values (the final value once closed).',
  })
  @ApiQuery({
    name: 'basis',
    required: false,
    enum: ['announced', 'closed'],
    description:
      'announced (default): announced deals by announcedOn, except withdrawn and terminated ones (rumours never announced excluded). ' +
      'closed: closed deals by closedOn.',
  })
  @ApiQuery({
    name: 'rank',
    required: false,
    enum: ['value', 'count'],
    description:
      'value (default): valueUsd desc, then dealCount desc, then name. count: dealCount desc, then valueUsd desc, then name. ' +
      'Names compare case-insensitively in code-point order.',
  })
  @MeasureQuery()
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD, inclusive; open-ended when absent', schema: { type: 'string', format: 'date' } })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, inclusive; not before from; open-ended when absent', schema: { type: 'string', format: 'date' } })
  @LimitQuery()
  @CursorQuery()
  @ApiResponse({ status: 200, schema: ACQUIRER_TABLE_SCHEMA })
  @Problems(400, 401)
  acquirers(@Query() query: RawAcquirerTableParams): Promise<Page<AcquirerRow>> {
    const { basis, ranking, measure, range, limit, afterPosition } = parseAcquirerTableParams(query);
    return this.queries.execute(new GetAcquirerTableQuery(basis, ranking, measure, range, limit, afterPosition));
  }
}
