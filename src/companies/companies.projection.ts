import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { normalizeCompanyName } from '../deals/domain/company-id.js';
import type { Party, RecordedDealEvent } from '../deals/domain/deal.events.js';

/** Every party a deal event names (bidders included), for the names-seen table. */
export function partiesOf(event: RecordedDealEvent): Party[] {
  switch (event.type) {
    case 'rumored':
    case 'announced':
      return [event.acquirer, event.target, ...(event.seller ? [event.seller] : [])];
    case 'competing_bid':
      return [event.bidder];
    default:
      return [];
  }
}

const earlier = (a: string | undefined, b: string): string => (a !== undefined && Date.parse(a) <= Date.parse(b) ? a : b);
const later = (a: string | undefined, b: string): string => (a !== undefined && Date.parse(a) >= Date.parse(b) ? a : b);

interface NameSeen {
  normalized_name: string;
  company_id: string;
  name: string;
  first_seen_at: string;
  last_seen_at: string;
}

/** Records the names each company was seen under; re-applying an event changes nothing. */
@Injectable()
export class CompaniesProjection {
  async apply(manager: EntityManager, events: RecordedDealEvent[]): Promise<void> {
    // One row per (company, spelling): a statement may not update the same row twice.
    const byKey = new Map<string, NameSeen>();
    for (const event of events) {
      for (const p of partiesOf(event)) {
        const normalized_name = normalizeCompanyName(p.name);
        const key = `${p.companyId}|${p.name}`;
        const seen = byKey.get(key);
        // Events may come in stream order (a rebuild) or from writers whose clocks
        // interleave, so the earliest and latest recorded times win, not the first and last met.
        byKey.set(key, {
          normalized_name,
          company_id: p.companyId,
          name: p.name,
          first_seen_at: earlier(seen?.first_seen_at, event.recordedAt),
          last_seen_at: later(seen?.last_seen_at, event.recordedAt),
        });
      }
    }
    const rows = [...byKey.values()];
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO company_names (normalized_name, company_id, name, first_seen_at, last_seen_at)
       SELECT r.normalized_name, r.company_id, r.name, r.first_seen_at, r.last_seen_at
       FROM jsonb_to_recordset($1::jsonb)
         AS r(normalized_name text, company_id uuid, name text, first_seen_at timestamptz, last_seen_at timestamptz)
       ON CONFLICT (company_id, name) DO UPDATE SET
         first_seen_at = least(company_names.first_seen_at, EXCLUDED.first_seen_at),
         last_seen_at = greatest(company_names.last_seen_at, EXCLUDED.last_seen_at)`,
      [JSON.stringify(rows)],
    );
  }
}
