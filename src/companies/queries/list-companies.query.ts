import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { likeContaining } from '../../database/sql-text.js';
import type { NameSearch } from '../../deals/queries/list-deals.params.js';
import { decodePageCursor, type Page, toPage } from '../../http/paging.js';
import { RequestValidationError } from '../../http/request-validation.error.js';
import { dealCountSql, latestNamesSql, namesSeenSql, notMergedSql } from './company-names.sql.js';

export interface CompanySummary {
  companyId: string;
  /** The name it was most recently seen under. */
  name: string;
  /** Every name it was seen under. */
  names: string[];
  /** Deals it is acquirer, target or seller of, whatever their status but voided. */
  dealCount: number;
}

/** The sort key of the last company of a page: its latest name normalised, that name, and its id. */
export type CompanyCursor = [string, string, string];

export class ListCompaniesQuery extends Query<Page<CompanySummary>> {
  constructor(
    readonly q: NameSearch | undefined,
    readonly limit: number,
    readonly after?: CompanyCursor,
  ) {
    super();
  }
}

interface CompanyRow {
  company_id: string;
  name: string;
  normalized_name: string;
  names: string[];
  deal_count: number;
}

/**
 * GET /companies: ordered by the latest name, normalised (so case and accents do not split the alphabet), then that
 * name byte-wise, then the id; keyset-paged on that triple. `q` matches any name the company was seen under.
 */
@QueryHandler(ListCompaniesQuery)
export class ListCompaniesHandler implements IQueryHandler<ListCompaniesQuery, Page<CompanySummary>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ q, limit, after }: ListCompaniesQuery): Promise<Page<CompanySummary>> {
    const values: unknown[] = [limit + 1];
    const add = (value: unknown) => `$${values.push(value)}`;
    // A company merged away is listed as the one it was merged into, under whose names it is found.
    const where: string[] = [notMergedSql('l.company_id')];
    if (q) where.push(`l.company_id IN (SELECT company_alias(company_id) FROM company_names WHERE ${nameMatches(q, add)})`);
    if (after) {
      where.push(`(l.normalized_name COLLATE "C", l.name COLLATE "C", l.company_id) > (${add(after[0])}, ${add(after[1])}, ${add(after[2])}::uuid)`);
    }
    // The page is chosen first, so names and counts are only gathered for the companies it returns.
    const rows: CompanyRow[] = await this.dataSource.query(
      `SELECT p.company_id, p.name, p.normalized_name, ${namesSeenSql('p.company_id')} AS names, ${dealCountSql('p.company_id')} AS deal_count
       FROM (
         SELECT l.* FROM (${latestNamesSql()}) l
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY l.normalized_name COLLATE "C", l.name COLLATE "C", l.company_id
         LIMIT $1
       ) p
       ORDER BY p.normalized_name COLLATE "C", p.name COLLATE "C", p.company_id`,
      values,
    );
    return toPage(
      rows,
      limit,
      (r) => ({ companyId: r.company_id, name: r.name, names: r.names, dealCount: r.deal_count }),
      (r) => [r.normalized_name, r.name, r.company_id],
    );
  }
}

/** Any seen name: normalised substring (case, accents, punctuation), or the raw text case-insensitively. */
function nameMatches(q: NameSearch, add: (value: unknown) => string): string {
  const raw = `name ILIKE ${add(likeContaining(q.text))}`;
  return q.normalized ? `(normalized_name LIKE ${add(likeContaining(q.normalized))} OR ${raw})` : raw;
}

export function companyCursor(cursor: unknown): CompanyCursor | undefined {
  const decoded = decodePageCursor(cursor, 3);
  if (decoded === undefined) return undefined;
  const [normalized, name, companyId] = decoded;
  const isText = (value: unknown): value is string => typeof value === 'string' && !value.includes('\u0000'); // NUL: a 500 in SQL
  if (!isText(normalized) || !isText(name) || typeof companyId !== 'string' || !isUUID(companyId)) {
    throw new RequestValidationError([{ field: 'cursor', message: 'is not a cursor this server issued' }]);
  }
  return [normalized, name, companyId];
}
