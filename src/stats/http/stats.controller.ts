import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CursorQuery, LimitQuery, Problems } from '../../http/openapi.js';
import type { Page } from '../../http/paging.js';
import { GetVolumeQuery, type VolumeBucket } from '../queries/get-volume.query.js';
import { VOLUME_PAGE_SCHEMA } from './stats.openapi.js';
import { MeasureQuery } from '../../report-totals/report-queries.openapi.js';
import { type RawVolumeParams, parseVolumeParams } from './volume.params.js';


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
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD, inclusive', schema: { type: 'string', format: 'date' } })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, inclusive; not before from', schema: { type: 'string', format: 'date' } })
  @LimitQuery('Periods per page, 1–200, default 50')
  @CursorQuery('nextCursor of the previous page (same basis, interval, from and to)')
  @ApiResponse({ status: 200, schema: VOLUME_PAGE_SCHEMA })
  @Problems(400, 401)
  volume(@Query() query: RawVolumeParams): Promise<Page<VolumeBucket>> {
    const { basis, interval, measure, range, limit, afterPeriodStart } = parseVolumeParams(query);
    return this.queries.execute(new GetVolumeQuery(basis, interval, measure, range, limit, afterPeriodStart));
  }
}
