import { applyDecorators, Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ADVISOR_ROLES } from '../../deals/domain/deal.events.js';
import { CursorQuery, LimitQuery, Problems } from '../../http/openapi.js';
import type { Page } from '../../http/paging.js';
import { MeasureQuery, SlicingQueries } from '../../report-totals/report-queries.openapi.js';
import { GetLeagueTableQuery, type LeagueRow } from '../queries/get-league-table.query.js';
import { type RawAdvisorTableParams, type RawLeagueTableParams, parseAdvisorTableParams, parseLeagueTableParams } from './league-table.params.js';
import { LEAGUE_TABLE_SCHEMA } from './league-tables.openapi.js';

/** The query parameters and responses both tables share. */
const LeagueTableQueries = () =>
  applyDecorators(
    ApiQuery({
      name: 'basis',
      required: false,
      enum: ['announced', 'closed'],
      description:
        'announced (default): announced deals by announcedOn, except withdrawn and terminated ones (rumours never announced excluded). ' +
        'closed: closed deals by closedOn.',
    }),
    ApiQuery({
      name: 'rank',
      required: false,
      enum: ['value', 'count'],
      description:
        'value (default): valueUsd desc, then dealCount desc, then name. count: dealCount desc, then valueUsd desc, then name. ' +
        'Names compare case-insensitively in code-point order.',
    }),
    MeasureQuery(),
    SlicingQueries(),
    ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD, inclusive; open-ended when absent', schema: { type: 'string', format: 'date' } }),
    ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, inclusive; not before from; open-ended when absent', schema: { type: 'string', format: 'date' } }),
    LimitQuery(),
    CursorQuery(),
    ApiResponse({ status: 200, schema: LEAGUE_TABLE_SCHEMA }),
    Problems(400, 401),
  );

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
  @LeagueTableQueries()
  acquirers(@Query() query: RawLeagueTableParams): Promise<Page<LeagueRow>> {
    const { basis, ranking, measure, range, slicing, limit, afterPosition } = parseLeagueTableParams(query);
    return this.queries.execute(new GetLeagueTableQuery('acquirer', basis, ranking, measure, range, slicing, limit, afterPosition));
  }

  @Get('advisors')
  @ApiOperation({
    summary: 'Financial or legal advisors ranked by the USD value or the number of the deals they advised.',
    description:
      'Every advisor of the role gets full credit for each deal it advised (from advisor_retained events), once per deal ' +
      'whatever the number of sides it advised. Deals are included as in the acquirer table.',
  })
  @ApiQuery({ name: 'role', required: false, enum: ADVISOR_ROLES, description: 'financial (default) or legal' })
  @LeagueTableQueries()
  advisors(@Query() query: RawAdvisorTableParams): Promise<Page<LeagueRow>> {
    const { role, basis, ranking, measure, range, slicing, limit, afterPosition } = parseAdvisorTableParams(query);
    return this.queries.execute(new GetLeagueTableQuery(role, basis, ranking, measure, range, slicing, limit, afterPosition));
  }
}
