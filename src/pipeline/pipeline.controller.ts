import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { DEAL_VIEW_SCHEMA } from '../deals/http/deals.openapi.js';
import { CursorQuery, LimitQuery, Problems } from '../http/openapi.js';
import { ParamErrors } from '../http/param-errors.js';
import type { Page } from '../http/paging.js';
import { limitParam, optionalDate } from '../http/params.js';
import { ListPipelineQuery, type PipelineItem, pipelineCursor } from './list-pipeline.query.js';


const PIPELINE_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        allOf: [
          DEAL_VIEW_SCHEMA,
          {
            type: 'object',
            properties: {
              daysOutstanding: { type: 'integer', description: 'Whole days from announcedOn to today (UTC calendar date), or to asOf' },
            },
          },
        ],
      },
    },
    nextCursor: { type: 'string', nullable: true },
  },
};

@ApiTags('pipeline')
@ApiBearerAuth()
@Controller('pipeline')
export class PipelineController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Pending deals, oldest announcement first, each with daysOutstanding; or those pending at the end of a past day.',
    description:
      'Ties on announcedOn are ordered by dealId. With asOf, the deals pending at the end of that day (announced by then, ' +
      'neither closed, terminated nor withdrawn by then; never a voided deal), each as it stood that day (as GET ' +
      '/deals/{dealId}?asOf= answers it), daysOutstanding counted to asOf. Other parameters are refused.',
  })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'YYYY-MM-DD, not after today (UTC): the pipeline at the end of that day',
    schema: { type: 'string', format: 'date' },
  })
  @LimitQuery()
  @CursorQuery()
  @ApiResponse({ status: 200, schema: PIPELINE_PAGE_SCHEMA })
  @Problems(400, 401)
  list(@Query() query: Record<string, unknown>): Promise<Page<PipelineItem>> {
    const errors = new ParamErrors();
    const limit = errors.collect(() => limitParam(query.limit));
    const after = errors.collect(() => pipelineCursor(query.cursor));
    const asOf = errors.collect(() => optionalDate('asOf', query.asOf));
    errors.done();
    return this.queries.execute(new ListPipelineQuery(limit!, after, asOf));
  }
}
