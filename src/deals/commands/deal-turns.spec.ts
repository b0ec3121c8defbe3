import { DealTurns } from './deal-turns.js';

/** A write that runs until `finish` is called, recording when it starts. */
function controlled(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const ended = new Promise<string>((resolve, reject) => {
    finish = () => resolve(name);
    fail = reject;
  });
  return { write: () => (log.push(name), ended), finish: () => finish(), fail: (error: Error) => fail(error) };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('DealTurns', () => {
  it('runs writes to one deal one after another, in the order they came, whatever the letter case', async () => {
    const turns = new DealTurns();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => controlled(log, name));
    const outcomes = [turns.take('Deal-1', a.write), turns.take('deal-1', b.write), turns.take('DEAL-1', c.write)].map((write) =>
      write.then((name) => `${name} written`, (error: Error) => error.message),
    );
    await settled();
    expect(log).toEqual(['a']);
    a.finish();
    await settled();
    expect(log).toEqual(['a', 'b']);
    b.fail(new Error('refused'));
    await settled();
    expect(log).toEqual(['a', 'b', 'c']);
    c.finish();
    expect(await Promise.all(outcomes)).toEqual(['a written', 'refused', 'c written']);
    expect(turns.busyDeals).toBe(0);
  });

  it('lets writes to different deals run at once', async () => {
    const turns = new DealTurns();
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((name) => controlled(log, name));
    const results = [turns.take('deal-1', a.write), turns.take('deal-2', b.write)];
    await settled();
    expect(log).toEqual(['a', 'b']);
    expect(turns.busyDeals).toBe(2);
    b.finish();
    a.finish();
    await Promise.all(results);
    expect(turns.busyDeals).toBe(0);
  });
});
