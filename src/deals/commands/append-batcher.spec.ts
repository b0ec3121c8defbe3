import { AppendBatcher } from './append-batcher.js';

/** A send whose calls stay open until the test settles them. */
function controlledSend() {
  const calls: { requests: string[]; resolve(outcomes: string[]): void; reject(error: Error): void }[] = [];
  const send = (requests: string[]) =>
    new Promise<string[]>((resolve, reject) => calls.push({ requests, resolve, reject }));
  return { calls, send };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('AppendBatcher', () => {
  it('sends a lone append at once, alone', async () => {
    const { calls, send } = controlledSend();
    const batcher = new AppendBatcher(send);
    const outcome = batcher.append('a');
    expect(calls.map((c) => c.requests)).toEqual([['a']]);
    calls[0].resolve(['done a']);
    await expect(outcome).resolves.toBe('done a');
  });

  it('groups the appends that arrive while batches are in flight into the next one, answering each its own', async () => {
    const { calls, send } = controlledSend();
    const batcher = new AppendBatcher(send);
    const outcomes = ['a', 'b', 'c', 'd', 'e'].map((r) => batcher.append(r));
    expect(calls.map((c) => c.requests)).toEqual([['a'], ['b']]); // two in flight; c, d, e wait
    calls[0].resolve(['A']);
    await flush();
    expect(calls.map((c) => c.requests)).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    calls[2].resolve(['C', 'D', 'E']);
    calls[1].resolve(['B']);
    await expect(Promise.all(outcomes)).resolves.toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('splits a batch that failed as a whole, so only the append at fault gets the error', async () => {
    const sent: string[][] = [];
    const batcher = new AppendBatcher(async (requests: string[]) => {
      sent.push(requests);
      if (requests.includes('bad')) throw new Error('value out of range');
      return requests.map((r) => r.toUpperCase());
    });
    const first = batcher.append('x');
    const second = batcher.append('y');
    const rest = ['ok', 'bad', 'fine'].map((r) => batcher.append(r));
    await expect(Promise.all([first, second])).resolves.toEqual(['X', 'Y']);
    const settled = await Promise.allSettled(rest);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual(['OK', 'value out of range', 'FINE']);
    expect(sent).toContainEqual(['ok', 'bad', 'fine']);
  });
});
