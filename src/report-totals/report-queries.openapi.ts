// OpenAPI for the query parameters every report summed from the totals takes alike.
import { ApiQuery } from '@nestjs/swagger';
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
