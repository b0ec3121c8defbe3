import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../../auth/roles.js';
import type { AuthenticatedRequest } from '../../auth/api-key.guard.js';
import { parseJsonBody } from '../../deals/http/dto/parse-deal-event.js';
import { writeContextOf } from '../../http/write-context.js';
import { IdempotencyKeyHeader } from '../../http/openapi.js';
import { CompanyWriter } from '../commands/company-writer.js';
import { type CompanyFacts, FACT_NAMES, decideMerge, decideProfile } from '../../deals/domain/company.js';
import { RequestValidationError } from '../../http/request-validation.error.js';
import { CompanyMergeBody, CompanyProfileBody } from './company-bodies.js';
import { CursorQuery, LimitQuery, Problems } from '../../http/openapi.js';
import { optionalNameSearch } from '../../deals/queries/list-deals.params.js';
import { ParamErrors } from '../../http/param-errors.js';
import type { Page } from '../../http/paging.js';
import { ifMatchHeader, limitParam, uuidParam } from '../../http/params.js';
import { type CompanyDetail, CompanyMoved, GetCompanyQuery } from '../queries/get-company.query.js';
import { type CompanySummary, ListCompaniesQuery, companyCursor } from '../queries/list-companies.query.js';
import { COMPANY_DETAIL_SCHEMA, COMPANY_PAGE_SCHEMA } from './companies.openapi.js';


@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly writer: CompanyWriter,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Companies seen as a party of a deal, with the names they were seen under and their deal counts.',
    description:
      'Ordered by the latest name, compared case- and accent-insensitively (then byte-wise, then by companyId); ' +
      'keyset-paged. Only q, limit and cursor are accepted; other parameters are refused.',
  })
  @ApiQuery({
    name: 'q',
    required: false,
    schema: { type: 'string', maxLength: 200 },
    description: 'Substring of any name the company was seen under; case, accents and punctuation ignored. 1–200 characters',
  })
  @LimitQuery()
  @CursorQuery()
  @ApiResponse({ status: 200, schema: COMPANY_PAGE_SCHEMA })
  @Problems(400, 401)
  list(@Query() query: Record<string, unknown>): Promise<Page<CompanySummary>> {
    const errors = new ParamErrors();
    const q = optionalNameSearch('q', query.q, errors);
    const limit = errors.collect(() => limitParam(query.limit));
    const after = errors.collect(() => companyCursor(query.cursor));
    errors.done();
    return this.queries.execute(new ListCompaniesQuery(q, limit!, after));
  }

  @Get(':companyId')
  @ApiOperation({
    summary: "A company's names and its deals by role (acquirer, target, seller), with counts and USD totals.",
    description:
      'Every deal of each role is listed and counted whatever its status; valueUsd totals add the deals that have a ' +
      'USD value (terminated and withdrawn ones included: see dealCountByStatus to tell them apart). Competing bids ' +
      'are not deals of the bidder.',
  })
  @ApiParam({ name: 'companyId', format: 'uuid' })
  @ApiResponse({ status: 200, schema: COMPANY_DETAIL_SCHEMA, description: 'ETag: the company version' })
  @ApiResponse({ status: 301, description: 'The company was merged into another: Location names it' })
  @Problems(400, 401, 404)
  async get(@Param('companyId') companyIdParam: string, @Res({ passthrough: true }) res: Response): Promise<CompanyDetail | { mergedInto: string }> {
    try {
      return this.withETag(res, await this.queries.execute(new GetCompanyQuery(uuidParam('companyId', companyIdParam))));
    } catch (error) {
      if (!(error instanceof CompanyMoved)) throw error;
      res.status(301).setHeader('Location', `/companies/${error.into}`);
      return { mergedInto: error.into };
    }
  }

  @Patch(':companyId')
  @ApiOperation({
    summary: "Record a company's facts (country, sector, NAICS, listing, ticker, LEI, display name). Needs the analyst role.",
    description:
      'Appends a company_profiled event to the company\'s stream and answers the company. A fact left out stays as it is; ' +
      'null clears it. Every deal view, league table and statistic the company is in follows at once. A company merged ' +
      'into another is profiled through that one (422).',
  })
  @ApiParam({ name: 'companyId', format: 'uuid' })
  @ApiBody({ type: CompanyProfileBody })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The company\'s ETag as it came (its version, e.g. "2"), or *: 412 when it has moved on', schema: { type: 'string', example: '"0"' } })
  @IdempotencyKeyHeader('appends')
  @ApiResponse({ status: 200, schema: COMPANY_DETAIL_SCHEMA })
  @Problems(400, 401, 403, 404, 412, 413, 415, 422, 429)
  async profile(
    @Param('companyId') companyIdParam: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Headers('if-match') ifMatch: unknown,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CompanyDetail> {
    const companyId = uuidParam('companyId', companyIdParam);
    const changes = parseJsonBody(CompanyProfileBody, body) as Partial<CompanyFacts>;
    if (Object.keys(changes).length === 0) {
      throw new RequestValidationError([{ field: 'body', message: `set or clear (null) at least one of ${FACT_NAMES.join(', ')}` }]);
    }
    const context = { ...writeContextOf(req, idempotencyKey, body), ifMatch: ifMatchHeader(ifMatch) };
    await this.writer.write(companyId, context, async (state) => decideProfile(state, changes));
    return this.withETag(res, await this.queries.execute(new GetCompanyQuery(companyId)));
  }

  @Post(':companyId/merge')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Record that two companies were one. Needs the admin role.',
    description:
      'Appends company_merged to the merged company\'s stream: from then on its names resolve to `into`, its deals count ' +
      'for `into` in every view, league table, statistic and profile (re-credited in the same transaction), and GET ' +
      '/companies/{companyId} answers 301 to `into`. Answers the company merged into. Merging a company into itself, ' +
      'into one merged away, or one already merged is 422.',
  })
  @ApiParam({ name: 'companyId', format: 'uuid', description: 'The company merged away' })
  @ApiBody({ type: CompanyMergeBody })
  @IdempotencyKeyHeader('appends')
  @ApiResponse({ status: 200, schema: COMPANY_DETAIL_SCHEMA })
  @Problems(400, 401, 403, 404, 413, 415, 422, 429)
  async merge(
    @Param('companyId') companyIdParam: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CompanyDetail> {
    const companyId = uuidParam('companyId', companyIdParam);
    const { into, reason } = parseJsonBody(CompanyMergeBody, body) as { into: string; reason: string };
    const context = writeContextOf(req, idempotencyKey, body);
    await this.writer.write(companyId, context, async (state) => decideMerge(state, await this.writer.load(into, 'into'), reason));
    return this.withETag(res, await this.queries.execute(new GetCompanyQuery(into)));
  }

  private withETag(res: Response, company: CompanyDetail): CompanyDetail {
    res.setHeader('ETag', `"${company.version}"`);
    return company;
  }
}
