import type { DealCommand } from '../domain/deal.commands.js';
import { RuleViolated } from '../domain/deal.errors.js';
import type { DealEventInput } from '../domain/deal.events.js';
import { companyLookupsFor, resolveParties } from './company-directory.js';

const ACME = '0b7c3a52-6f1e-4c8e-9a4b-2f3d5e6a7b8c';
const command = (event: object): DealCommand => ({ kind: 'StartDeal', dealId: 'd', event: event as DealEventInput });
const rumour = command({ type: 'rumored', occurredOn: '2024-01-02', acquirer: { name: 'ACME corp.' }, target: { name: 'Widget Ltd', companyId: ACME } });

describe('company directory', () => {
  it('asks for the normalised names of unpinned parties and the pinned company ids', () => {
    expect(companyLookupsFor([rumour])).toEqual({ names: ['acme corp'], matchKeys: ['acme'], companyIds: [ACME] });
    expect(companyLookupsFor([command({ type: 'closed', occurredOn: '2024-05-01' })])).toEqual({ names: [], matchKeys: [], companyIds: [] });
  });

  it('gives a known name its company and leaves a new name for the domain to derive', () => {
    const known = { byName: { 'acme corp': 'c0ffee00-0000-4000-8000-000000000001' }, byMatchKey: {}, existingIds: [ACME] };
    const resolved = resolveParties(rumour, known).event as unknown as Record<string, { companyId?: string }>;
    expect(resolved.acquirer.companyId).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(resolved.target.companyId).toBe(ACME);
    const unknownName = resolveParties(rumour, { byName: {}, byMatchKey: {}, existingIds: [ACME] }).event as unknown as Record<string, { companyId?: string }>;
    expect(unknownName.acquirer.companyId).toBeUndefined();
  });

  it('gives a name another spelling of a known company, by its match key, when the exact name is new', () => {
    const kroger = 'c0ffee00-0000-4000-8000-000000000002';
    const known = { byName: {}, byMatchKey: { kroger }, existingIds: [] };
    const event = resolveParties(command({ type: 'rumored', occurredOn: '2024-01-02', acquirer: { name: 'The Kroger Co.' }, target: { name: 'Albertsons' } }), known)
      .event as unknown as Record<string, { companyId?: string }>;
    expect(event.acquirer.companyId).toBe(kroger);
    expect(event.target.companyId).toBeUndefined();
  });

  it('refuses a pinned company id no deal has named', () => {
    expect(() => resolveParties(rumour, { byName: {}, byMatchKey: {}, existingIds: [] })).toThrow(RuleViolated);
  });
});
