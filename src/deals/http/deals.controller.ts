import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
  type SchemaObject,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Page } from '../../http/paging.js';
import type { AuthenticatedRequest } from '../../auth/api-key.guard.js';
import { writeContextOf } from '../../http/write-context.js';
import { ifMatchHeader, limitParam, optionalDate, optionalTimestamp, uuidParam } from '../../http/params.js';
import { RequestValidationError } from '../../http/request-validation.error.js';
import { ATTITUDES, DEAL_TYPES } from '../domain/deal.events.js';
import { SECTORS } from '../domain/company.js';
import { RecordDealEventCommand } from '../commands/record-deal-event.command.js';
import { StartDealCommand } from '../commands/start-deal.command.js';
import type { WriteResult } from '../commands/write-context.js';
import type { DealView } from '../projections/deal-view.js';
import { GetDealEventsQuery, type TimelinePage } from '../queries/get-deal-events.query.js';
import { GetDealQuery } from '../queries/get-deal.query.js';
import { PossibleDuplicatesQuery } from '../queries/possible-duplicates.query.js';
import { DEAL_SORTS, parseDealListParams } from '../queries/list-deals.params.js';
import { ListDealsQuery } from '../queries/list-deals.query.js';
import { DEAL_EVENT_DTO_LIST, FIRST_EVENT_EXAMPLES, FIRST_EVENT_TYPES, LATER_EVENT_EXAMPLES, LATER_EVENT_TYPES, dealEventBodySchema } from './dto/deal-event.openapi.js';
import { parseDealEventBody } from './dto/parse-deal-event.js';
import { CursorQuery, IdempotencyKeyHeader, LimitQuery, Problems } from '../../http/openapi.js';
import { CREATED_SCHEMA, DEAL_VIEW_SCHEMA, TIMELINE_SCHEMA, WRITE_RESULT_SCHEMA } from './deals.openapi.js';


const DEAL_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { items: { type: 'array', items: DEAL_VIEW_SCHEMA }, nextCursor: { type: 'string', nullable: true } },
};

/** An optional text query parameter of GET /deals. */
const textParam = (name: string, description: string, schema: SchemaObject = {}) => ({
  name,
  required: false,
  description,
  schema: { type: 'string' as const, ...schema },
});

