import { Body, Controller, Get, Headers, HttpCode, Post, Query, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../../auth/api-key.guard.js';
import { RequireRole } from '../../auth/roles.js';
import { CursorQuery, IdempotencyKeyHeader, LimitQuery, Problems } from '../../http/openapi.js';
import { writeContextOf } from '../../http/write-context.js';
import type { Page } from '../../http/paging.js';
import { limitParam, optionalDate } from '../../http/params.js';
import { RequestValidationError } from '../../http/request-validation.error.js';
import { LoadFxRatesCommand, type LoadFxRatesResult } from '../commands/load-fx-rates.command.js';
import { todayUtc } from '../domain/fx-rate-rules.js';
import type { FxRate } from '../fx-stream.js';
import { ListFxRatesQuery } from '../queries/list-fx-rates.query.js';
import { FX_RATES_CSV_BODY, FX_RATES_JSON_BODY, FX_RATES_PAGE_SCHEMA, LOAD_RESULT_SCHEMA } from './fx-rates.openapi.js';
import { currenciesParam, rateCursor } from './fx-rates.params.js';
import { parseEcbCsv } from './parse-ecb-csv.js';
import { parseJsonRates } from './parse-json-rates.js';


@ApiTags('fx-rates')
@ApiBearerAuth()
@Controller('fx-rates')
export class FxRatesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Load FX reference rates (JSON or an ECB CSV). Needs the admin role.',
    description:
      'Appends one `fx_rates_loaded` event to the `fx-rates` stream and, in the same transaction, stores the rates and ' +
      're-converts valueUsd of every deal in a loaded currency that has no reported USD figure. All or nothing: any ' +
      'unreadable rate, line or cell refuses the whole request with a 400 listing them (at most 100, then a count).',
    requestBody: {
      required: true,
      content: { 'application/json': { schema: FX_RATES_JSON_BODY }, 'text/csv': { schema: FX_RATES_CSV_BODY } },
    },
  })
  @IdempotencyKeyHeader('stores')
  @ApiResponse({ status: 201, schema: LOAD_RESULT_SCHEMA })
  @Problems(400, 401, 403, 413, 415, 422, 429)
  load(@Body() body: unknown, @Headers('idempotency-key') idempotencyKey: unknown, @Req() req: AuthenticatedRequest): Promise<LoadFxRatesResult> {
    const format = bodyFormat(req.headers['content-type']);
    const today = todayUtc();
    const rates = format === 'csv' ? parseEcbCsv(body, today) : parseJsonRates(body, today);
    return this.commands.execute(new LoadFxRatesCommand(rates, format, writeContextOf(req, idempotencyKey, body)));
  }

  @Get()
  @ApiOperation({ summary: 'The loaded reference rates, ordered by currency then date.' })
  @ApiQuery({ name: 'currency', required: false, description: 'An uppercase ISO 4217 code, or a comma list of them (at most 50)', schema: { type: 'string', pattern: '^[A-Z]{3}(,[A-Z]{3})*$', example: 'GBP,EUR' } })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD: rates dated on or after it', schema: { type: 'string', format: 'date' } })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD: rates dated on or before it', schema: { type: 'string', format: 'date' } })
  @LimitQuery()
  @CursorQuery()
  @ApiResponse({ status: 200, schema: FX_RATES_PAGE_SCHEMA })
  @Problems(400, 401)
  list(
    @Query('currency') currency: unknown,
    @Query('from') from: unknown,
    @Query('to') to: unknown,
    @Query('limit') limit: unknown,
    @Query('cursor') cursor: unknown,
  ): Promise<Page<FxRate>> {
    const range = { from: optionalDate('from', from), to: optionalDate('to', to) };
    if (range.from && range.to && range.from > range.to) {
      throw new RequestValidationError([{ field: 'from', message: 'must not be after to' }]);
    }
    const filter = { currencies: currenciesParam(currency), ...range, limit: limitParam(limit), after: rateCursor(cursor) };
    return this.queries.execute(new ListFxRatesQuery(filter));
  }
}

/** text/csv is an ECB file; JSON (or no body at all, refused by the JSON reader) is the JSON form; nothing else. */
function bodyFormat(contentType: string | undefined): 'json' | 'csv' {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === '' || type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)) return 'json';
  throw new UnsupportedMediaTypeException('Send application/json {"rates": [...]} or text/csv in the ECB reference-rate layout.');
}
