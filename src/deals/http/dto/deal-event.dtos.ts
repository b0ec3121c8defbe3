// One request DTO per deal event type (the HTTP contract, "Writing: deal events"). Each class `implements` the
// domain input type, and the check at the bottom fails compilation if a DTO gains or loses a field.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsPositive, IsUUID, Max } from 'class-validator';
import {
  ADVISOR_ROLES,
  ADVISOR_SIDES,
  type AdvisorRole,
  type AdvisorSide,
  ATTITUDES,
  CONSIDERATIONS,
  DEAL_TYPES,
  FEE_PAYERS,
  OFFER_STRUCTURES,
  REGULATORY_DECISIONS,
  TERMINATION_SIDES,
  VOTE_OUTCOMES,
  VOTE_PARTIES,
  type Attitude,
  type Consideration,
  type DealEventInput,
  type DealEventType,
  type DealType,
  type FeePayer,
  type OfferStructure,
  type RegulatoryDecision,
  type TerminationSide,
  type VoteOutcome,
  type VoteParty,
} from '../../domain/deal.events.js';
import { PRICED_TERM_NAMES } from '../../domain/deal.js';
import { MoneyDto, PartyDto, SourceDto } from './common.dto.js';
import {
  AMOUNT_PATTERN,
  DATE_PATTERN,
  JURISDICTION_PATTERN,
  SIGNED_DECIMAL_PATTERN,
  IsCalendarDate,
  IsJurisdiction,
  IsOptionalNotNull,
  IsPercent,
  IsPositiveDecimalString,
  IsRequired,
  IsSignedDecimalString,
  IsText,
  LowerCase,
  Trim,
  UpperCase,
  ValidNested,
  ValidNestedArray,
} from './validators.js';

type InputOf<T extends DealEventType> = Extract<DealEventInput, { type: T }>;

/** More would not be "the same value in other currencies" but a data dump. */
export const MAX_EQUIVALENTS = 20;
const MAX_TEXT = 2000;

const USD_45BN = { amount: '45000000000', currency: 'USD' };
const ACQUIRER = { name: 'xAI' };
const TARGET = { name: 'X Corp.' };

// Constraints are checked bottom-up, first failure only (see validators.ts).

abstract class DealEventBaseDto {
  @ApiProperty({
    type: String,
    format: 'date',
    pattern: DATE_PATTERN,
    description: 'Date it happened or was disclosed',
    example: '2025-03-28',
  })
  @IsRequired()
  @IsCalendarDate()
  occurredOn!: string;

  @ApiPropertyOptional({ type: () => SourceDto })
  @IsOptionalNotNull()
  @ValidNested(() => SourceDto)
  source?: SourceDto;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: MAX_TEXT, example: 'Announced Friday 28 March 2025.' })
  @IsOptionalNotNull()
  @IsText(1, MAX_TEXT)
  note?: string;
}

/** Terms carried by rumored, announced, priced and competing_bid. */
abstract class TermsEventDto extends DealEventBaseDto {
  @ApiPropertyOptional({ type: () => MoneyDto, description: 'Deal value', example: USD_45BN })
  @IsOptionalNotNull()
  @ValidNested(() => MoneyDto)
  value?: MoneyDto;

  @ApiPropertyOptional({ type: () => MoneyDto, example: { amount: '54.20', currency: 'USD' } })
  @IsOptionalNotNull()
  @ValidNested(() => MoneyDto)
  pricePerShare?: MoneyDto;

  @ApiPropertyOptional({ enum: CONSIDERATIONS, enumName: 'Consideration', example: 'stock' })
  @IsOptionalNotNull()
  @IsIn(CONSIDERATIONS)
  consideration?: Consideration;

  @ApiPropertyOptional({ type: Number, minimum: 0, exclusiveMinimum: true, maximum: 100, example: 100 })
  @IsOptionalNotNull()
  @Max(100)
  @IsPositive()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a JSON number' })
  stakePercent?: number;

  @ApiPropertyOptional({
    type: [MoneyDto],
    maxItems: MAX_EQUIVALENTS,
    description: 'The same value in other currencies, as a source reported it',
    example: [{ amount: '41600000000', currency: 'EUR' }],
  })
  @IsOptionalNotNull()
  @ValidNestedArray(() => MoneyDto, MAX_EQUIVALENTS)
  equivalents?: MoneyDto[];
}

/** The deal's own terms beyond its value (rumored, announced, priced), each tracked on its own. */
abstract class DealTermsEventDto extends TermsEventDto {
  @ApiPropertyOptional({ type: () => MoneyDto, description: '100 % of the target including net debt, as reported', example: { amount: '69000000000', currency: 'USD' } })
  @IsOptionalNotNull()
  @ValidNested(() => MoneyDto)
  enterpriseValue?: MoneyDto;

