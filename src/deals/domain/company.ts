// A company as reference data: its facts and merges are events of its own stream (company-<companyId>), folded and
// decided here, purely, like a deal's.
import { RuleViolated } from './deal.errors.js';

export const SECTORS = [
  'energy',
  'materials',
  'industrials',
  'consumer_discretionary',
  'consumer_staples',
  'health_care',
  'financials',
  'information_technology',
  'communication_services',
  'utilities',
  'real_estate',
] as const;
export type Sector = (typeof SECTORS)[number];

export const LISTINGS = ['public', 'private', 'government', 'sponsor', 'individual'] as const;
export type Listing = (typeof LISTINGS)[number];

/** What an analyst records about a company; null when unknown (or cleared). */
export interface CompanyFacts {
  country: string | null;
  sector: Sector | null;
  naics: string | null;
  listing: Listing | null;
  ticker: string | null;
  lei: string | null;
  displayName: string | null;
}

export const FACT_NAMES = ['country', 'sector', 'naics', 'listing', 'ticker', 'lei', 'displayName'] as const satisfies readonly (keyof CompanyFacts)[];

/** Facts set (a value) or cleared (null); the facts left out stay as they are. */
export type CompanyProfiledData = { type: 'company_profiled' } & Partial<CompanyFacts>;

/** The company was one with `into`: from then on its names and deals are `into`'s. */
export interface CompanyMergedData {
  type: 'company_merged';
  into: string;
  reason: string;
}

export type CompanyEventData = CompanyProfiledData | CompanyMergedData;

export interface CompanyState {
  companyId: string;
  version: number;
  facts: CompanyFacts;
  mergedInto: string | null;
}

export const companyStreamOf = (companyId: string) => `company-${companyId}`;
export const COMPANY_STREAM_PREFIX = 'company-';

const noFacts = (): CompanyFacts => Object.fromEntries(FACT_NAMES.map((name) => [name, null])) as unknown as CompanyFacts;

export const initialCompanyState = (companyId: string): CompanyState => ({ companyId, version: 0, facts: noFacts(), mergedInto: null });

export function evolveCompany(state: CompanyState, event: CompanyEventData): CompanyState {
  const version = state.version + 1;
  if (event.type === 'company_merged') return { ...state, version, mergedInto: event.into };
  const changed = FACT_NAMES.filter((name) => event[name] !== undefined).map((name) => [name, event[name]]);
  return { ...state, version, facts: { ...state.facts, ...Object.fromEntries(changed) } };
}

export const foldCompany = (companyId: string, events: CompanyEventData[]) => events.reduce(evolveCompany, initialCompanyState(companyId));

/** A profile changes the facts it names; a company merged away is profiled through the one it was merged into. */
export function decideProfile(state: CompanyState, changes: Partial<CompanyFacts>): CompanyProfiledData {
  if (state.mergedInto) throw new RuleViolated(`Company ${state.companyId} was merged into ${state.mergedInto}: profile that one.`);
  if (Object.keys(changes).length === 0) throw new RuleViolated(`A profile sets or clears at least one of ${FACT_NAMES.join(', ')}.`);
  return { type: 'company_profiled', ...changes };
}

/** Two companies that were one: never a company with itself, nor into or from one already merged away. */
export function decideMerge(state: CompanyState, into: CompanyState, reason: string): CompanyMergedData {
  if (state.companyId === into.companyId) throw new RuleViolated('A company cannot be merged into itself.');
  if (state.mergedInto) throw new RuleViolated(`Company ${state.companyId} was already merged into ${state.mergedInto}.`);
  if (into.mergedInto) throw new RuleViolated(`Company ${into.companyId} was merged into ${into.mergedInto}: merge into that one.`);
  return { type: 'company_merged', into: into.companyId, reason };
}
