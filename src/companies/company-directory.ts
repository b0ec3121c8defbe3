import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { normalizeCompanyName } from '../deals/domain/company-id.js';
import type { DealCommand } from '../deals/domain/deal.commands.js';
import { RuleViolated } from '../deals/domain/deal.errors.js';
import type { DealEventInput, PartyInput } from '../deals/domain/deal.events.js';

const PARTY_FIELDS = ['acquirer', 'target', 'seller', 'bidder'] as const;

/**
 * Resolves the parties of a command against the companies already known, before `decide`: a name seen before
 * (normalised) gets that company's id; a pinned companyId must be a known company. New names get the id the
 * domain derives from the name. The resolved ids are stored in the event, so a replay needs no lookup.
 */
@Injectable()
export class CompanyDirectory {
  async resolve(manager: EntityManager, command: DealCommand): Promise<DealCommand> {
    const event: Record<string, unknown> = { ...command.event };
    for (const field of PARTY_FIELDS) {
      const party = event[field] as PartyInput | undefined;
      if (party) event[field] = await this.resolveParty(manager, field, party);
    }
    return { ...command, event: event as DealEventInput };
  }

  private async resolveParty(manager: EntityManager, field: string, party: PartyInput): Promise<PartyInput> {
    if (party.companyId) {
      const known: unknown[] = await manager.query('SELECT 1 FROM company_names WHERE company_id = $1 LIMIT 1', [
        party.companyId,
      ]);
      if (known.length === 0) throw new RuleViolated(`${field}.companyId ${party.companyId} is not a known company.`);
      return party;
    }
    const [match]: { company_id: string }[] = await manager.query(
      `SELECT company_id FROM company_names WHERE normalized_name = $1 ORDER BY first_seen_at, company_id LIMIT 1`,
      [normalizeCompanyName(party.name)],
    );
    return match ? { ...party, companyId: match.company_id } : party;
  }
}
