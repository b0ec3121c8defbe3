import type { AdvisorRole } from '../domain/deal.events.js';
import type { DealState } from '../domain/deal.js';
import { type DealView, type PartyRef, toDealView } from './deal-view.js';

/** A deal_views row as the queries read it back. */
export interface StoredDealView {
  view: DealView;
  value_usd: string | null;
  enterprise_value_usd: string | null;
  equity_value_usd: string | null;
  rank_value_usd: string | null;
  acquirer_country: string | null;
  acquirer_sector: string | null;
  target_country: string | null;
  target_sector: string | null;
  seller_country: string | null;
  seller_sector: string | null;
  cross_border: boolean | null;
}

export const DEAL_VIEW_COLUMNS =
  'view, value_usd::text AS value_usd, enterprise_value_usd::text AS enterprise_value_usd, ' +
  'equity_value_usd::text AS equity_value_usd, rank_value_usd::text AS rank_value_usd, acquirer_country, acquirer_sector, ' +
  'target_country, target_sector, seller_country, seller_sector, cross_border';

const withFacts = (party: PartyRef | null, country: string | null, sector: string | null): PartyRef | null =>
  party && { ...party, country, sector };

/**
 * The USD figures may come from FX rates loaded after the deal was written, and the parties' facts from profiles
 * recorded since, so the columns are the truth.
 */
export const fromDealViewRow = (row: StoredDealView): DealView => ({
  ...row.view,
  acquirer: withFacts(row.view.acquirer, row.acquirer_country, row.acquirer_sector),
  target: withFacts(row.view.target, row.target_country, row.target_sector),
  seller: withFacts(row.view.seller, row.seller_country, row.seller_sector),
  crossBorder: row.cross_border,
  valueUsd: row.value_usd,
  enterpriseValueUsd: row.enterprise_value_usd,
  equityValueUsd: row.equity_value_usd,
  rankValueUsd: row.rank_value_usd,
});

/** A deal_views row as project_deal_views() (deal-views.sql) takes it; the USD figures are converted there. */
export function dealViewRow(state: DealState) {
  const v = toDealView(state);
  return {
    deal_id: v.dealId,
    status: v.status,
    acquirer_id: v.acquirer?.companyId ?? null,
    acquirer_name: v.acquirer?.name ?? null,
    target_id: v.target?.companyId ?? null,
    target_name: v.target?.name ?? null,
    seller_id: v.seller?.companyId ?? null,
    seller_name: v.seller?.name ?? null,
    rumored_on: v.rumoredOn,
    announced_on: v.announcedOn,
    closed_on: v.closedOn,
    ended_on: v.endedOn,
    value_amount: v.value?.amount ?? null,
    value_currency: v.value?.currency ?? null,
    value_usd_reported: v.valueUsd,
    enterprise_value_amount: v.enterpriseValue?.amount ?? null,
    enterprise_value_currency: v.enterpriseValue?.currency ?? null,
    equity_value_amount: v.equityValue?.amount ?? null,
    equity_value_currency: v.equityValue?.currency ?? null,
    financial_advisor_ids: advisorIds(v, 'financial'),
    legal_advisor_ids: advisorIds(v, 'legal'),
    deal_type: v.dealType,
    attitude: v.attitude,
    // Text, so the stored json keeps the view's key order.
    view: JSON.stringify(v),
    version: v.version,
    updated_at: v.updatedAt,
  };
}

/** The companies advising the deal in a role, each once whatever the number of sides (each gets one credit). */
const advisorIds = (view: DealView, role: AdvisorRole): string[] =>
  [...new Set(view.advisors.filter((a) => a.role === role).map((a) => a.advisor.companyId))].sort();

export type DealViewRow = ReturnType<typeof dealViewRow>;