  @ApiPropertyOptional({ type: () => MoneyDto, description: "100 % of the target's equity, as reported", example: { amount: '61000000000', currency: 'USD' } })
  @IsOptionalNotNull()
  @ValidNested(() => MoneyDto)
  equityValue?: MoneyDto;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 100, description: 'Share of the consideration paid in cash (the rest in stock or other)', example: 50 })
  @IsOptionalNotNull()
  @IsPercent(0, 100)
  cashPercent?: number;

  @ApiPropertyOptional({ type: String, pattern: AMOUNT_PATTERN, description: 'Acquirer shares per target share, a decimal string > 0', example: '0.252' })
  @IsOptionalNotNull()
  @IsPositiveDecimalString()
  exchangeRatio?: string;

  @ApiPropertyOptional({ type: String, pattern: SIGNED_DECIMAL_PATTERN, description: 'Premium over the unaffected share price, as reported; may be negative', example: '44' })
  @IsOptionalNotNull()
  @IsSignedDecimalString()
  premiumPercent?: string;

  @ApiPropertyOptional({ type: () => MoneyDto, description: 'Break fee the target pays', example: { amount: '1500000000', currency: 'USD' } })
  @IsOptionalNotNull()
  @ValidNested(() => MoneyDto)
  targetTerminationFee?: MoneyDto;

  @ApiPropertyOptional({ type: () => MoneyDto, description: 'Break fee the acquirer pays', example: { amount: '1500000000', currency: 'USD' } })
  @IsOptionalNotNull()
  @ValidNested(() => MoneyDto)
  reverseTerminationFee?: MoneyDto;

  @ApiPropertyOptional({ type: String, format: 'date', pattern: DATE_PATTERN, description: 'Expected closing', example: '2025-06-30' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  expectedCloseOn?: string;

  @ApiPropertyOptional({ type: String, format: 'date', pattern: DATE_PATTERN, description: 'Date after which either side may walk away', example: '2026-03-28' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  outsideDate?: string;

  @ApiPropertyOptional({ enum: ATTITUDES, enumName: 'Attitude', description: "The target board's stance", example: 'friendly' })
  @IsOptionalNotNull()
  @IsIn(ATTITUDES)
  attitude?: Attitude;

  @ApiPropertyOptional({ enum: OFFER_STRUCTURES, enumName: 'OfferStructure', description: 'How the offer is made', example: 'one_step_merger' })
  @IsOptionalNotNull()
  @IsIn(OFFER_STRUCTURES)
  offerStructure?: OfferStructure;
}


/** The parties a rumour or an announcement names, and what the acquirer held before. */
abstract class PartiesEventDto extends DealTermsEventDto {
  @ApiPropertyOptional({ type: Number, minimum: 0, exclusiveMaximum: true, maximum: 100, description: 'What the acquirer held of the target before', example: 9.2 })
  @IsOptionalNotNull()
  @IsPercent(0, 100, false)
  stakeHeldBeforePercent?: number;

  @ApiProperty({ type: () => PartyDto, example: ACQUIRER })
  @IsRequired()
  @ValidNested(() => PartyDto)
  acquirer!: PartyDto;

  @ApiProperty({ type: () => PartyDto, example: TARGET })
  @IsRequired()
  @ValidNested(() => PartyDto)
  target!: PartyDto;

  @ApiPropertyOptional({ type: () => PartyDto, example: { name: 'Elon Musk' } })
  @IsOptionalNotNull()
  @ValidNested(() => PartyDto)
  seller?: PartyDto;
}

export class RumoredEventDto extends PartiesEventDto implements InputOf<'rumored'> {
  @ApiProperty({ enum: ['rumored'], example: 'rumored' })
  @IsIn(['rumored'])
  type!: 'rumored';
}

export class AnnouncedEventDto extends PartiesEventDto implements InputOf<'announced'> {
  @ApiProperty({ enum: ['announced'], example: 'announced' })
  @IsIn(['announced'])
  type!: 'announced';

  @ApiPropertyOptional({ enum: DEAL_TYPES, enumName: 'DealType', example: 'acquisition' })
  @IsOptionalNotNull()
  @IsIn(DEAL_TYPES)
  dealType?: DealType;
}

export class PricedEventDto extends DealTermsEventDto implements InputOf<'priced'> {
  @ApiProperty({
    enum: ['priced'],
    example: 'priced',
    description: `Must carry at least one of ${PRICED_TERM_NAMES.join(', ')}`,
  })
  @IsIn(['priced'])
  type!: 'priced';
}

export class CompetingBidEventDto extends TermsEventDto implements InputOf<'competing_bid'> {
  @ApiProperty({ enum: ['competing_bid'], example: 'competing_bid' })
  @IsIn(['competing_bid'])
  type!: 'competing_bid';

  @ApiProperty({ type: () => PartyDto, example: { name: 'Rival plc' } })
  @IsRequired()
  @ValidNested(() => PartyDto)
  bidder!: PartyDto;
}

export class RegulatoryEventDto extends DealEventBaseDto implements InputOf<'regulatory'> {
  @ApiProperty({ enum: ['regulatory'], example: 'regulatory' })
  @IsIn(['regulatory'])
  type!: 'regulatory';

  @ApiProperty({ type: String, minLength: 1, maxLength: 200, example: 'CMA' })
  @IsRequired()
  @Trim()
  @IsText(1, 200)
  authority!: string;

  @ApiPropertyOptional({
    type: String,
    pattern: JURISDICTION_PATTERN,
    description: 'ISO 3166-1 alpha-2 country code, or EU; taken in any case, kept upper-case',
    example: 'GB',
  })
  @IsOptionalNotNull()
  @IsJurisdiction()
  @UpperCase()
  @Trim()
  jurisdiction?: string;

  @ApiProperty({
    enum: REGULATORY_DECISIONS,
    enumName: 'RegulatoryDecision',
    description: '`challenged`: the authority sued or opened an in-depth challenge (not terminal)',
    example: 'approved_with_remedies',
  })
  @IsRequired()
  @IsIn(REGULATORY_DECISIONS)
  decision!: RegulatoryDecision;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: MAX_TEXT, description: 'Only with approved_with_remedies', example: 'Divest the UK business' })
  @IsOptionalNotNull()
  @Trim()
  @IsText(1, MAX_TEXT)
  remedies?: string;
}

export class AdvisorRetainedEventDto extends DealEventBaseDto implements InputOf<'advisor_retained'> {
  @ApiProperty({
    enum: ['advisor_retained'],
    example: 'advisor_retained',
    description: 'Accepted in every status but voided, dated after the closing too (credits are often published later)',
  })
  @IsIn(['advisor_retained'])
  type!: 'advisor_retained';

  @ApiProperty({ type: () => PartyDto, example: { name: 'Goldman Sachs' } })
  @IsRequired()
  @ValidNested(() => PartyDto)
  advisor!: PartyDto;

  @ApiProperty({ enum: ADVISOR_SIDES, enumName: 'AdvisorSide', description: 'The party it advised', example: 'acquirer' })
  @IsRequired()
  @IsIn(ADVISOR_SIDES)
  side!: AdvisorSide;

  @ApiProperty({ enum: ADVISOR_ROLES, enumName: 'AdvisorRole', example: 'financial' })
  @IsRequired()
  @IsIn(ADVISOR_ROLES)
  role!: AdvisorRole;
}

export class ShareholderVoteEventDto extends DealEventBaseDto implements InputOf<'shareholder_vote'> {
  @ApiProperty({ enum: ['shareholder_vote'], example: 'shareholder_vote' })
  @IsIn(['shareholder_vote'])
  type!: 'shareholder_vote';

  @ApiProperty({ enum: VOTE_PARTIES, enumName: 'VoteParty', example: 'target' })
  @IsRequired()
  @IsIn(VOTE_PARTIES)
  party!: VoteParty;

  @ApiProperty({ enum: VOTE_OUTCOMES, enumName: 'VoteOutcome', example: 'approved' })
  @IsRequired()
  @IsIn(VOTE_OUTCOMES)
  outcome!: VoteOutcome;
}

export class TerminationAttemptedEventDto extends DealEventBaseDto implements InputOf<'termination_attempted'> {
  @ApiProperty({ enum: ['termination_attempted'], example: 'termination_attempted' })
  @IsIn(['termination_attempted'])
  type!: 'termination_attempted';

  @ApiProperty({ enum: TERMINATION_SIDES, enumName: 'TerminationSide', example: 'acquirer' })
  @IsRequired()
  @IsIn(TERMINATION_SIDES)
  by!: TerminationSide;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: MAX_TEXT, example: 'Acquirer claims a breach' })
  @IsOptionalNotNull()
  @Trim()
  @IsText(1, MAX_TEXT)
  reason?: string;
}

