import { decodePageCursor } from '../../http/paging.js';
import { limitParam } from '../../http/params.js';
import { RequestValidationError } from '../../http/request-validation.error.js';
import { INTERVALS, type Interval, periodStart } from '../period.js';
import { type DateRange, collectErrors, dateRangeParams, enumParam } from '../../http/param-errors.js';
import { BASES, type Basis, MEASURES, type Measure } from '../../report-totals/totals-segments.js';

export interface VolumeParams {
  basis: Basis;
  interval: Interval;
  measure: Measure;
  range: DateRange;
  limit: number;
  afterPeriodStart?: string;
}

export interface RawVolumeParams {
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
