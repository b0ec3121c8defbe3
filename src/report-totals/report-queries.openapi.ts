// OpenAPI for the query parameters every report summed from the totals takes alike.
import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { SECTORS } from '../deals/domain/company.js';
import { MEASURES } from './totals-segments.js';

export const MeasureQuery = () =>
  ApiQuery({
    name: 'measure',
    required: false,
    enum: MEASURES,
    description:
      'What valueUsd sums. value (default): each deal’s value in USD (the final value once closed). rankValue: each ' +
      'deal’s rankValueUsd, its enterprise value in USD when it has one, else its value in USD. unconvertedCount ' +
      'counts the deals with an amount of that measure but no USD figure for it.',
  });

const ALONE =
  'One of targetCountry, targetSector, acquirerCountry and crossBorder is read from pre-aggregated totals; several at ' +
  'once are summed from the deals themselves (slower on large ranges).';

/** The filters on the deals' parties, as profiled (PATCH /companies/{id}); a deal whose fact is unknown is left out. */
export const SlicingQueries = () =>
  applyDecorators(
    ApiQuery({
      name: 'targetCountry',
      required: false,
      schema: { type: 'string', example: 'US,GB' },
      description: `Comma list of ISO 3166-1 alpha-2 codes (any case): deals whose target is in one of them. ${ALONE}`,
    }),
    ApiQuery({ name: 'targetSector', required: false, schema: { type: 'string', example: 'health_care' }, description: `Comma list of ${SECTORS.join(', ')}` }),
    ApiQuery({ name: 'acquirerCountry', required: false, schema: { type: 'string', example: 'US' }, description: 'Comma list of ISO 3166-1 alpha-2 codes (any case)' }),
    ApiQuery({
      name: 'crossBorder',
      required: false,
      schema: { type: 'string', enum: ['true', 'false'] },
      description: 'true: acquirer and target countries both known and different; false: both known and the same',
    }),
  );