export class ClosedEventDto extends DealEventBaseDto implements InputOf<'closed'> {
  @ApiProperty({ enum: ['closed'], example: 'closed' })
  @IsIn(['closed'])
  type!: 'closed';

  @ApiPropertyOptional({ type: () => MoneyDto, description: 'Becomes the current value', example: USD_45BN })
  @IsOptionalNotNull()
  @ValidNested(() => MoneyDto)
  finalValue?: MoneyDto;

  @ApiPropertyOptional({
    type: [MoneyDto],
    maxItems: MAX_EQUIVALENTS,
    description: 'finalValue in other currencies, as a source reported it',
    example: [{ amount: '41600000000', currency: 'EUR' }],
  })
  @IsOptionalNotNull()
  @ValidNestedArray(() => MoneyDto, MAX_EQUIVALENTS)
  equivalents?: MoneyDto[];
}

export class TerminatedEventDto extends DealEventBaseDto implements InputOf<'terminated'> {
  @ApiProperty({ enum: ['terminated'], example: 'terminated' })
  @IsIn(['terminated'])
  type!: 'terminated';

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: MAX_TEXT, example: 'Regulatory approval not obtained' })
  @IsOptionalNotNull()
  @Trim()
  @IsText(1, MAX_TEXT)
  reason?: string;

  @ApiPropertyOptional({ type: () => MoneyDto, example: { amount: '1000000000', currency: 'USD' } })
  @IsOptionalNotNull()
  @ValidNested(() => MoneyDto)
  terminationFee?: MoneyDto;

  @ApiPropertyOptional({ enum: FEE_PAYERS, enumName: 'FeePayer', description: 'Who paid the termination fee', example: 'acquirer' })
  @IsOptionalNotNull()
  @IsIn(FEE_PAYERS)
  feePaidBy?: FeePayer;
}

