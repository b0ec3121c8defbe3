import { Body, Controller, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ApiBody, ApiExtraModels, DocumentBuilder, SwaggerModule, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { DEAL_EVENT_TYPES } from '../../domain/deal.events.js';
import { MoneyDto, PartyDto, SourceDto } from './common.dto.js';
import { DEAL_EVENT_DTOS } from './deal-event.dtos.js';
import { DEAL_EVENT_DTO_LIST, FIRST_EVENT_TYPES, dealEventBodySchema } from './deal-event.openapi.js';

// Builds the OpenAPI document of a throwaway controller the way the app will, to check that the decorators
// describe every validated field (no Swagger CLI plugin fills gaps).
@Controller('deals')
@ApiExtraModels(...DEAL_EVENT_DTO_LIST)
class DocumentedController {
  @Post()
  @ApiBody({ schema: dealEventBodySchema(FIRST_EVENT_TYPES, { withDealId: true }) })
  create(@Body() _body: unknown) {}

  @Post(':dealId/events')
  @ApiBody({ schema: dealEventBodySchema() })
  append(@Body() _body: unknown) {}
}

let doc: OpenAPIObject;
beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ controllers: [DocumentedController] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  await app.close();
});

const schemaOf = (cls: Function) => doc.components!.schemas![cls.name] as SchemaObject;
const validatedFields = (cls: Function) =>
  [...new Set(getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false).map((m) => m.propertyName))].sort();

describe('OpenAPI schema of the deal event bodies', () => {
  it.each([...DEAL_EVENT_DTO_LIST, MoneyDto, PartyDto, SourceDto].map((cls) => [cls.name, cls]))(
    '%s documents exactly its validated fields',
    (_name, cls) => {
      expect(Object.keys(schemaOf(cls).properties ?? {}).sort()).toEqual(validatedFields(cls));
    },
  );

  it.each(DEAL_EVENT_TYPES)('the %s schema pins its type and requires type and occurredOn', (type) => {
    const schema = schemaOf(DEAL_EVENT_DTOS[type]);
    expect(schema.properties!.type).toMatchObject({ type: 'string', enum: [type] });
    expect(schema.required).toEqual(expect.arrayContaining(['type', 'occurredOn']));
  });

  it('documents money as a decimal string and an uppercase currency code', () => {
    expect(schemaOf(MoneyDto)).toMatchObject({
      required: ['amount', 'currency'],
      properties: {
        amount: { type: 'string', pattern: '^(0|[1-9]\\d{0,19})(\\.\\d{1,10})?$' },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      },
    });
  });

  it('describes POST /deals/{dealId}/events as a oneOf discriminated by type', () => {
    const body = doc.paths['/deals/{dealId}/events'].post!.requestBody as { content: Record<string, { schema: SchemaObject }> };
    const schema = body.content['application/json'].schema;
    expect(schema.oneOf).toHaveLength(DEAL_EVENT_TYPES.length);
    expect(schema.discriminator).toEqual({
      propertyName: 'type',
      mapping: Object.fromEntries(DEAL_EVENT_TYPES.map((t) => [t, `#/components/schemas/${DEAL_EVENT_DTOS[t].name}`])),
    });
  });

  it('describes POST /deals as a first event plus an optional dealId', () => {
    const body = doc.paths['/deals'].post!.requestBody as { content: Record<string, { schema: SchemaObject }> };
    const [events, dealId] = body.content['application/json'].schema.allOf as SchemaObject[];
    expect(Object.keys(events.discriminator!.mapping!)).toEqual(['rumored', 'announced']);
    expect(dealId.properties!.dealId).toMatchObject({ type: 'string', format: 'uuid' });
  });
});
