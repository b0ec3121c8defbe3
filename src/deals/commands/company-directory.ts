// Which company a party is: resolved before `decide`, so the stored event carries the company id and a replay needs
// no lookup. A write looks up the names and pinned ids its parties give (companyLookupsFor) in company_names.
import { companyMatchKey, normalizeCompanyName } from '../domain/company-id.js';
import type { DealCommand } from '../domain/deal.commands.js';
import { RuleViolated } from '../domain/deal.errors.js';
import { type DealEventInput, type Party, type PartyInput, type RecordedDealEvent, partiesNamed } from '../domain/deal.events.js';

/** What a write must look up before it decides: the parties' normalised names and any pinned company ids. */
export interface CompanyLookups {
  names: string[];
  /** The names' match keys (companyMatchKey): without a leading "The" and a trailing legal form. */
  matchKeys: string[];
  companyIds: string[];
}

/**
 * The answers: the company each known normalised name belongs to, and each match key (the earliest seen; a company
 * merged away answers as the one it was merged into), and the pinned ids that exist.
 */
export interface KnownCompanies {
  byName: Record<string, string>;
  byMatchKey: Record<string, string>;
  existingIds: string[];
}

export function companyLookupsFor(commands: DealCommand[]): CompanyLookups {
  const parties = commands.flatMap((command) => partiesNamed<PartyInput>(command.event).map(([, party]) => party));
  const named = parties.filter((p) => !p.companyId);
  return {
    names: [...new Set(named.map((p) => normalizeCompanyName(p.name)))],
    matchKeys: [...new Set(named.map((p) => companyMatchKey(p.name)))],
    companyIds: [...new Set(parties.flatMap((p) => (p.companyId ? [p.companyId] : [])))],
  };
}

/**
 * Resolves the parties of a command against the companies already known: a name seen before (normalised) gets that
 * company's id, else a name with the same match key ("Kroger" for "The Kroger Co.") gets its company's; a pinned
 * companyId must be a known company. New names get the id the domain derives from the name.
 */
export function resolveParties(command: DealCommand, known: KnownCompanies): DealCommand {
  const event: Record<string, unknown> = { ...command.event };
  for (const [field, party] of partiesNamed<PartyInput>(command.event)) {
    if (party.companyId) {
      if (!known.existingIds.includes(party.companyId)) {
        throw new RuleViolated(`${field}.companyId ${party.companyId} is not a known company.`);
      }
      continue;
    }
    const companyId = known.byName[normalizeCompanyName(party.name)] ?? known.byMatchKey[companyMatchKey(party.name)];
    if (companyId) event[field] = { ...party, companyId };
  }
  return { ...command, event: event as DealEventInput };
}

/** Companies first named by events not yet in company_names (a bulk import's earlier lines) are known from then on. */
export function learnCompanies(known: KnownCompanies, events: RecordedDealEvent[]): void {
  for (const event of events) {
    for (const [, party] of partiesNamed<Party>(event)) {
      known.byName[normalizeCompanyName(party.name)] ??= party.companyId;
      known.byMatchKey[companyMatchKey(party.name)] ??= party.companyId;
      if (!known.existingIds.includes(party.companyId)) known.existingIds.push(party.companyId);
    }
  }
}
