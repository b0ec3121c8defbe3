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

/** The names-seen rows a batch of events gives, one per (company, spelling): a statement may not update a row twice. */
export function companyNameRows(events: RecordedDealEvent[]): NameSeen[] {
  const byKey = new Map<string, NameSeen>();
  for (const event of events) {
    for (const p of partiesOf(event)) {
      const key = `${p.companyId}|${p.name}`;
      const seen = byKey.get(key);
      // Events may come in stream order (a rebuild) or from writers whose clocks
      // interleave, so the earliest and latest recorded times win, not the first and last met.
      byKey.set(key, {
        normalized_name: normalizeCompanyName(p.name),
        company_id: p.companyId,
        name: p.name,
        first_seen_at: earlier(seen?.first_seen_at, event.recordedAt),
        last_seen_at: later(seen?.last_seen_at, event.recordedAt),
      });
    }
  }
  return [...byKey.values()];
}

/** Records the names each company was seen under (project_company_names); re-applying an event changes nothing. */
@Injectable()
export class CompaniesProjection {
  async apply(manager: EntityManager, events: RecordedDealEvent[]): Promise<void> {
    const rows = companyNameRows(events);
    if (rows.length === 0) return;
    await manager.query('SELECT project_company_names($1::jsonb)', [JSON.stringify(rows)]);
  }
}
