import { decodePageCursor } from '../../http/paging.js';
import { limitParam } from '../../http/params.js';
import { RequestValidationError } from '../../http/request-validation.error.js';
import { type DateRange, collectErrors, dateRangeParams, enumParam } from '../../http/param-errors.js';
import { ADVISOR_ROLES, type AdvisorRole } from '../../deals/domain/deal.events.js';
import { type RawSlicing, type Slicing, parseSlicing } from '../../report-totals/report-source.js';
import { BASES, type Basis, MEASURES, type Measure } from '../../report-totals/totals-segments.js';
import { RANKINGS, type Ranking } from '../queries/get-league-table.query.js';

export interface LeagueTableParams {
  basis: Basis;
  ranking: Ranking;
  measure: Measure;
  range: DateRange;
  slicing: Slicing;
  limit: number;
  afterPosition: number;
}

export interface RawAdvisorTableParams extends RawLeagueTableParams {
  role?: unknown;
}

export interface RawLeagueTableParams extends RawSlicing {
  basis?: unknown;
  rank?: unknown;
  measure?: unknown;
  from?: unknown;
  to?: unknown;
  limit?: unknown;
  cursor?: unknown;
}


export function parseLeagueTableParams(raw: RawLeagueTableParams): LeagueTableParams {
  const params = collectErrors({
    basis: () => enumParam('basis', raw.basis, BASES, 'announced'),
    ranking: () => enumParam('rank', raw.rank, RANKINGS, 'value'),
    measure: () => enumParam('measure', raw.measure, MEASURES, 'value'),
    range: () => dateRangeParams(raw.from, raw.to),
    slicing: () => parseSlicing(raw),
    limit: () => limitParam(raw.limit),
    afterPosition: () => positionCursor(raw.cursor),
  });
  return params;
}

/** The advisor table's: the acquirer table's, and the advisors' role (financial unless asked). */
export function parseAdvisorTableParams(raw: RawAdvisorTableParams): LeagueTableParams & { role: AdvisorRole } {
  const { role, table } = collectErrors({
    role: () => enumParam('role', raw.role, ADVISOR_ROLES, 'financial'),
    table: () => parseLeagueTableParams(raw),
  });
  return { ...table, role };
}

/** Above any table's length, and with a page added still an SQL integer. */
const MAX_POSITION = 2_000_000_000;

/** The cursor carries the table position of the last row served. */
function positionCursor(cursor: unknown): number {
  const key = decodePageCursor(cursor, 1);
  if (key === undefined) return 0;
  if (Number.isSafeInteger(key[0]) && (key[0] as number) > 0 && (key[0] as number) <= MAX_POSITION) return key[0] as number;
  throw new RequestValidationError([{ field: 'cursor', message: 'is not a cursor this server issued' }]);
}
