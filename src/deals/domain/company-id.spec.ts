import { companyIdFor, normalizeCompanyName, resolveParty } from './company-id.js';

describe('company ids', () => {
  it('ignores case, accents, punctuation and spacing', () => {
    expect(normalizeCompanyName('  X  Corp. ')).toBe('x corp');
    expect(normalizeCompanyName('Société Générale')).toBe('societe generale');
    expect(companyIdFor('X Corp.')).toBe(companyIdFor('x corp'));
  });

  it('gives different names different ids', () => {
    expect(companyIdFor('xAI')).not.toBe(companyIdFor('X Corp.'));
  });

  it('keeps a pinned company id', () => {
    const pinned = '9a4c0b57-5a87-4f0e-8a47-2b3c4d5e6f70';
    expect(resolveParty({ name: 'Twitter', companyId: pinned })).toEqual({ name: 'Twitter', companyId: pinned });
  });
});
