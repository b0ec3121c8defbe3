// Response schemas for the OpenAPI document (requests are documented by the DTOs themselves).
import type { SchemaObject } from '@nestjs/swagger';
import { ADVISOR_ROLES, ADVISOR_SIDES, ATTITUDES, FEE_PAYERS, OFFER_STRUCTURES, REGULATORY_DECISIONS } from '../domain/deal.events.js';
import { DEAL_STATUSES } from '../domain/deal.js';
import { SECTORS } from '../domain/company.js';

const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
// Every property of these responses is always present (null when unknown), so a generated client need not test for it.
const complete = (schema: SchemaObject): SchemaObject => ({ ...schema, required: Object.keys(schema.properties ?? {}) });
const date: SchemaObject = { type: 'string', format: 'date', example: '2025-03-28' };
const money: SchemaObject = {
  type: 'object',
  properties: { amount: { type: 'string', example: '45000000000' }, currency: { type: 'string', example: 'USD' } },
};
/** A term and its `initial*` twin: the latest-dated event that carries it, and the earliest of the announcement or later. */
const tracked = (name: string, schema: SchemaObject, description: string): Record<string, SchemaObject> => ({
  [name]: nullable({ ...schema, description }),
  [`initial${name[0].toUpperCase()}${name.slice(1)}`]: nullable({ ...schema, description: `${description}: as first set (as initialValue)` }),
});
const decimal: SchemaObject = { type: 'string', example: '0.252' };
const company: SchemaObject = {
  type: 'object',
  properties: { companyId: { type: 'string', format: 'uuid' }, name: { type: 'string', example: 'xAI' } },
};
/** A party of the deal: the company as named on the deal, and its facts as profiled now (PATCH /companies/{id}). */
const party: SchemaObject = {
  type: 'object',
  properties: {
    ...company.properties,
    country: nullable({ type: 'string', description: 'ISO 3166-1 alpha-2, as profiled; null when unknown', example: 'US' }),
    sector: nullable({ type: 'string', enum: [...SECTORS], description: 'As profiled; null when unknown' }),
  },
};

export const WRITE_RESULT_SCHEMA: SchemaObject = complete({
  type: 'object',
  properties: {
    dealId: { type: 'string', format: 'uuid' },
    eventId: { type: 'string', format: 'uuid' },
    version: { type: 'integer', description: "The deal's version after this event (also the ETag)" },
    position: { type: 'integer', description: 'The event’s position in the global log' },
  },
});

export const CREATED_SCHEMA: SchemaObject = complete({
  type: 'object',
  properties: {
    ...WRITE_RESULT_SCHEMA.properties,
    possibleDuplicates: {
      type: 'array',
      items: { type: 'string', format: 'uuid' },
      description: 'Deals (not voided) with the same acquirer and target companies: the same deal entered twice? Void one with a "voided" event.',
    },
  },
});

