// Where a report reads its totals from. Unsliced, or sliced by one dimension (any of its values), the pre-aggregated
// totals hold them: one slice per value, each deal in at most one slice of a dimension, so the slices asked for add
// up. Otherwise (several dimensions at once) the day totals of just those deals are computed from deal_views, by the
// same functions the totals are kept with (report-totals.sql).
import { ParamErrors } from '../http/param-errors.js';
import type { DateRange } from '../http/param-errors.js';
import { SECTORS } from '../deals/domain/company.js';
import { booleanParam, choiceList, countryList } from '../deals/queries/list-deals.params.js';
import { type Basis, type Credit, coverRange, totalsWithin } from './totals-segments.js';

/** The report filters on the deals' parties: each a list of values (any of them), or cross-border or not. */
export interface Slicing {
  acquirerCountry?: string[];
  targetCountry?: string[];
  targetSector?: string[];
  crossBorder?: boolean;
}

export interface RawSlicing {
  acquirerCountry?: unknown;
  targetCountry?: unknown;
  targetSector?: unknown;
  crossBorder?: unknown;
}

export function parseSlicing(raw: RawSlicing): Slicing {
  const errors = new ParamErrors();
  const slicing: Slicing = {
    acquirerCountry: countryList('acquirerCountry', raw.acquirerCountry, errors),
    targetCountry: countryList('targetCountry', raw.targetCountry, errors),
    targetSector: choiceList('targetSector', raw.targetSector, SECTORS, errors),
    crossBorder: booleanParam('crossBorder', raw.crossBorder, errors),
  };
  errors.done();
  return Object.fromEntries(Object.entries(slicing).filter(([, v]) => v !== undefined));
}

/** The deal_views column each dimension is. */
const COLUMNS: Record<keyof Slicing, string> = {
  acquirerCountry: 'acquirer_country',
  targetCountry: 'target_country',
  targetSector: 'target_sector',
  crossBorder: 'cross_border',
};

/** The date a basis places a deal on (report_entries, report-totals.sql). */
const BASIS_DATE: Record<Basis, string> = { announced: 'announced_on', closed: 'closed_on' };

/** The totals rows (as a subquery `t` with the table's columns) a report sums, with parameters from `firstParam`. */
export function reportSource(
  table: 'credit_totals' | 'volume_totals',
  equal: { basis: Basis; credit?: Credit },
  slicing: Slicing,
  range: DateRange,
  coarsest: 'year' | 'quarter' | 'month',
  firstParam: number,
): { sql: string; params: unknown[] } {
  const dimensions = Object.keys(slicing) as (keyof Slicing)[];
  // Both tables are sliced by every dimension (report_slices, report-totals.sql), one at a time.
  if (dimensions.length <= 1) {
    const [dimension] = dimensions;
    const slices = dimension === undefined ? [''] : [slicing[dimension]].flat().map((value) => `${dimension}:${value}`);
    return totalsWithin(table, equal, slices, coverRange(range, coarsest), firstParam);
  }
  return computedTotals(table, equal, slicing, range, firstParam);
}

function computedTotals(
  table: 'credit_totals' | 'volume_totals',
  equal: { basis: Basis; credit?: Credit },
  slicing: Slicing,
  range: DateRange,
  firstParam: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${firstParam + params.push(value) - 1}`;
  const deals = Object.entries(slicing).map(([dimension, value]) => {
    const column = `d.${COLUMNS[dimension as keyof Slicing]}`;
    return Array.isArray(value) ? `${column} = ANY(${param(value)}::text[])` : `${column} = ${param(value)}::boolean`;
  });
  const dated = `d.${BASIS_DATE[equal.basis]}`;
  if (range.from) deals.push(`${dated} >= ${param(range.from)}::date`);
  if (range.to) deals.push(`${dated} <= ${param(range.to)}::date`);
  const totals = Object.entries(equal).map(([column, value]) => `t.${column} = ${param(value)}`);
  const deltas = table === 'credit_totals' ? 'credit_deltas' : 'volume_deltas';
  return {
    sql: `(SELECT t.* FROM ${deltas}(deal_report_changes(ARRAY(SELECT d.deal_id FROM deal_views d WHERE ${deals.join(' AND ')})), true) t
      WHERE ${totals.join(' AND ')}) t`,
    params,
  };
}

