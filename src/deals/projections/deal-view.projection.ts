import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DealState } from '../domain/deal.js';
import { type DealView, toDealView } from './deal-view.js';

/** A deal_views row as the queries read it back. */
export interface DealViewRow {
  view: DealView;
  value_usd: string | null;
}

export const DEAL_VIEW_COLUMNS = 'view, value_usd::text AS value_usd';

/** valueUsd may come from an FX rate loaded after the deal was written, so the column is the truth. */
export const fromDealViewRow = (row: DealViewRow): DealView => ({ ...row.view, valueUsd: row.value_usd });

/** Keeps `deal_views` in step with the log, inside the append's transaction (and in rebuilds). */
@Injectable()
export class DealViewProjection {
  async apply(manager: EntityManager, state: DealState): Promise<void> {
    const v = toDealView(state);
    // The version guard makes re-applying an event (or an older state) a no-op.
    await manager.query(
      `INSERT INTO deal_views (deal_id, status, acquirer_id, acquirer_name, target_id, target_name, seller_id, seller_name,
         rumored_on, announced_on, closed_on, ended_on, value_amount, value_currency, value_usd_reported, value_usd,
         view, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10::date, $11::date, $12::date, $13::numeric, $14, $15::numeric,
         coalesce($15::numeric, usd_value($13::numeric, $14, coalesce($10::date, $9::date))), $16, $17, $18)
       ON CONFLICT (deal_id) DO UPDATE SET
         status = EXCLUDED.status, acquirer_id = EXCLUDED.acquirer_id, acquirer_name = EXCLUDED.acquirer_name,
         target_id = EXCLUDED.target_id, target_name = EXCLUDED.target_name, seller_id = EXCLUDED.seller_id,
         seller_name = EXCLUDED.seller_name, rumored_on = EXCLUDED.rumored_on, announced_on = EXCLUDED.announced_on,
         closed_on = EXCLUDED.closed_on, ended_on = EXCLUDED.ended_on, value_amount = EXCLUDED.value_amount,
         value_currency = EXCLUDED.value_currency, value_usd_reported = EXCLUDED.value_usd_reported,
         value_usd = EXCLUDED.value_usd, view = EXCLUDED.view, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
       WHERE deal_views.version < EXCLUDED.version`,
      [
        v.dealId,
        v.status,
        v.acquirer?.companyId ?? null,
        v.acquirer?.name ?? null,
        v.target?.companyId ?? null,
        v.target?.name ?? null,
        v.seller?.companyId ?? null,
        v.seller?.name ?? null,
        v.rumoredOn,
        v.announcedOn,
        v.closedOn,
        v.endedOn,
        v.value?.amount ?? null,
        v.value?.currency ?? null,
        v.valueUsd,
        JSON.stringify(v),
        v.version,
        v.updatedAt,
      ],
    );
  }
}
