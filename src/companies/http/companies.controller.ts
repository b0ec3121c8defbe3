import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CursorQuery, LimitQuery, Problems } from '../../http/openapi.js';
import { optionalNameSearch } from '../../deals/queries/list-deals.params.js';
import { ParamErrors } from '../../http/param-errors.js';
import type { Page } from '../../http/paging.js';
import { limitParam, uuidParam } from '../../http/params.js';
import { type CompanyDetail, GetCompanyQuery } from '../queries/get-company.query.js';
import { type CompanySummary, ListCompaniesQuery, companyCursor } from '../queries/list-companies.query.js';
import { COMPANY_DETAIL_SCHEMA, COMPANY_PAGE_SCHEMA } from './companies.openapi.js';


@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(private readonly queries: QueryBus) {}

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
  @ApiResponse({ status: 200, schema: COMPANY_DETAIL_SCHEMA })
  @Problems(400, 401, 404)
  get(@Param('companyId') companyIdParam: string): Promise<CompanyDetail> {
    return this.queries.execute(new GetCompanyQuery(uuidParam('companyId', companyIdParam)));
  }
}
