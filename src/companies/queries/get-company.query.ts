import { NotFoundException } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Money } from '../../deals/domain/deal.events.js';
import { DEAL_STATUSES, type DealStatus } from '../../deals/domain/deal.js';
import type { CompanyRef } from '../../deals/projections/deal-view.js';
import type { CompanyFacts } from '../../deals/domain/company.js';
import { latestNamesSql, namesSeenSql } from './company-names.sql.js';

export const COMPANY_ROLES = ['acquirer', 'target', 'seller'] as const;
export type CompanyRole = (typeof COMPANY_ROLES)[number];

export interface CompanyDeal {
  dealId: string;
  status: DealStatus;
  announcedOn: string | null;
  value: Money | null;
  valueUsd: string | null;
  /** The other side: the target for an acquirer; the acquirer for a target or a seller. */
  counterparty: CompanyRef;
}

export interface RoleSummary {
  /** The role's deals, but voided ones (which count nowhere). */
  dealCount: number;
  /**
   * Sum of valueUsd over the role's deals that credit value (not withdrawn, terminated or voided); null when none of
   * them has a USD figure, as in the league tables.
   */
  valueUsd: string | null;
  /** Of those deals, the ones with a value but no USD figure (no reported USD amount, no FX rate yet). */
  unconvertedCount: number;
  /** Every status, voided deals included. */
  dealCountByStatus: Record<DealStatus, number>;
  deals: CompanyDeal[];
}

export interface CompanyDetail extends CompanyFacts {
  companyId: string;
  name: string;
  names: string[];
  /** The company stream's version: what If-Match compares (0 before its first profile). */
  version: number;
  /** Companies merged into this one: their names and deals are this one's. */
  mergedFrom: string[];
  roles: Record<CompanyRole, RoleSummary>;
}

/** Asked for a company merged into another: it answers as that one (301). */
export class CompanyMoved extends Error {
  constructor(
    readonly companyId: string,
    readonly into: string,
  ) {
    super(`Company ${companyId} was merged into ${into}.`);
  }
}

export class GetCompanyQuery extends Query<CompanyDetail> {
  constructor(readonly companyId: string) {
    super();
  }
}

type RoleRow = Omit<RoleSummary, 'dealCount' | 'valueUsd' | 'unconvertedCount'> & {
  role: CompanyRole;
  deal_count: number;
  value_usd: string | null;
  unconverted_count: number;
};

// The deals of each role with the counterparty; one deal can appear under two roles of the same company.
const ROLE_DEALS = `
  SELECT 'acquirer' AS role, deal_id, status, announced_on, rumored_on, value_amount, value_usd, view, target_id AS other_id, target_name AS other_name
  FROM deal_views WHERE acquirer_id = $1
  UNION ALL
  SELECT 'target', deal_id, status, announced_on, rumored_on, value_amount, value_usd, view, acquirer_id, acquirer_name
  FROM deal_views WHERE target_id = $1
  UNION ALL
  SELECT 'seller', deal_id, status, announced_on, rumored_on, value_amount, value_usd, view, acquirer_id, acquirer_name
  FROM deal_views WHERE seller_id = $1`;

const countsByStatus = DEAL_STATUSES.map((s) => `'${s}', count(*) FILTER (WHERE status = '${s}')`).join(', ');

/**
 * One statement for every role, so a role’s list and its totals come from one snapshot. Which deals count and which
 * credit value is the league tables' rule (deal_counts, deal_credits_value: report-totals.sql). Totals are summed in
 * SQL as numeric and leave as decimal strings. Deals are listed newest first (announcement, else rumour, date).
 */
const ROLES_SQL = `
  WITH role_deals AS (${ROLE_DEALS})
  SELECT role,
    (count(*) FILTER (WHERE deal_counts(status)))::int AS deal_count,
    trim_scale(sum(value_usd) FILTER (WHERE deal_credits_value(status)))::text AS value_usd,
    (count(*) FILTER (WHERE deal_credits_value(status) AND value_amount IS NOT NULL AND value_usd IS NULL))::int AS unconverted_count,
    json_build_object(${countsByStatus}) AS "dealCountByStatus",
    coalesce(json_agg(json_build_object(
      'dealId', deal_id, 'status', status, 'announcedOn', announced_on::text, 'value', view->'value',
      'valueUsd', value_usd::text, 'counterparty', json_build_object('companyId', other_id, 'name', other_name)
    ) ORDER BY coalesce(announced_on, rumored_on) DESC, deal_id) FILTER (WHERE deal_counts(status)), '[]') AS deals
  FROM role_deals
  GROUP BY role`;

@QueryHandler(GetCompanyQuery)
export class GetCompanyHandler implements IQueryHandler<GetCompanyQuery, CompanyDetail> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ companyId }: GetCompanyQuery): Promise<CompanyDetail> {
    const [company]: (CompanyFacts & { name: string; names: string[]; version: number; merged_into: string | null; merged_from: string[] })[] =
      await this.dataSource.query(
        `SELECT l.name, ${namesSeenSql('l.company_id')} AS names, v.country, v.sector, v.naics, v.listing, v.ticker, v.lei,
           v.display_name AS "displayName", coalesce(v.version, 0) AS version, v.merged_into,
           ARRAY(SELECT m.company_id::text FROM company_views m WHERE m.merged_into = l.company_id ORDER BY 1) AS merged_from
         FROM (${latestNamesSql('WHERE company_id = $1')}) l LEFT JOIN company_views v ON v.company_id = l.company_id`,
        [companyId],
      );
    if (!company) throw new NotFoundException(`No company with id ${companyId} has been seen.`);
    if (company.merged_into) throw new CompanyMoved(companyId, company.merged_into);
    const roleRows: RoleRow[] = await this.dataSource.query(ROLES_SQL, [companyId]);
    const { name, names, country, sector, naics, listing, ticker, lei, displayName, version, merged_from: mergedFrom } = company;
    return { companyId, name, names, country, sector, naics, listing, ticker, lei, displayName, version, mergedFrom, roles: rolesFrom(roleRows) };
  }
}

function rolesFrom(rows: RoleRow[]): Record<CompanyRole, RoleSummary> {
  const byRole = new Map(rows.map((r) => [r.role, r]));
  const summary = (role: CompanyRole): RoleSummary => {
    const row = byRole.get(role);
    if (!row) return { dealCount: 0, valueUsd: null, unconvertedCount: 0, dealCountByStatus: noDeals(), deals: [] };
    const { deal_count: dealCount, value_usd: valueUsd, unconverted_count: unconvertedCount, dealCountByStatus, deals } = row;
    return { dealCount, valueUsd, unconvertedCount, dealCountByStatus, deals };
  };
  return { acquirer: summary('acquirer'), target: summary('target'), seller: summary('seller') };
}

const noDeals = () => Object.fromEntries(DEAL_STATUSES.map((s) => [s, 0])) as Record<DealStatus, number>;