export const DEAL_VIEW_SCHEMA: SchemaObject = complete({
  type: 'object',
  properties: {
    dealId: { type: 'string', format: 'uuid' },
    status: {
      type: 'string',
      enum: [...DEAL_STATUSES],
      description: 'From the events read in business-date order (occurredOn, ties in recorded order)',
    },
    acquirer: nullable(party),
    target: nullable(party),
    seller: nullable(party),
    crossBorder: nullable({ type: 'boolean', description: 'true when the acquirer and target countries are both known and differ, false when both known and equal' }),
    dealType: nullable({ type: 'string', enum: ['acquisition', 'merger', 'majority_stake', 'minority_stake', 'asset_purchase'] }),
    consideration: nullable({ type: 'string', enum: ['cash', 'stock', 'mixed'] }),
    value: nullable({ ...money, description: 'Current value: the latest-dated event that carries one' }),
    initialValue: nullable({
      ...money,
      description: "The earliest-dated value of the announcement or later; a rumour's only when the deal was never announced",
    }),
    valueUsd: nullable({ type: 'string', description: 'Decimal string: the USD value, or the USD equivalent the same event reported' }),
    pricePerShare: nullable(money),
    initialPricePerShare: nullable({ ...money, description: 'As initialValue' }),
    ...tracked('enterpriseValue', money, '100 % of the target including net debt, as reported'),
    enterpriseValueUsd: nullable({
      type: 'string',
      description: 'Decimal string: enterpriseValue in USD, converted like valueUsd (on the announcement date, else the rumour date)',
    }),
    ...tracked('equityValue', money, "100 % of the target's equity, as reported"),
    equityValueUsd: nullable({ type: 'string', description: 'Decimal string: equityValue in USD, converted like valueUsd' }),
    rankValueUsd: nullable({
      type: 'string',
      description: 'Decimal string: enterpriseValueUsd when there is one, else valueUsd; what measure=rankValue sums in reports',
    }),
    stakePercent: nullable({ type: 'number' }),
    stakeHeldBeforePercent: nullable({ type: 'number', description: 'What the acquirer held of the target before' }),
    ...tracked('cashPercent', { type: 'number' }, 'Share of the consideration paid in cash'),
    ...tracked('exchangeRatio', decimal, 'Acquirer shares per target share (decimal string)'),
    ...tracked('premiumPercent', decimal, 'Premium over the unaffected share price (decimal string, may be negative)'),
    ...tracked('attitude', { type: 'string', enum: [...ATTITUDES] }, "The target board's stance"),
    ...tracked('offerStructure', { type: 'string', enum: [...OFFER_STRUCTURES] }, 'How the offer is made'),
    ...tracked('targetTerminationFee', money, 'Break fee the target pays'),
    ...tracked('reverseTerminationFee', money, 'Break fee the acquirer pays'),
    rumoredOn: nullable(date),
    announcedOn: nullable(date),
    ...tracked('expectedCloseOn', date, 'Expected closing'),
    ...tracked('outsideDate', date, 'Date after which either side may walk away'),
    closedOn: nullable(date),
    endedOn: nullable(date),
    durationDays: nullable({ type: 'integer', description: 'Announcement (or rumour) to close/end; null while open' }),
    contested: { type: 'boolean' },
    regulatory: {
      type: 'array',
      description: 'In business-date order',
      items: {
        type: 'object',
        properties: {
          eventId: { type: 'string' }, occurredOn: date, authority: { type: 'string' },
          jurisdiction: nullable({ type: 'string', description: 'ISO 3166-1 alpha-2 or EU (free text in events recorded before v1.1)' }),
          decision: { type: 'string', enum: [...REGULATORY_DECISIONS] },
          remedies: nullable({ type: 'string' }),
        },
      },
    },
    shareholderVotes: {
      type: 'array',
      items: {
        type: 'object',
        properties: { eventId: { type: 'string' }, occurredOn: date, party: { type: 'string' }, outcome: { type: 'string' } },
      },
    },
    competingBids: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          eventId: { type: 'string' }, occurredOn: date, bidder: company, value: nullable(money), pricePerShare: nullable(money),
        },
      },
    },
    advisors: {
      type: 'array',
      description: 'From advisor_retained events, in business-date order',
      items: {
        type: 'object',
        properties: {
          eventId: { type: 'string' }, occurredOn: date, advisor: company,
          side: { type: 'string', enum: [...ADVISOR_SIDES], description: 'The party advised' },
          role: { type: 'string', enum: [...ADVISOR_ROLES] },
        },
      },
    },
    terminationFee: nullable(money),
    feePaidBy: nullable({ type: 'string', enum: [...FEE_PAYERS], description: 'Who paid the termination fee' }),
    voided: nullable({
      type: 'object',
      description: 'Set while the deal is voided (entered by mistake or twice): it then counts nowhere but here',
      properties: {
        eventId: { type: 'string', format: 'uuid' },
        occurredOn: date,
        reason: { type: 'string' },
        duplicateOf: nullable({ type: 'string', format: 'uuid' }),
      },
    }),
    version: { type: 'integer' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
});

export const TIMELINE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        description:
          "The event's own fields plus these. On a `retracted` event the retracted event's id is `retractedEventId` (`eventId` is the retraction's own id).",
        properties: {
          eventId: { type: 'string', format: 'uuid' },
          type: { type: 'string' },
          occurredOn: date,
          recordedAt: { type: 'string', format: 'date-time' },
          actor: { type: 'string', description: 'The name of the API key that posted it' },
          version: { type: 'integer' },
          position: { type: 'integer' },
          retracted: { type: 'boolean' },
          source: { type: 'object' },
        },
        additionalProperties: true,
      },
    },
    nextCursor: nullable({ type: 'string' }),
  },
};
