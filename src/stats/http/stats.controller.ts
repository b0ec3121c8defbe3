import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CursorQuery, LimitQuery, Problems } from '../../http/openapi.js';
import type { Page } from '../../http/paging.js';
import { GetVolumeQuery, type VolumeBucket } from '../queries/get-volume.query.js';
import { BREAKDOWNS, type BreakdownItem, GetBreakdownQuery } from '../queries/get-breakdown.query.js';
import { GetPendingQuery, type PendingTotals } from '../queries/get-pending.query.js';
import { BREAKDOWN_SCHEMA, VOLUME_PAGE_SCHEMA } from './stats.openapi.js';
import { MeasureQuery, SlicingQueries } from '../../report-totals/report-queries.openapi.js';
import { type RawBreakdownParams, type RawVolumeParams, parseBreakdownParams, parseVolumeParams } from './volume.params.js';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('volume')
  @ApiOperation({
    summary: 'Deal volume per month, quarter or year: deal counts, USD totals and totals per original currency.',
    description:
      'Dates are inclusive and filter the deals, so a period cut by from or to counts only the deals inside the range. ' +
      'With both from and to, every period they touch is listed, empty ones with zeros; otherwise only periods with deals. ' +
      'The values are the deals’ current values (the final value once closed).',
  })
  @ApiQuery({
    name: 'basis',
    required: false,
    enum: ['announced', 'closed'],
    description:
      'announced (default): every announced deal by announcedOn, whatever happened later (withdrawn and terminated included; rumours never announced excluded). ' +
      'closed: closed deals by closedOn.',
  })
  @ApiQuery({ name: 'interval', required: false, enum: ['month', 'quarter', 'year'], description: 'Default month' })
  @MeasureQuery()
  @SlicingQueries()
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD, inclusive', schema: { type: 'string', format: 'date' } })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, inclusive; not before from', schema: { type: 'string', format: 'date' } })
  @LimitQuery('Periods per page, 1–200, default 50')
  @CursorQuery('nextCursor of the previous page (same basis, interval, from and to)')
  @ApiResponse({ status: 200, schema: VOLUME_PAGE_SCHEMA })
  @Problems(400, 401)
  volume(@Query() query: RawVolumeParams): Promise<Page<VolumeBucket>> {
    const { basis, interval, measure, range, slicing, limit, afterPeriodStart } = parseVolumeParams(query);
    return this.queries.execute(new GetVolumeQuery(basis, interval, measure, range, slicing, limit, afterPeriodStart));
  }

  @Get('breakdown')
  @ApiOperation({
    summary: 'Deals of a period split by target sector, target country, acquirer country or deal type: count and USD value of each.',
    description:
      'The deals counted as in the volume statistics (same basis, from, to and measure). Items with the largest valueUsd ' +
      'first (then dealCount, then key); key null for the deals whose value of the dimension is unknown (a company not ' +
      'profiled, a deal type not given). Every item sums to the unsplit volume of the range.',
  })
  @ApiQuery({ name: 'by', required: true, enum: BREAKDOWNS, description: 'The dimension to split by' })
  @ApiQuery({
    name: 'basis',
    required: false,
    enum: ['announced', 'closed'],
    description: 'announced (default): every announced deal by announcedOn. closed: closed deals by closedOn.',
  })
  @MeasureQuery()
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD, inclusive', schema: { type: 'string', format: 'date' } })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, inclusive; not before from', schema: { type: 'string', format: 'date' } })
  @ApiResponse({ status: 200, schema: BREAKDOWN_SCHEMA })
  @Problems(400, 401)
  breakdown(@Query() query: RawBreakdownParams): Promise<{ items: BreakdownItem[] }> {
    const { by, basis, measure, range } = parseBreakdownParams(query);
    return this.queries.execute(new GetBreakdownQuery(by, basis, measure, range));
  }

  @Get('pending')
  @ApiOperation({
    summary: 'The pending deals as they stand: how many, and their USD value.',
    description:
      'Every deal whose status is pending now (announced, neither closed, terminated, withdrawn nor voided), as GET ' +
      '/pipeline lists them. For the pipeline on an earlier date, GET /pipeline?asOf=.',
  })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      required: ['dealCount', 'valueUsd', 'unconvertedCount'],
      properties: {
        dealCount: { type: 'integer' },
        valueUsd: { type: 'string', description: 'Decimal string: the sum of their USD values ("0" when none has one)', example: '45000000000' },
        unconvertedCount: { type: 'integer', description: 'Pending deals with a value but no USD figure (in no valueUsd)' },
      },
    },
  })
  @Problems(400, 401)
  pending(): Promise<PendingTotals> {
    return this.queries.execute(new GetPendingQuery());
  }
}
