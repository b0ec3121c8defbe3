import { REDACTED, harmlessHeaders, harmlessUrl } from './harmless.js';

describe('what a request log shows', () => {
  it('keeps the API’s own query parameters and redacts the value of any other', () => {
    expect(harmlessUrl('/deals?status=pending&token=s3cret&limit=5')).toBe(`/deals?status=pending&token=${REDACTED}&limit=5`);
    expect(harmlessUrl('/deals')).toBe('/deals');
  });

  it('takes any request target, odd ones too', () => {
    expect(harmlessUrl('//')).toBe('//');
    expect(harmlessUrl('//x?api_key=a')).toBe(`//x?api_key=${REDACTED}`);
    expect(harmlessUrl('/?%zz=1&a')).toBe(`/?%25zz=${REDACTED}&a=${REDACTED}`);
  });

  it('keeps the values of harmless headers only', () => {
    expect(harmlessHeaders({ 'Content-Type': 'application/json', authorization: 'Bearer x', 'x-api-key': 'k' })).toEqual({
      'Content-Type': 'application/json',
      authorization: REDACTED,
      'x-api-key': REDACTED,
    });
  });
});
