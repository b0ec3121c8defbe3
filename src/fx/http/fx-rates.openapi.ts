// OpenAPI shapes of the FX routes (the JSON body is validated by parse-json-rates.ts, the CSV by parse-ecb-csv.ts).
import type { SchemaObject } from '@nestjs/swagger';
import { MAX_RATES_PER_LOAD, RATE_PATTERN } from '../domain/fx-rate-rules.js';

const date: SchemaObject = { type: 'string', format: 'date', example: '2018-05-08' };

const RATE: SchemaObject = {
  type: 'object',
  required: ['date', 'currency', 'usd'],
  additionalProperties: false,
  properties: {
    date: { ...date, description: 'A real calendar date, not after today (UTC)' },
    currency: {
      type: 'string',
      pattern: '^[A-Z]{3}$',
      example: 'GBP',
      description:
        'Uppercase ISO 4217 code, not USD. Also accepted: the former currencies the ECB history file still carries ' +
        '(CYP, EEK, HRK, LTL, LVL, MTL, ROL, SIT, SKK, TRL); their rates are stored but no deal value can use them.',
    },
    usd: {
      type: 'string',
      pattern: RATE_PATTERN,
      example: '1.3563',
      description: 'The USD value of one unit of the currency on that date: a positive decimal string, never a number',
    },
  },
};

export const FX_RATES_JSON_BODY: SchemaObject = {
  type: 'object',
  required: ['rates'],
  additionalProperties: false,
  properties: {
    rates: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_RATES_PER_LOAD,
      description: 'Each (currency, date) at most once per request; a later load of the same pair replaces its rate',
      items: RATE,
    },
  },
};

export const ECB_CSV_EXAMPLE = `Date,USD,JPY,GBP,CHF,
2024-02-01,1.0826,159.17,0.85255,0.9339,
2024-01-31,1.0837,159.54,0.85195,N/A,
`;

export const FX_RATES_CSV_BODY: SchemaObject = {
  type: 'string',
  example: ECB_CSV_EXAMPLE,
  description:
    'The ECB euro reference-rate layout (eurofxref.csv or eurofxref-hist.csv, unzipped from https://www.ecb.europa.eu/stats/eurofxref/eurofxref.zip or eurofxref-hist.zip): a header `Date,USD,JPY,GBP,...`, then one ' +
    'row per day with the units of each currency per 1 EUR. Each row yields EUR (usd = the USD column) and every other ' +
    'currency C (usd = USD/C, rounded half-up to 10 significant digits). `N/A` and empty cells are absent rates; a row ' +
    'whose USD cell is absent yields nothing. Dates are YYYY-MM-DD or "30 January 2024"; cells may be padded with spaces; ' +
    'a trailing comma (empty last column) is allowed. Any unreadable line or cell refuses the whole upload (400, ' +
    'errors[].field "line 5" or "line 5.GBP", lines counted from 1 = the header). The request must fit BODY_LIMIT ' +
    '(default 64 KiB: about eleven months of eurofxref-hist.csv rows). The full history (~200,000 rates) needs a larger BODY_LIMIT and several uploads of at most 50,000 rates (about six years each).',
};

export const LOAD_RESULT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { accepted: { type: 'integer', description: 'How many rates the load stored (CSV: after conversion to USD)' } },
};

export const FX_RATES_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      description: 'Ordered by currency, then date',
      items: {
        type: 'object',
        properties: {
          currency: { type: 'string', example: 'GBP' },
          date,
          usd: { type: 'string', example: '1.3563', description: 'Decimal string, trailing zeros removed' },
        },
      },
    },
    nextCursor: { type: 'string', nullable: true },
  },
};
