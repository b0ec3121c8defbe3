import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DealState } from '../domain/deal.js';
import { toDealView } from './deal-view.js';

/** Keeps `deal_views` in step with the log, inside the append's transaction. */
@Injectable()
export class DealViewProjection {
  async apply(manager: EntityManager, state: DealState): Promise<void> {
    const view = toDealView(state);
    // The version guard makes re-applying an event (or an older state) a no-op.
    await manager.query(
      `INSERT INTO deal_views (deal_id, status, acquirer_id, target_id, announced_on, value_usd, view, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (deal_id) DO UPDATE SET
         status = EXCLUDED.status, acquirer_id = EXCLUDED.acquirer_id, target_id = EXCLUDED.target_id,
         announced_on = EXCLUDED.announced_on, value_usd = EXCLUDED.value_usd, view = EXCLUDED.view,
         version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
       WHERE deal_views.version < EXCLUDED.version`,
      [
        view.dealId,
        view.status,
        view.acquirer?.companyId ?? null,
        view.target?.companyId ?? null,
        view.announcedOn,
        view.valueUsd,
        JSON.stringify(view),
        view.version,
        view.updatedAt,
      ],
    );
  }
}