export class WithdrawnEventDto extends DealEventBaseDto implements InputOf<'withdrawn'> {
  @ApiProperty({ enum: ['withdrawn'], example: 'withdrawn' })
  @IsIn(['withdrawn'])
  type!: 'withdrawn';

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: MAX_TEXT, example: 'Talks ended without an offer' })
  @IsOptionalNotNull()
  @Trim()
  @IsText(1, MAX_TEXT)
  reason?: string;
}

export class VoidedEventDto extends DealEventBaseDto implements InputOf<'voided'> {
  @ApiProperty({
    enum: ['voided'],
    example: 'voided',
    description: 'The deal was entered by mistake or twice: it counts nowhere until this event is retracted',
  })
  @IsIn(['voided'])
  type!: 'voided';

  @ApiProperty({ type: String, minLength: 1, maxLength: MAX_TEXT, example: 'Entered twice' })
  @IsRequired()
  @Trim()
  @IsText(1, MAX_TEXT)
  reason!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'The deal this one duplicates', example: '9f4c7f2e-1b0e-4c7e-8a55-0d1f2a3b4c5d' })
  @IsOptionalNotNull()
  @IsUUID('all', { message: '$property must be a UUID' })
  @LowerCase()
  duplicateOf?: string;
}

export class RetractedEventDto extends DealEventBaseDto implements InputOf<'retracted'> {
  @ApiProperty({ enum: ['retracted'], example: 'retracted' })
  @IsIn(['retracted'])
  type!: 'retracted';

  @ApiProperty({
    type: String,
    format: 'uuid',
    description: 'The event of this deal that no longer counts',
    example: '0b6f4c1e-8d2a-4f7e-9c3b-5a1d2e3f4a5b',
  })
  @IsRequired()
  @IsUUID('all', { message: '$property must be a UUID' })
  @LowerCase()
  eventId!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: MAX_TEXT, example: 'Entered on the wrong deal' })
  @IsRequired()
  @Trim()
  @IsText(1, MAX_TEXT)
  reason!: string;
}

/** The DTO class for each event type: the parser picks one by `type`; controllers list them in @ApiExtraModels. */
export const DEAL_EVENT_DTOS = {
  rumored: RumoredEventDto,
  announced: AnnouncedEventDto,
  priced: PricedEventDto,
  competing_bid: CompetingBidEventDto,
  regulatory: RegulatoryEventDto,
  advisor_retained: AdvisorRetainedEventDto,
  shareholder_vote: ShareholderVoteEventDto,
  termination_attempted: TerminationAttemptedEventDto,
  closed: ClosedEventDto,
  terminated: TerminatedEventDto,
  withdrawn: WithdrawnEventDto,
  voided: VoidedEventDto,
  retracted: RetractedEventDto,
} as const satisfies Record<DealEventType, new () => DealEventBaseDto>;

export type DealEventDto = InstanceType<(typeof DEAL_EVENT_DTOS)[DealEventType]>;

// Compile-time drift check: each DTO has exactly the keys of its domain input type.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type AssertTrue<T extends true> = T;
export type DtoKeysMatchDomain = AssertTrue<
  { [T in DealEventType]: SameKeys<InstanceType<(typeof DEAL_EVENT_DTOS)[T]>, InputOf<T>> }[DealEventType]
>;
