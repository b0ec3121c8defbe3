import { normalizeCompanyName } from '../deals/domain/company-id.js';
import type { DealCommand } from '../deals/domain/deal.commands.js';
import { RuleViolated } from '../deals/domain/deal.errors.js';
import type { DealEventInput, PartyInput } from '../deals/domain/deal.events.js';

const PARTY_FIELDS = ['acquirer', 'target', 'seller', 'bidder'] as const;

/** What a write must look up before it decides: the parties' normalised names and any pinned company ids. */
export interface CompanyLookups {
  names: string[];
  companyIds: string[];
}

/** The answers: the company each known normalised name belongs to (the earliest seen), and the pinned ids that exist. */
export interface KnownCompanies {
  byName: Record<string, string>;
  existingIds: string[];
}

const partiesOf = (command: DealCommand) =>
  PARTY_FIELDS.map((field) => [field, (command.event as Record<string, unknown>)[field] as PartyInput | undefined] as const)
    .filter((entry): entry is readonly [(typeof PARTY_FIELDS)[number], PartyInput] => entry[1] !== undefined);

export function companyLookupsFor(command: DealCommand): CompanyLookups {
  const parties = partiesOf(command).map(([, party]) => party);
  return {
    names: parties.filter((p) => !p.companyId).map((p) => normalizeCompanyName(p.name)),
    companyIds: parties.flatMap((p) => (p.companyId ? [p.companyId] : [])),
  };
}

/**
 * Resolves the parties of a command against the companies already known, before `decide`: a name seen before
 * (normalised) gets that company's id; a pinned companyId must be a known company. New names get the id the
 * domain derives from the name. The resolved ids are stored in the event, so a replay needs no lookup.
 */
export function resolveParties(command: DealCommand, known: KnownCompanies): DealCommand {
  const event: Record<string, unknown> = { ...command.event };
  for (const [field, party] of partiesOf(command)) {
    if (party.companyId) {
      if (!known.existingIds.includes(party.companyId)) {
        throw new RuleViolated(`${field}.companyId ${party.companyId} is not a known company.`);
      }
      continue;
    }
    const companyId = known.byName[normalizeCompanyName(party.name)];
    if (companyId) event[field] = { ...party, companyId };
  }
  return { ...command, event: event as DealEventInput };
}