@ApiTags('deals')
@ApiBearerAuth()
@ApiExtraModels(...DEAL_EVENT_DTO_LIST)
@Controller('deals')
export class DealsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a deal from its first event (rumored or announced). Needs the analyst role.' })
  @ApiBody({ schema: dealEventBodySchema(FIRST_EVENT_TYPES, { withDealId: true }), examples: FIRST_EVENT_EXAMPLES })
  @ApiResponse({ status: 201, schema: CREATED_SCHEMA, description: 'Created; Location and ETag headers set' })
  @IdempotencyKeyHeader('appends')
  @Problems(400, 401, 403, 409, 413, 415, 422, 429)
  async create(
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult & { possibleDuplicates: string[] }> {
    const { dealId = randomUUID(), event } = parseDealEventBody(body, { allowDealId: true });
    const context = writeContextOf(req, idempotencyKey, body);
    const result = await this.commands.execute(new StartDealCommand(dealId, event, context));
    // Asked after the write (a retry too): the deals entered since may be the duplicates.
    const possibleDuplicates = await this.queries.execute(new PossibleDuplicatesQuery(result.dealId));
    return { ...created(res, result), possibleDuplicates };
  }

  @Post(':dealId/events')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record an event of an existing deal. Needs the analyst role.' })
  @ApiParam({ name: 'dealId', format: 'uuid' })
  @ApiBody({ schema: dealEventBodySchema(LATER_EVENT_TYPES), examples: LATER_EVENT_EXAMPLES })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The deal\'s ETag as it came (e.g. "3"), or * for any version: 412 when the deal has moved on. Compared strongly: a weak ' +
      'tag (W/"3") or one no version has ("03") is a 412; anything but one quoted tag or * is a 400. The 412\'s detail names ' +
      'the version the deal is at, or "N or later" when answered from the version this server last wrote (another server may have written since).',
    schema: { type: 'string', example: '"3"' },
  })
  @IdempotencyKeyHeader('appends')
  @ApiResponse({ status: 201, schema: WRITE_RESULT_SCHEMA })
  @Problems(400, 401, 403, 404, 409, 412, 413, 415, 422, 429)
  async record(
    @Param('dealId') dealIdParam: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Headers('if-match') ifMatch: unknown,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    const dealId = uuidParam('dealId', dealIdParam);
    const { event } = parseDealEventBody(body, { allowDealId: false });
    const context = { ...writeContextOf(req, idempotencyKey, body), ifMatch: ifMatchHeader(ifMatch) };
    const result = await this.commands.execute(new RecordDealEventCommand(dealId, event, context));
    return created(res, result);
  }

  @Get()
  @ApiOperation({
    summary: 'Deals, filtered and sorted, as full deal views (keyset-paged).',
    description:
      'Filters combine with AND. A company filter takes a company id (UUID) or a name; a name matches every company seen ' +
      'under the same normalised name (case, accents, punctuation and spacing ignored). Deals without an announcement ' +
      'are left out by announcedFrom/announcedTo, deals not closed by closedFrom/closedTo, deals without a USD value by ' +
      'minValueUsd/maxValueUsd, deals whose type or attitude is unknown by dealType/attitude, deals whose parties\' ' +
      'countries or sectors are unknown by the country, sector and crossBorder filters. Rows with a NULL ' +
      'sort key (no announcement, no USD value) come last in both directions; ties are broken by dealId in the same ' +
      'direction. Unknown parameters are refused (a misspelt filter would otherwise widen the result).',
  })
  @ApiQuery(textParam('status', 'Comma list of rumored, pending, closed, terminated, withdrawn', { example: 'pending,closed' }))
  @ApiQuery(textParam('acquirer', 'Company id or name of the acquirer'))
  @ApiQuery(textParam('target', 'Company id or name of the target'))
  @ApiQuery(textParam('party', 'Company id or name on either side: acquirer, target or seller'))
  @ApiQuery(textParam('announcedFrom', 'Inclusive', { format: 'date' }))
  @ApiQuery(textParam('announcedTo', 'Inclusive; not before announcedFrom', { format: 'date' }))
  @ApiQuery(textParam('closedFrom', 'Inclusive, on closedOn (so only closed deals)', { format: 'date' }))
  @ApiQuery(textParam('closedTo', 'Inclusive; not before closedFrom', { format: 'date' }))
  @ApiQuery(textParam('dealType', `Comma list of ${DEAL_TYPES.join(', ')}`, { example: 'acquisition,merger' }))
  @ApiQuery(textParam('attitude', `Comma list of ${ATTITUDES.join(', ')}`, { example: 'hostile,unsolicited' }))
  @ApiQuery(textParam('acquirerCountry', "Comma list of ISO 3166-1 alpha-2 codes (any case): the acquirer's country as profiled", { example: 'US,GB' }))
  @ApiQuery(textParam('targetCountry', "Comma list of ISO 3166-1 alpha-2 codes (any case): the target's country as profiled", { example: 'DE' }))
  @ApiQuery(textParam('acquirerSector', `Comma list of ${SECTORS.join(', ')}: the acquirer's sector as profiled`))
  @ApiQuery(textParam('targetSector', `Comma list of ${SECTORS.join(', ')}: the target's sector as profiled`, { example: 'health_care' }))
  @ApiQuery(textParam('crossBorder', 'true: acquirer and target countries known and different; false: known and the same', { enum: ['true', 'false'] }))
  @ApiQuery(textParam('advisor', 'Company id or name of an advisor of the deal (any side, any role)'))
  @ApiQuery(textParam('minValueUsd', 'Positive decimal, inclusive, compared with valueUsd', { example: '1000000000' }))
  @ApiQuery(textParam('maxValueUsd', 'Positive decimal, inclusive; not below minValueUsd', { example: '50000000000' }))
  @ApiQuery(textParam('q', 'Case-insensitive substring of a party name (acquirer, target, seller, or any name they were seen under)'))
  @ApiQuery({ name: 'sort', required: false, enum: DEAL_SORTS, description: 'Default -announcedOn' })
  @LimitQuery()
  @ApiQuery(textParam('cursor', 'nextCursor of the previous page (valid for the same sort only)'))
  @ApiResponse({ status: 200, schema: DEAL_PAGE_SCHEMA })
  @Problems(400, 401)
  list(@Query() query: Record<string, unknown>): Promise<Page<DealView>> {
    return this.queries.execute(new ListDealsQuery(parseDealListParams(query)));
  }

  @Get(':dealId')
  @ApiOperation({ summary: 'The deal view, now or as of a business date and/or a recorded time.' })
  @ApiParam({ name: 'dealId', format: 'uuid' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD: only events that occurred on or before it (retractions always apply)', schema: { type: 'string', format: 'date' } })
  @ApiQuery({ name: 'knownAt', required: false, description: 'ISO 8601 timestamp: only events recorded at or before it', schema: { type: 'string', format: 'date-time' } })
  @ApiResponse({ status: 200, schema: DEAL_VIEW_SCHEMA })
  @Problems(400, 401, 404)
  async get(
    @Param('dealId') dealIdParam: string,
    @Query('asOf') asOf: unknown,
    @Query('knownAt') knownAt: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DealView> {
    const dealId = uuidParam('dealId', dealIdParam);
    const at = { asOf: optionalDate('asOf', asOf), knownAt: optionalTimestamp('knownAt', knownAt) };
    const view = await this.queries.execute(new GetDealQuery(dealId, at));
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Get(':dealId/events')
  @ApiOperation({ summary: "The deal's events in recorded order, retracted ones flagged." })
  @ApiParam({ name: 'dealId', format: 'uuid' })
  @LimitQuery()
  @CursorQuery()
  @ApiResponse({ status: 200, schema: TIMELINE_SCHEMA })
  @Problems(400, 401, 404)
  events(
    @Param('dealId') dealIdParam: string,
    @Query('limit') limit: unknown,
    @Query('cursor') cursor: unknown,
  ): Promise<TimelinePage> {
    const dealId = uuidParam('dealId', dealIdParam);
    return this.queries.execute(new GetDealEventsQuery(dealId, limitParam(limit), versionCursor(cursor)));
  }
}

function created(res: Response, result: WriteResult): WriteResult {
  res.setHeader('Location', `/deals/${result.dealId}`);
  res.setHeader('ETag', `"${result.version}"`);
  return result;
}

function versionCursor(cursor: unknown): number {
  if (cursor === undefined) return 0;
  const decoded = typeof cursor === 'string' ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  // Only the text issued (a version, base64url): base64 decoding forgives padding and stray characters, "02" is no version.
  if (!/^[1-9]\d{0,8}$/.test(decoded) || Buffer.from(decoded).toString('base64url') !== cursor) {
    throw new RequestValidationError([{ field: 'cursor', message: 'is not a cursor this server issued' }]);
  }
  return Number.parseInt(decoded, 10);
}
