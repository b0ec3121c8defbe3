// Response schemas of the company reads.
import type { SchemaObject } from '@nestjs/swagger';
import { DEAL_STATUSES } from '../../deals/domain/deal.js';
import { LISTINGS, SECTORS } from '../../deals/domain/company.js';

const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const money: SchemaObject = {
  type: 'object',
  properties: { amount: { type: 'string', example: '45000000000' }, currency: { type: 'string', example: 'USD' } },
};
const companyRef: SchemaObject = {
  type: 'object',
  properties: { companyId: { type: 'string', format: 'uuid' }, name: { type: 'string' } },
};
const names: SchemaObject = {
  type: 'array',
  items: { type: 'string' },
  description: 'Every name (spelling) the company was seen under as acquirer, target, seller or bidder; byte order',
};

const COMPANY_SUMMARY_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    companyId: { type: 'string', format: 'uuid' },
    name: { type: 'string', description: 'The name it was most recently seen under' },
    names,
    dealCount: { type: 'integer', description: 'Deals it is acquirer, target or seller of, any status (competing bids are not counted)' },
  },
};

export const COMPANY_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { items: { type: 'array', items: COMPANY_SUMMARY_SCHEMA }, nextCursor: nullable({ type: 'string' }) },
};

const ROLE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    dealCount: { type: 'integer', description: 'The deals of the role but voided ones (terminated and withdrawn included)' },
    valueUsd: nullable({
      type: 'string',
      example: '45000000000',
      description:
        'Decimal string: the sum of valueUsd over the deals of the role that credit value, as in the league tables (not ' +
        'withdrawn, terminated or voided); null when none of them has a USD figure',
    }),
    unconvertedCount: { type: 'integer', description: 'Of the deals that credit value, those with a value but no USD figure' },
    dealCountByStatus: {
      type: 'object',
      description: 'The deals of the role counted by status, voided ones too; every status is present',
      properties: Object.fromEntries(DEAL_STATUSES.map((s) => [s, { type: 'integer' }])),
    },
    deals: {
      type: 'array',
      description: 'The deals of the role but voided ones, newest first (announcement date, else rumour date), ties by dealId',
      items: {
        type: 'object',
        properties: {
          dealId: { type: 'string', format: 'uuid' },
          status: { type: 'string', enum: [...DEAL_STATUSES] },
          announcedOn: nullable({ type: 'string', format: 'date' }),
          value: nullable(money),
          valueUsd: nullable({ type: 'string' }),
          counterparty: { ...companyRef, description: 'The target for an acquirer; the acquirer for a target or a seller' },
        },
      },
    },
  },
};

export const COMPANY_DETAIL_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    companyId: { type: 'string', format: 'uuid' },
    name: { type: 'string', description: 'The name it was most recently seen under' },
    names: { ...names, description: `${names.description}, its own and those of the companies merged into it` },
    country: nullable({ type: 'string', description: 'ISO 3166-1 alpha-2, as profiled (PATCH)', example: 'US' }),
    sector: nullable({ type: 'string', enum: [...SECTORS] }),
    naics: nullable({ type: 'string', example: '445110' }),
    listing: nullable({ type: 'string', enum: [...LISTINGS] }),
    ticker: nullable({ type: 'string', example: 'KR' }),
    lei: nullable({ type: 'string', description: 'ISO 17442 Legal Entity Identifier' }),
    displayName: nullable({ type: 'string', description: 'The name to show, as profiled' }),
    version: { type: 'integer', description: 'The company stream\'s version (0 until first profiled): its ETag, and what If-Match compares' },
    mergedFrom: { type: 'array', items: { type: 'string', format: 'uuid' }, description: 'Companies merged into this one (POST /companies/{companyId}/merge)' },
    roles: { type: 'object', properties: { acquirer: ROLE_SCHEMA, target: ROLE_SCHEMA, seller: ROLE_SCHEMA } },
  },
};
