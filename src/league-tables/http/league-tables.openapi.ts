// Response schema of the league tables (GET /league-tables/acquirers and /advisors) for the OpenAPI document.
import type { SchemaObject } from '@nestjs/swagger';

export const LEAGUE_ROW_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    rank: {
      type: 'integer',
      description:
        'Standard competition ranking (1, 2, 2, 4) on the ranking key alone: valueUsd for rank=value (rows with no USD ' +
        'figure after every row with one), dealCount for rank=count',
    },
    company: {
      type: 'object',
      properties: {
        companyId: { type: 'string', format: 'uuid' },
        name: { type: 'string', description: 'Its displayName when profiled, else the latest name it was seen under', example: 'xAI' },
      },
    },
    dealCount: { type: 'integer' },
    valueUsd: {
      type: 'string',
      nullable: true,
      description: 'Decimal string: the sum of the counted deals’ USD figures of the measure asked for; null when none of them has one',
      example: '1400000000.5',
    },
    unconvertedCount: {
      type: 'integer',
      description:
        'Counted deals with an amount of the measure but no USD figure for it (no FX rate on their date, no USD amount ' +
        'reported): in no valueUsd',
    },
  },
};

export const LEAGUE_TABLE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: { type: 'array', items: LEAGUE_ROW_SCHEMA, description: 'In table order' },
    nextCursor: {
      type: 'string',
      nullable: true,
      description: 'Pass as cursor (with the same filters) for the next rows; it holds a table position, so a write between pages can shift rows',
    },
  },
};
