// Given a company's events, when a profile or a merge is decided, then the event or the refusal; and the fold.
import { RuleViolated } from './deal.errors.js';
import { type CompanyEventData, decideMerge, decideProfile, foldCompany } from './company.js';

const KROGER = '0b7c3a52-6f1e-4c8e-9a4b-2f3d5e6a7b8c';
const ALBERTSONS = '1c8d4b63-7a2f-4d9e-8b5c-3a4e6f7b8c9d';
const given = (companyId: string, events: CompanyEventData[] = []) => foldCompany(companyId, events);

describe('company: profile', () => {
  it('records the facts named, and folds them over earlier ones, a null clearing one', () => {
    expect(decideProfile(given(KROGER), { country: 'US', sector: 'consumer_staples' })).toEqual({ type: 'company_profiled', country: 'US', sector: 'consumer_staples' });
    const state = given(KROGER, [
      { type: 'company_profiled', country: 'US', ticker: 'KR' },
      { type: 'company_profiled', ticker: null, displayName: 'Kroger' },
    ]);
    expect(state).toMatchObject({ version: 2, facts: { country: 'US', ticker: null, displayName: 'Kroger', sector: null }, mergedInto: null });
  });

  it('refuses an empty profile, and one of a company merged away', () => {
    expect(() => decideProfile(given(KROGER), {})).toThrow(RuleViolated);
    const merged = given(KROGER, [{ type: 'company_merged', into: ALBERTSONS, reason: 'r' }]);
    expect(() => decideProfile(merged, { country: 'US' })).toThrow(/merged into/);
  });
});

describe('company: merge', () => {
  it('merges a company into another', () => {
    expect(decideMerge(given(KROGER), given(ALBERTSONS), 'Renamed')).toEqual({ type: 'company_merged', into: ALBERTSONS, reason: 'Renamed' });
    expect(given(KROGER, [{ type: 'company_merged', into: ALBERTSONS, reason: 'Renamed' }]).mergedInto).toBe(ALBERTSONS);
  });

  it('refuses a merge into itself, into a company merged away, or of one already merged', () => {
    const mergedAway = (id: string) => given(id, [{ type: 'company_merged', into: '2d9e5c74-8b3a-4eaf-9c6d-4b5f7a8c9d0e', reason: 'r' }]);
    expect(() => decideMerge(given(KROGER), given(KROGER), 'r')).toThrow(/itself/);
    expect(() => decideMerge(given(KROGER), mergedAway(ALBERTSONS), 'r')).toThrow(/merge into that one/);
    expect(() => decideMerge(mergedAway(KROGER), given(ALBERTSONS), 'r')).toThrow(/already merged/);
  });
});
