// The value objects events are built from: money, parties and sources.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, IsUrl, Matches } from 'class-validator';
import type { Money, PartyInput, Source } from '../../domain/deal.events.js';
import {
  AMOUNT_PATTERN,
  CURRENCY_PATTERN,
  DATE_PATTERN,
  IsCalendarDate,
  IsCurrencyCode,
  IsOptionalNotNull,
  IsPositiveDecimalString,
  IsRequired,
  IsName,
  IsText,
  LANGUAGE_PATTERN,
  LowerCase,
  Trim,
} from './validators.js';

// A field's constraints are checked bottom-up and only the first failure is reported (see validators.ts):
// the nearest decorator to the property is the one checked first. IsRequired always runs first.

export class MoneyDto implements Money {
  @ApiProperty({
    type: String,
    description: 'Positive decimal as a JSON string, never a number (no binary floats)',
    pattern: AMOUNT_PATTERN,
    example: '45000000000',
  })
  @IsRequired()
  @IsPositiveDecimalString()
  amount!: string;

  @ApiProperty({ type: String, description: 'ISO 4217 code, uppercase', pattern: CURRENCY_PATTERN, example: 'USD' })
  @IsRequired()
  @IsCurrencyCode()
  currency!: string;
}

export class PartyDto implements PartyInput {
  @ApiProperty({ type: String, minLength: 1, maxLength: 200, description: 'Company name as disclosed', example: 'xAI' })
  @IsRequired()
  @Trim()
  @IsName()
  @IsText(1, 200)
  name!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    description: 'Pins an existing company instead of matching by name',
    example: '9a4c0b57-5a87-4f0e-8a47-2b3c4d5e6f70',
  })
  @IsOptionalNotNull()
  @IsUUID('all', { message: '$property must be a UUID' })
  @LowerCase()
  companyId?: string;
}

export class SourceDto implements Source {
  @ApiPropertyOptional({
    type: String,
    format: 'uri',
    minLength: 1,
    maxLength: 2000,
    description: 'http or https only, without a user or password',
    example: 'https://www.lemonde.fr/economie/',
  })
  @IsOptionalNotNull()
  // Credentials in a URL would be shown to every viewer, for ever (the log is append-only).
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, disallow_auth: true }, { message: '$property must be an http(s) URL, without a user or password' })
  @IsText(1, 2000)
  url?: string;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 200, example: 'Le Monde' })
  @IsOptionalNotNull()
  @Trim()
  @IsText(1, 200)
  publisher?: string;

  @ApiPropertyOptional({ type: String, format: 'date', pattern: DATE_PATTERN, example: '2025-03-29' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  publishedOn?: string;

  @ApiPropertyOptional({
    type: String,
    minLength: 2,
    maxLength: 35,
    pattern: LANGUAGE_PATTERN,
    description: 'BCP 47 language tag of the source',
    example: 'fr',
  })
  @IsOptionalNotNull()
  @Matches(new RegExp(LANGUAGE_PATTERN), { message: '$property must be a BCP 47 language tag, e.g. "fr" or "en-GB"' })
  @IsText(2, 35)
  language?: string;

  @ApiPropertyOptional({
    type: String,
    minLength: 1,
    maxLength: 500,
    example: "xAI et X, les deux entreprises d'Elon Musk, ne feront plus qu'une",
  })
  @IsOptionalNotNull()
  @Trim()
  @IsText(1, 500)
  title?: string;
}
