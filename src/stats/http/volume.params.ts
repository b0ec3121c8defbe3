import { decodePageCursor } from '../../http/paging.js';
import { limitParam } from '../../http/params.js';
import { RequestValidationError } from '../../http/request-validation.error.js';
import { INTERVALS, type Interval, periodStart } from '../period.js';
import { BREAKDOWNS } from '../queries/get-breakdown.query.js';
import { type DateRange, collectErrors, dateRangeParams, enumParam } from '../../http/param-errors.js';
import { type RawSlicing, type Slicing, parseSlicing } from '../../report-totals/report-source.js';
import { BASES, type Basis, MEASURES, type Measure } from '../../report-totals/totals-segments.js';

export interface VolumeParams {
  basis: Basis;
  interval: Interval;
  measure: Measure;
  range: DateRange;
  slicing: Slicing;
  limit: number;
  afterPeriodStart?: string;
}

export interface RawVolumeParams extends RawSlicing {
  basis?: unknown;
  interval?: unknown;
  measure?: unknown;
  from?: unknown;
  to?: unknown;
  limit?: unknown;
  cursor?: unknown;
}


export function parseVolumeParams(raw: RawVolumeParams): VolumeParams {
  const parsed = collectErrors({
    basis: () => enumParam('basis', raw.basis, BASES, 'announced'),
    interval: () => enumParam('interval', raw.interval, INTERVALS, 'month'),
    measure: () => enumParam('measure', raw.measure, MEASURES, 'value'),
    range: () => dateRangeParams(raw.from, raw.to),
    slicing: () => parseSlicing(raw),
    limit: () => limitParam(raw.limit),
  });
  return { ...parsed, afterPeriodStart: volumeCursor(raw.cursor, parsed.interval) };
}

/** The cursor carries the last period served; it must be a period of the interval asked for. */
function volumeCursor(cursor: unknown, interval: Interval): string | undefined {
  const key = decodePageCursor(cursor, 1);
  if (key === undefined) return undefined;
  const start = typeof key[0] === 'string' ? periodStart(key[0], interval) : undefined;
  if (start) return start;
  throw new RequestValidationError([{ field: 'cursor', message: `is not a cursor of a ${interval} listing` }]);
}

export interface RawBreakdownParams {
  by?: unknown;
  basis?: unknown;
  measure?: unknown;
  from?: unknown;
  to?: unknown;
}

export function parseBreakdownParams(raw: RawBreakdownParams) {
  return collectErrors({
    // Required: a breakdown by nothing in particular is a mistake worth telling.
    by: () => enumParam('by', raw.by ?? '', BREAKDOWNS, BREAKDOWNS[0]),
    basis: () => enumParam('basis', raw.basis, BASES, 'announced'),
    measure: () => enumParam('measure', raw.measure, MEASURES, 'value'),
    range: () => dateRangeParams(raw.from, raw.to),
  });
}
