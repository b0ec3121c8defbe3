// company_names: every spelling a company was seen under. The rows a set of deal events gives; company-names.sql
// writes them, inline with each write and in rebuilds.
import { companyMatchKey, normalizeCompanyName } from '../domain/company-id.js';
import { type Party, type RecordedDealEvent, partiesNamed } from '../domain/deal.events.js';

export interface CompanyNameRow {
  normalized_name: string;
  /** What other spellings are matched by (companyMatchKey): no leading "The", no trailing legal form. */
  match_key: string;
  company_id: string;
  name: string;
  first_seen_at: string;
  last_seen_at: string;
}

const earlier = (a: string | undefined, b: string): string => (a !== undefined && Date.parse(a) <= Date.parse(b) ? a : b);
const later = (a: string | undefined, b: string): string => (a !== undefined && Date.parse(a) >= Date.parse(b) ? a : b);

/** One row per (company, spelling) the events name. */
export function companyNameRows(events: RecordedDealEvent[]): CompanyNameRow[] {
  const byKey = new Map<string, CompanyNameRow>();
  for (const event of events) {
    for (const [, party] of partiesNamed<Party>(event)) {
      const key = `${party.companyId}|${party.name}`;
      const seen = byKey.get(key);
      // Events may come in stream order (a rebuild) or from writers whose clocks interleave, so the earliest and
      // latest recorded times win, not the first and last met.
      byKey.set(key, {
        normalized_name: normalizeCompanyName(party.name),
        match_key: companyMatchKey(party.name),
        company_id: party.companyId,
        name: party.name,
        first_seen_at: earlier(seen?.first_seen_at, event.recordedAt),
        last_seen_at: later(seen?.last_seen_at, event.recordedAt),
      });
    }
  }
  return [...byKey.values()];
}
