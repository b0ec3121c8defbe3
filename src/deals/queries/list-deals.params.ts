// Query-string parsing for GET /deals (and the name search GET /companies shares). Every problem is collected, so
// one 400 names every bad field at once.
import { Decimal } from 'decimal.js';
import { isISO31661Alpha2, isUUID } from 'class-validator';
import { decodePageCursor } from '../../http/paging.js';
import { isCalendarDate, limitParam } from '../../http/params.js';
import { ParamErrors, optionalText } from '../../http/param-errors.js';
import { RequestValidationError } from '../../http/request-validation.error.js';
import { isPositiveDecimalString } from '../http/dto/validators.js';
import { normalizeCompanyName } from '../domain/company-id.js';
import { SECTORS, type Sector } from '../domain/company.js';
import { DEAL_STATUSES, type DealStatus } from '../domain/deal.js';
import { ATTITUDES, type Attitude, DEAL_TYPES, type DealType } from '../domain/deal.events.js';

export const DEAL_SORTS = ['announcedOn', '-announcedOn', 'valueUsd', '-valueUsd', 'updatedAt', '-updatedAt'] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

/** A company named by id, or by a name that stands for every company seen under the same normalised name. */
export type CompanyFilter = { companyId: string } | { normalizedName: string };

/** A party-name search: the raw text (case-insensitive) and its normalised form (accents, punctuation), if any. */
export interface NameSearch {
  text: string;
  normalized: string | null;
}

export interface DealListFilters {
  statuses?: DealStatus[];
  acquirer?: CompanyFilter;
  target?: CompanyFilter;
  party?: CompanyFilter;
  announcedFrom?: string;
  announcedTo?: string;
  closedFrom?: string;
  closedTo?: string;
  dealTypes?: DealType[];
  attitudes?: Attitude[];
  acquirerCountries?: string[];
  targetCountries?: string[];
  acquirerSectors?: Sector[];
  targetSectors?: Sector[];
  crossBorder?: boolean;
  advisor?: CompanyFilter;
  minValueUsd?: string;
  maxValueUsd?: string;
  q?: NameSearch;
}

/** The sort key of the last item of a page: its value as text (null in the NULLs-last tail) and its deal id. */
export interface DealCursor {
  key: string | null;
  dealId: string;
}

export interface DealListParams {
  filters: DealListFilters;
  sort: DealSort;
  limit: number;
  after?: DealCursor;
}

export function optionalNameSearch(field: string, value: unknown, errors: ParamErrors): NameSearch | undefined {
  const text = optionalText(field, value, errors);
  if (text === undefined) return undefined;
  return { text, normalized: normalizeCompanyName(text) || null };
}

export function parseDealListParams(query: Record<string, unknown>): DealListParams {
  const errors = new ParamErrors();
  const filters: DealListFilters = {
    statuses: choiceList('status', query.status, DEAL_STATUSES, errors),
    acquirer: companyFilter('acquirer', query.acquirer, errors),
    target: companyFilter('target', query.target, errors),
    party: companyFilter('party', query.party, errors),
    announcedFrom: date('announcedFrom', query.announcedFrom, errors),
    announcedTo: date('announcedTo', query.announcedTo, errors),
    closedFrom: date('closedFrom', query.closedFrom, errors),
    closedTo: date('closedTo', query.closedTo, errors),
    dealTypes: choiceList('dealType', query.dealType, DEAL_TYPES, errors),
    attitudes: choiceList('attitude', query.attitude, ATTITUDES, errors),
    acquirerCountries: countryList('acquirerCountry', query.acquirerCountry, errors),
    targetCountries: countryList('targetCountry', query.targetCountry, errors),
    acquirerSectors: choiceList('acquirerSector', query.acquirerSector, SECTORS, errors),
    targetSectors: choiceList('targetSector', query.targetSector, SECTORS, errors),
    crossBorder: booleanParam('crossBorder', query.crossBorder, errors),
    advisor: companyFilter('advisor', query.advisor, errors),
    minValueUsd: usdAmount('minValueUsd', query.minValueUsd, errors),
    maxValueUsd: usdAmount('maxValueUsd', query.maxValueUsd, errors),
    q: optionalNameSearch('q', query.q, errors),
  };
  checkRanges(filters, errors);
  const sort = sortParam(query.sort, errors);
  const limit = errors.collect(() => limitParam(query.limit));
  const after = sort && errors.collect(() => dealCursor(query.cursor, sort));
  errors.done();
  return { filters: dropUndefined(filters), sort: sort!, limit: limit!, after };
}

