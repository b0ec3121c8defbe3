import { chooseDealStreams, dealIdOfStream, dealStreamId } from './deal-stream.js';

const ID = '0b7c3a52-6f1e-4c8e-9a4b-2f3d5e6a7b8c';
const lower = `deal-${ID}`;
const upper = `deal-${ID.toUpperCase()}`;
const mixed = `deal-${ID.slice(0, 9).toUpperCase()}${ID.slice(9)}`;

describe('deal streams', () => {
  it('are named by the lower-case id, and name it back lower-case', () => {
    expect(dealStreamId(ID.toUpperCase())).toBe(lower);
    expect(dealIdOfStream(upper)).toBe(ID);
  });

  describe('among streams whose ids differ only in letter case, the first one written is the deal’s own', () => {
    it('a later capitalised stream is left out', () => {
      expect(chooseDealStreams([{ streamId: upper, firstPosition: '9' }, { streamId: lower, firstPosition: '3' }])).toEqual({
        aliases: new Map(),
        ignored: [upper],
      });
    });

    it('an older capitalised stream is the deal’s own, the others are left out', () => {
      const choice = chooseDealStreams([
        { streamId: lower, firstPosition: '12' },
        { streamId: mixed, firstPosition: '10' },
        { streamId: upper, firstPosition: '11' },
      ]);
      expect(choice).toEqual({ aliases: new Map([[ID, mixed]]), ignored: [upper, lower].sort() });
    });

    it('a capitalised stream alone is the deal’s own', () => {
      expect(chooseDealStreams([{ streamId: upper, firstPosition: '100000000000000000000' }])).toEqual({ aliases: new Map([[ID, upper]]), ignored: [] });
    });
  });
});
