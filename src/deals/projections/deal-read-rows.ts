// Every read table a deal feeds, in one place: the inline write path sends these rows with its append
// (deal-append.sql) and a rebuild writes the same rows, so the two cannot drift apart.
import type { EntityManager } from 'typeorm';
import type { RecordedDealEvent } from '../domain/deal.events.js';
import type { DealState } from '../domain/deal.js';
import { type CompanyNameRow, companyNameRows } from './company-names.projection.js';
import { type DealViewRow, dealViewRow } from './deal-view-row.js';

/** A deal's folded state with the events it was folded from: all of them, or the ones a write adds. */
export interface ProjectedDeal {
  state: DealState;
  events: RecordedDealEvent[];
}

export interface DealReadRows {
  companyNames: CompanyNameRow[];
  dealViews: DealViewRow[];
}

export function dealReadRows(deals: ProjectedDeal[]): DealReadRows {
  return { companyNames: companyNameRows(deals.flatMap((d) => d.events)), dealViews: deals.map((d) => dealViewRow(d.state)) };
}

/** Writes the rows in the caller's transaction (a rebuild's, with its shadow tables first on the search_path). */
export async function writeDealReadRows(manager: EntityManager, rows: DealReadRows): Promise<void> {
  await manager.query('SELECT project_company_names($1::jsonb)', [JSON.stringify(rows.companyNames)]);
  await manager.query('SELECT project_deal_views($1::jsonb)', [JSON.stringify(rows.dealViews)]);
}
