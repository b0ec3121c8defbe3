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

/** Legal forms a name may end with, as normalised (lower-case, no dots). */
const LEGAL_FORMS = [
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'llp', 'lp', 'plc', 'sa', 'sas',
  'se', 'ag', 'nv', 'bv', 'gmbh', 'spa', 'ab', 'asa', 'oyj', 'kk', 'pty', 'pte', 'sarl', 'srl',
];
// Written with dots, a form normalises to letters apart ("S.p.A." is "s p a"): either spelling, at the very end.
const TRAILING_LEGAL_FORM = new RegExp(` (?:${LEGAL_FORMS.map((form) => `${form}|${[...form].join(' ')}`).join('|')})$`);

/**
 * What names are matched by: the normalised name without a leading "The" and a trailing legal form, so "The Kroger
 * Co.", "Kroger Company" and "KROGER" are one company. A legal form is only taken off after another word.
 */
export function companyMatchKey(name: string): string {
  const normalized = normalizeCompanyName(name);
  const stripped = normalized.replace(/^the /, '').replace(TRAILING_LEGAL_FORM, '');
  return stripped === '' ? normalized : stripped;
}

export function companyIdFor(name: string): string {
  return uuidv5(normalizeCompanyName(name), COMPANY_NAMESPACE);
}

export function resolveParty(party: PartyInput): Party {
  return { name: party.name.trim(), companyId: party.companyId ?? companyIdFor(party.name) };
}
