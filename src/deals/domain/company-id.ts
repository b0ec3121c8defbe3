import { v5 as uuidv5 } from 'uuid';
import type { Party, PartyInput } from './deal.events.js';

// A fixed namespace so the same normalised name always maps to the same company id, on every instance and rebuild.
const COMPANY_NAMESPACE = 'b6f0a2de-5d55-4c4e-9a53-3f5c1e0d7a11';

/** Case, accents, punctuation and spacing do not make a different company: "X Corp." is "x corp". */
export function normalizeCompanyName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function companyIdFor(name: string): string {
  return uuidv5(normalizeCompanyName(name), COMPANY_NAMESPACE);
}

export function resolveParty(party: PartyInput): Party {
  return { name: party.name.trim(), companyId: party.companyId ?? companyIdFor(party.name) };
}
