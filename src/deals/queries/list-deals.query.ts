import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../http/paging.js';
import { DEAL_VIEW_COLUMNS, type StoredDealView, fromDealViewRow } from '../projections/deal-view-row.js';
import type { DealView } from '../projections/deal-view.js';
import { likeContaining } from '../../database/sql-text.js';
import type { CompanyFilter, DealListFilters, DealListParams, NameSearch } from './list-deals.params.js';

export class ListDealsQuery extends Query<Page<DealView>> {
  constructor(readonly params: DealListParams) {
    super();
  }
}

interface SortKey {
  column: string;
  /** The key as text for the cursor; it must read back through `::${cast}` to the same value. */
  text: string;
  cast: string;
  nullable: boolean;
}

const SORT_KEYS: Record<string, SortKey> = {
  announcedOn: { column: 'd.announced_on', text: 'd.announced_on::text', cast: 'date', nullable: true },
  valueUsd: { column: 'd.value_usd', text: 'd.value_usd::text', cast: 'numeric', nullable: true },
  updatedAt: {
    column: 'd.updated_at',
    text: `to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: 'timestamptz',
    nullable: false,
  },
};

type ListedRow = StoredDealView & { deal_id: string; sort_key: string | null };

/** Binds values to $n placeholders in order of use. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * GET /deals: filters over deal_views and a keyset page in the chosen order, NULL sort keys last in both directions.
 * The rows with a key and the NULL tail are two branches, each ordered like an index ((key, deal_id), or deal_id)
 * and starting at the cursor, so a deep page does not re-read the rows before it and no OR on NULLs defeats the index.
 */
@QueryHandler(ListDealsQuery)
export class ListDealsHandler implements IQueryHandler<ListDealsQuery, Page<DealView>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ params }: ListDealsQuery): Promise<Page<DealView>> {
    const p = new Params();
    const where = await this.filterClauses(params.filters, p);
    const rows: ListedRow[] = await this.dataSource.query(pageSql(params, where, p), p.values);
    return toPage(rows, params.limit, fromDealViewRow, (row) => [params.sort, row.sort_key, row.deal_id]);
  }

  private async filterClauses(f: DealListFilters, p: Params): Promise<string[]> {
    const where: string[] = [];
    // Voided deals count nowhere (deal_counts, report-totals.sql) unless asked for by status.
    where.push(f.statuses ? `d.status = ANY(${p.add(f.statuses)}::text[])` : 'deal_counts(d.status)');
    if (f.acquirer) where.push(anyOf(['d.acquirer_id'], p.add(await this.companyIds(f.acquirer))));
    if (f.target) where.push(anyOf(['d.target_id'], p.add(await this.companyIds(f.target))));
    if (f.party) where.push(anyOf(['d.acquirer_id', 'd.target_id', 'd.seller_id'], p.add(await this.companyIds(f.party))));
    if (f.announcedFrom) where.push(`d.announced_on >= ${p.add(f.announcedFrom)}::date`);
    if (f.announcedTo) where.push(`d.announced_on <= ${p.add(f.announcedTo)}::date`);
    if (f.closedFrom) where.push(`d.closed_on >= ${p.add(f.closedFrom)}::date`);
    if (f.closedTo) where.push(`d.closed_on <= ${p.add(f.closedTo)}::date`);
    if (f.dealTypes) where.push(`d.deal_type = ANY(${p.add(f.dealTypes)}::text[])`);
    if (f.attitudes) where.push(`d.attitude = ANY(${p.add(f.attitudes)}::text[])`);
    if (f.acquirerCountries) where.push(`d.acquirer_country = ANY(${p.add(f.acquirerCountries)}::text[])`);
    if (f.targetCountries) where.push(`d.target_country = ANY(${p.add(f.targetCountries)}::text[])`);
    if (f.acquirerSectors) where.push(`d.acquirer_sector = ANY(${p.add(f.acquirerSectors)}::text[])`);
    if (f.targetSectors) where.push(`d.target_sector = ANY(${p.add(f.targetSectors)}::text[])`);
    if (f.crossBorder !== undefined) where.push(`d.cross_border = ${p.add(f.crossBorder)}::boolean`);
    // The expression the deal_views_advisors index is on.
    if (f.advisor) where.push(`(d.financial_advisor_ids || d.legal_advisor_ids) && ${p.add(await this.companyIds(f.advisor))}::uuid[]`);
    if (f.minValueUsd) where.push(`d.value_usd >= ${p.add(f.minValueUsd)}::numeric`);
    if (f.maxValueUsd) where.push(`d.value_usd <= ${p.add(f.maxValueUsd)}::numeric`);
    if (f.q) where.push(partyNameSearch(f.q, p));
    return where;
  }

  /**
   * A name stands for every company seen under it; resolved up front so the deal filter is a plain indexed `= ANY`.
   * A company merged away stands for the one it was merged into, which its deals now name.
   */
  private async companyIds(filter: CompanyFilter): Promise<string[]> {
    const rows: { company_id: string }[] =
      'companyId' in filter
        ? await this.dataSource.query('SELECT company_alias($1) AS company_id', [filter.companyId])
        : await this.dataSource.query('SELECT DISTINCT company_alias(company_id) AS company_id FROM company_names WHERE normalized_name = $1', [
            filter.normalizedName,
          ]);
    return rows.map((r) => r.company_id);
  }
}

const anyOf = (columns: string[], ids: string) => `(${columns.map((c) => `${c} = ANY(${ids}::uuid[])`).join(' OR ')})`;

/**
 * Case-insensitive substring of a party's name on the deal, or of any name its acquirer, target or seller was seen
 * under (normalised, so accents and punctuation do not matter).
 */
function partyNameSearch(q: NameSearch, p: Params): string {
  const text = p.add(likeContaining(q.text));
  const onDeal = `d.acquirer_name ILIKE ${text} OR d.target_name ILIKE ${text} OR d.seller_name ILIKE ${text}`;
  if (!q.normalized) return `(${onDeal})`;
  const seen = `EXISTS (SELECT 1 FROM company_names cn WHERE cn.company_id IN (d.acquirer_id, d.target_id, d.seller_id)
    AND cn.normalized_name LIKE ${p.add(likeContaining(q.normalized))})`;
  return `(${onDeal} OR ${seen})`;
}

function pageSql({ sort, limit, after }: DealListParams, where: string[], p: Params): string {
  const key = SORT_KEYS[sort.replace('-', '')];
  const descending = sort.startsWith('-');
  const dir = descending ? 'DESC' : 'ASC';
  const beyond = descending ? '<' : '>';
  const fetch = p.add(limit + 1);
  const select = `SELECT ${DEAL_VIEW_COLUMNS}, d.deal_id, ${key.text} AS sort_key, ${key.column} AS sort_value FROM deal_views d`;
  const branches: string[] = [];
  if (!after || after.key !== null) {
    const conditions = [...where, ...(key.nullable ? [`${key.column} IS NOT NULL`] : [])];
    if (after) conditions.push(`(${key.column}, d.deal_id) ${beyond} (${p.add(after.key)}::${key.cast}, ${p.add(after.dealId)}::uuid)`);
    branches.push(`${select} ${whereSql(conditions)} ORDER BY ${key.column} ${dir}, d.deal_id ${dir} LIMIT ${fetch}`);
  }
  if (key.nullable) {
    const conditions = [...where, `${key.column} IS NULL`];
    if (after?.key === null) conditions.push(`d.deal_id ${beyond} ${p.add(after.dealId)}::uuid`);
    branches.push(`${select} ${whereSql(conditions)} ORDER BY d.deal_id ${dir} LIMIT ${fetch}`);
  }
  return `SELECT * FROM (${branches.map((b) => `(${b})`).join(' UNION ALL ')}) page
    ORDER BY sort_value IS NULL, sort_value ${dir}, deal_id ${dir} LIMIT ${fetch}`;
}

const whereSql = (conditions: string[]) => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

