// The bodies of PATCH /companies/{id} and POST /companies/{id}/merge.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches, ValidateBy } from 'class-validator';
import { IsName, IsRequired, IsText, LowerCase, Trim, UpperCase } from '../../deals/http/dto/validators.js';
import { isISO31661Alpha2 } from 'class-validator';
import { LISTINGS, type Listing, SECTORS, type Sector } from '../../deals/domain/company.js';

/** ISO 17442: 18 characters, then two check digits; letters count as 10–35 and the whole number is 1 modulo 97. */
export function isLei(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Z0-9]{18}[0-9]{2}$/.test(value)) return false;
  const digits = [...value].map((c) => Number.parseInt(c, 36)).join('');
  return BigInt(digits) % 97n === 1n;
}

const NULL_CLEARS = 'null clears it; left out, it stays as it is';

/** Every fact optional; null clears one (IsOptional lets null through, and the projection clears it). */
export class CompanyProfileBody {
  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^[A-Z]{2}$', description: `ISO 3166-1 alpha-2 country code, any case; ${NULL_CLEARS}`, example: 'US' })
  @IsOptional()
  @ValidateBy({ name: 'isCountry', validator: { validate: (value: unknown) => typeof value === 'string' && isISO31661Alpha2(value) } }, { message: '$property must be an ISO 3166-1 alpha-2 country code, e.g. "US"' })
  @UpperCase()
  @Trim()
  country?: string | null;

  @ApiPropertyOptional({ type: String, enum: SECTORS, nullable: true, description: `GICS sector; ${NULL_CLEARS}`, example: 'consumer_staples' })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^\\d{2,6}$', description: `NAICS code, 2 to 6 digits; ${NULL_CLEARS}`, example: '445110' })
  @IsOptional()
  @Matches(/^\d{2,6}$/, { message: '$property must be a NAICS code of 2 to 6 digits, as a string' })
  naics?: string | null;

  @ApiPropertyOptional({ type: String, enum: LISTINGS, nullable: true, description: NULL_CLEARS, example: 'public' })
  @IsOptional()
  @IsIn(LISTINGS)
  listing?: Listing | null;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: 20, description: `Exchange ticker, e.g. KR; ${NULL_CLEARS}`, example: 'KR' })
  @IsOptional()
  @Trim()
  @IsText(1, 20)
  ticker?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^[A-Z0-9]{18}[0-9]{2}$', description: `ISO 17442 Legal Entity Identifier, check digits verified; ${NULL_CLEARS}`, example: '6CPEOKI6OYJ13Q6O7870' })
  @IsOptional()
  @UpperCase()
  @Trim()
  @ValidateBy({ name: 'isLei', validator: { validate: isLei } }, { message: '$property must be an ISO 17442 LEI: 20 characters whose check digits are right' })
  lei?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: 200, description: `The name to show for the company; ${NULL_CLEARS}`, example: 'The Kroger Co.' })
  @IsOptional()
  @Trim()
  @IsName()
  @IsText(1, 200)
  displayName?: string | null;
}

export class CompanyMergeBody {
  @ApiProperty({ type: String, format: 'uuid', description: 'The company it was one with: its deals and names go there', example: '3cc1bb22-e7d6-572c-ab90-29239e085d75' })
  @IsRequired()
  @IsUUID('all', { message: '$property must be a UUID' })
  @LowerCase()
  into!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: 2000, example: 'Entered under a former name' })
  @IsRequired()
  @Trim()
  @IsText(1, 2000)
  reason!: string;
}
