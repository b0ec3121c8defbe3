import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '../../event-store/stored-event.js';
import { FX_RATES_LOADED, FX_STREAM_ID, type FxRatesLoadedData } from '../fx-stream.js';

/**
 * Keeps `fx_rates` in step with the `fx-rates` stream and re-converts the deal values a load can change, inline in
 * the load's transaction and in rebuilds (it fits the rebuild's StreamProjection: `streamId` + `apply`). Tables are
 * named unqualified so a rebuild's search_path points them at its shadow copies.
 *
 * Re-applying the latest event changes nothing. Re-applying an OLDER load after a newer one would put its rates back:
 * fx_rates has no column recording the load that set a row, so the caller must apply loads in stream order.
 */
@Injectable()
export class FxRatesProjection {
  readonly streamId = FX_STREAM_ID;

  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    if (event.streamId !== FX_STREAM_ID || event.type !== FX_RATES_LOADED) return;
    const { rates } = event.data as unknown as FxRatesLoadedData;
    if (rates.length === 0) return;
    const json = JSON.stringify(rates);
    await upsertRates(manager, json);
    await reconvertDeals(manager, json);
  }
}

/** A later load of the same (currency, date) wins. */
async function upsertRates(manager: EntityManager, rates: string): Promise<void> {
  await manager.query(
    `INSERT INTO fx_rates (currency, rate_date, usd)
     SELECT r.currency, r."date", r.usd FROM jsonb_to_recordset($1::jsonb) AS r("date" date, currency text, usd numeric)
     ON CONFLICT (currency, rate_date) DO UPDATE SET usd = EXCLUDED.usd
     WHERE fx_rates.usd IS DISTINCT FROM EXCLUDED.usd`,
    [rates],
  );
}

/**
 * Recomputes value_usd of the deals valued in a loaded currency with no reported USD figure (index deal_views_fx).
 * A deal dated before the earliest loaded rate of its currency cannot pick any of them, so it is left alone. Only
 * value_usd changes: the deal's version and updatedAt belong to its own events.
 */
async function reconvertDeals(manager: EntityManager, rates: string): Promise<void> {
  await manager.query(
    `WITH loaded AS (
       SELECT r.currency, min(r."date") AS earliest
       FROM jsonb_to_recordset($1::jsonb) AS r("date" date, currency text)
       GROUP BY r.currency
     ), converted AS (
       SELECT d.deal_id, usd_value(d.value_amount, d.value_currency, coalesce(d.announced_on, d.rumored_on)) AS usd
       FROM deal_views d JOIN loaded l ON l.currency = d.value_currency
       WHERE d.value_usd_reported IS NULL AND coalesce(d.announced_on, d.rumored_on) >= l.earliest
     )
     UPDATE deal_views d SET value_usd = c.usd
     FROM converted c
     WHERE d.deal_id = c.deal_id AND d.value_usd IS DISTINCT FROM c.usd`,
    [rates],
  );
}
