// OpenAPI documentation of the write bodies: a `oneOf` over the event DTOs with a discriminator on `type`.
// Validation does not use this; parseDealEventBody picks the DTO itself. Usage in a controller:
//   @ApiExtraModels(...DEAL_EVENT_DTO_LIST)
//   @ApiBody({ schema: dealEventBodySchema() })                                        // POST /deals/{id}/events
//   @ApiBody({ schema: dealEventBodySchema(FIRST_EVENT_TYPES, { withDealId: true }) }) // POST /deals
import { getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { DEAL_EVENT_TYPES, type DealEventType } from '../../domain/deal.events.js';
import { DEAL_EVENT_DTOS } from './deal-event.dtos.js';

export const DEAL_EVENT_DTO_LIST = DEAL_EVENT_TYPES.map((type) => DEAL_EVENT_DTOS[type]);

/** The types that may open a deal (POST /deals). */
export const FIRST_EVENT_TYPES = ['rumored', 'announced'] as const satisfies readonly DealEventType[];

/**
 * What "Try it out" fills in for a new deal: the seed deal, announced (so the later-event examples below apply to it),
 * without a dealId, so every try creates a deal of its own.
 */
export const FIRST_EVENT_EXAMPLES = {
  announced: {
    summary: 'xAI buys X, announced (Le Monde, 28 March 2025)',
    value: {
      type: 'announced', occurredOn: '2025-03-28', acquirer: { name: 'xAI' }, target: { name: 'X Corp.' },
      dealType: 'acquisition', consideration: 'stock', stakePercent: 100,
      value: { amount: '45000000000', currency: 'USD' }, equivalents: [{ amount: '41600000000', currency: 'EUR' }],
      source: { publisher: 'Le Monde', language: 'fr' },
    },
  },
  rumored: {
    summary: 'A rumour, before any announcement',
    value: { type: 'rumored', occurredOn: '2025-03-20', acquirer: { name: 'xAI' }, target: { name: 'X Corp.' } },
  },
};

/** The types a deal's later events may have (POST /deals/{dealId}/events): every one but a rumour. */
export const LATER_EVENT_TYPES = DEAL_EVENT_TYPES.filter((type) => type !== 'rumored');

/**
 * What "Try it out" fills in for a later event: events an existing deal can take, in the order an analyst can try
 * them on one announced deal (once closed, it takes no regulatory step).
 */
export const LATER_EVENT_EXAMPLES = {
  regulatory: {
    summary: 'A regulator decided',
    value: { type: 'regulatory', occurredOn: '2025-03-28', authority: 'European Commission', jurisdiction: 'EU', decision: 'approved' },
  },
  priced: { summary: 'The terms changed', value: { type: 'priced', occurredOn: '2025-03-28', value: { amount: '46000000000', currency: 'USD' } } },
  closed: { summary: 'The deal closed', value: { type: 'closed', occurredOn: '2025-03-28' } },
};

export function dealEventBodySchema(
  types: readonly DealEventType[] = DEAL_EVENT_TYPES,
  options: { withDealId?: boolean } = {},
): SchemaObject {
  const refs = types.map((type) => [type, getSchemaPath(DEAL_EVENT_DTOS[type])] as const);
  const events: SchemaObject = {
    oneOf: refs.map(([, $ref]) => ({ $ref })),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(refs) },
  };
  if (!options.withDealId) return events;
  const dealId: SchemaObject = {
    type: 'object',
    properties: {
      dealId: {
        type: 'string',
        format: 'uuid',
        description: 'Chosen by the client to create the deal idempotently; generated when absent',
        example: '3f2b8c1d-6e4a-4b7f-9d2c-1a5e8f0b7c6d',
      },
    },
  };
  return { allOf: [events, dealId] };
}