/** A comma list of some of `choices` (status, dealType, attitude, a sector), each once. */
export function choiceList<T extends string>(field: string, value: unknown, choices: readonly T[], errors: ParamErrors): T[] | undefined {
  const text = optionalText(field, value, errors);
  if (text === undefined) return undefined;
  const given = text.split(',').map((s) => s.trim());
  if (given.some((s) => !(choices as readonly string[]).includes(s))) return errors.add(field, `must be a comma list of ${choices.join(', ')}`);
  return [...new Set(given)] as T[];
}

/** A comma list of ISO 3166-1 alpha-2 country codes, any case, each once. */
export function countryList(field: string, value: unknown, errors: ParamErrors): string[] | undefined {
  const text = optionalText(field, value, errors);
  if (text === undefined) return undefined;
  const given = text.split(',').map((s) => s.trim().toUpperCase());
  if (given.some((code) => !isISO31661Alpha2(code))) return errors.add(field, 'must be a comma list of ISO 3166-1 alpha-2 country codes, e.g. US,GB');
  return [...new Set(given)];
}

/** true or false, as written. */
export function booleanParam(field: string, value: unknown, errors: ParamErrors): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return errors.add(field, 'must be true or false');
}

function companyFilter(field: string, value: unknown, errors: ParamErrors): CompanyFilter | undefined {
  const text = optionalText(field, value, errors);
  if (text === undefined) return undefined;
  if (isUUID(text)) return { companyId: text.toLowerCase() };
  const normalizedName = normalizeCompanyName(text);
  return normalizedName ? { normalizedName } : errors.add(field, 'must be a company id (UUID) or a name with a letter or digit');
}

function date(field: string, value: unknown, errors: ParamErrors): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' && isCalendarDate(value) ? value : errors.add(field, 'must be a date YYYY-MM-DD');
}

function usdAmount(field: string, value: unknown, errors: ParamErrors): string | undefined {
  if (value === undefined) return undefined;
  return isPositiveDecimalString(value) ? value : errors.add(field, 'must be a positive decimal, e.g. 1000000000 or 2.5');
}

/** An empty range is a mistake worth telling, not an empty page. */
function checkRanges(f: DealListFilters, errors: ParamErrors): void {
  if (f.announcedFrom && f.announcedTo && f.announcedFrom > f.announcedTo) {
    errors.add('announcedTo', 'must not be before announcedFrom');
  }
  if (f.closedFrom && f.closedTo && f.closedFrom > f.closedTo) errors.add('closedTo', 'must not be before closedFrom');
  if (f.minValueUsd && f.maxValueUsd && new Decimal(f.minValueUsd).greaterThan(f.maxValueUsd)) {
    errors.add('maxValueUsd', 'must not be less than minValueUsd');
  }
}

function sortParam(value: unknown, errors: ParamErrors): DealSort | undefined {
  if (value === undefined) return '-announcedOn';
  const known = typeof value === 'string' && (DEAL_SORTS as readonly string[]).includes(value);
  return known ? (value as DealSort) : errors.add('sort', `must be one of ${DEAL_SORTS.join(', ')}`);
}

/** Sort keys a deal may lack (no announcement, no USD value): only their cursors may carry a NULL key. */
const NULLABLE_KEYS = new Set(['announcedOn', 'valueUsd']);

const KEY_FORMATS: Record<string, (key: string) => boolean> = {
  announcedOn: isCalendarDate,
  valueUsd: (key) => /^\d{1,40}(\.\d{1,20})?$/.test(key),
  // A real instant, not just its shape: "2025-13-45T99:99:99.000000Z" would reach PostgreSQL as a 500.
  updatedAt: (key) => /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/.test(key) && isCalendarDate(key.slice(0, 10)),
};

/** The cursor names its sort, so a cursor from one ordering cannot be replayed against another. */
function dealCursor(cursor: unknown, sort: DealSort): DealCursor | undefined {
  const decoded = decodePageCursor(cursor, 3);
  if (decoded === undefined) return undefined;
  const [cursorSort, key, dealId] = decoded;
  const sortKey = sort.replace('-', '');
  const keyOk = key === null ? NULLABLE_KEYS.has(sortKey) : typeof key === 'string' && KEY_FORMATS[sortKey](key);
  if (cursorSort !== sort || !keyOk || typeof dealId !== 'string' || !isUUID(dealId)) {
    throw new RequestValidationError([{ field: 'cursor', message: 'is not a cursor this server issued for this sort' }]);
  }
  return { key: key as string | null, dealId };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
