// How FX reference rates live in the log: one stream for every load, one event per load.
import type { EntityManager } from 'typeorm';
import type { NewEvent, StoredEvent } from '../event-store/stored-event.js';

export const FX_STREAM_ID = 'fx-rates';
export const FX_RATES_LOADED = 'fx_rates_loaded';

/** The USD value of one unit of `currency` on `date`, as a decimal string. */
export interface FxRate {
  date: string;
  currency: string;
  usd: string;
}

export type FxRatesFormat = 'json' | 'csv';

/** The data of an `fx_rates_loaded` event: the rates as stored (CSV uploads already converted to USD). */
export interface FxRatesLoadedData {
  rates: FxRate[];
  format: FxRatesFormat;
}

export function fxRatesLoaded(eventId: string, occurredOn: string, data: FxRatesLoadedData): NewEvent {
  return { eventId, type: FX_RATES_LOADED, occurredOn, data: { ...data } };
}

/** Replays a load into the read tables (project_fx_rates, fx-rates.sql), as a rebuild does; loads in stream order. */
export async function projectFxLoad(manager: EntityManager, event: StoredEvent): Promise<void> {
  if (event.type !== FX_RATES_LOADED) return;
  const { rates } = event.data as unknown as FxRatesLoadedData;
  await manager.query('SELECT project_fx_rates($1::jsonb, $2::timestamptz)', [JSON.stringify(rates), event.recordedAt]);
}
