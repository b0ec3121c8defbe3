import { companyIdFor, companyMatchKey, normalizeCompanyName, resolveParty } from './company-id.js';

describe('company ids', () => {
  it('ignores case, accents, punctuation and spacing', () => {
    expect(normalizeCompanyName('  X  Corp. ')).toBe('x corp');
    expect(normalizeCompanyName('Société Générale')).toBe('societe generale');
    expect(companyIdFor('X Corp.')).toBe(companyIdFor('x corp'));
  });

  it('matches names without a leading "The" and a trailing legal form, dotted or not', () => {
    for (const name of ['The Kroger Co.', 'Kroger Company', 'KROGER', 'Kroger Co', 'The Kroger Company']) expect(companyMatchKey(name)).toBe('kroger');
    expect(companyMatchKey('VMware, Inc.')).toBe('vmware');
    expect(companyMatchKey('Telecom Italia S.p.A.')).toBe('telecom italia');
    expect(companyMatchKey('Philips N.V.')).toBe(companyMatchKey('Philips NV'));
    expect(companyMatchKey('Siemens AG')).toBe('siemens');
  });

  it('keeps a name that is nothing but a legal form, and forms inside a name', () => {
    expect(companyMatchKey('The Company')).toBe('company');
    expect(companyMatchKey('Limited')).toBe('limited');
    expect(companyMatchKey('Coca-Cola Co')).toBe('coca cola');
    expect(companyMatchKey('Inc Magazine Group')).toBe('inc magazine group');
  });

  it('gives different names different ids', () => {
    expect(companyIdFor('xAI')).not.toBe(companyIdFor('X Corp.'));
  });

  it('keeps a pinned company id', () => {
    const pinned = '9a4c0b57-5a87-4f0e-8a47-2b3c4d5e6f70';
    expect(resolveParty({ name: 'Twitter', companyId: pinned })).toEqual({ name: 'Twitter', companyId: pinned });
  });
});
