// Response schema of GET /stats/volume for the OpenAPI document.
import type { SchemaObject } from '@nestjs/swagger';

export const VOLUME_BUCKET_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    period: { type: 'string', description: '"2024-03" (month), "2024-Q1" (quarter) or "2024" (year)', example: '2024-Q1' },
    dealCount: { type: 'integer', description: 'Deals whose basis date falls in the period (and in from..to)' },
    valueUsd: {
      type: 'string',
      description:
        'Decimal string: the sum of the deals’ USD values of the measure asked for ("0" when none has one); deals ' +
        'without a USD figure add nothing',
      example: '1400000000.5',
    },
    unconvertedCount: {
      type: 'integer',
      description: 'Deals in the period that have an amount of the measure but no USD figure for it (no USD equivalent reported, no FX rate)',
    },
    byCurrency: {
      type: 'object',
      description:
        'The deals’ own current values summed per currency (decimal strings), whatever the measure; never added across ' +
        'currencies. {} when no deal has a value',
      additionalProperties: { type: 'string' },
      example: { EUR: '41600000000', USD: '45000000000' },
    },
  },
};

export const VOLUME_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: { type: 'array', items: VOLUME_BUCKET_SCHEMA, description: 'In period order, oldest first' },
    nextCursor: { type: 'string', nullable: true, description: 'Pass as cursor for the next periods; null on the last page' },
  },
};

export const BREAKDOWN_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      description: 'Largest valueUsd first, then dealCount, then key (null last)',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string', nullable: true, description: 'The sector, ISO country code or deal type; null where unknown', example: 'health_care' },
          dealCount: { type: 'integer' },
          valueUsd: { type: 'string', description: 'Decimal string: the sum of the deals’ USD figures of the measure ("0" when none)', example: '43000000000' },
          unconvertedCount: { type: 'integer', description: 'Deals with an amount of the measure but no USD figure for it' },
        },
      },
    },
  },
};
