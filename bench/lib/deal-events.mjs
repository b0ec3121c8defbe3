// The event bodies every contender writes: bodies of the HTTP contract, so the raw and Emmett rows weigh what the project's do.

const DAY = 86_400_000;
const dateOf = (start, days) => new Date(Date.parse(start) + days * DAY).toISOString().slice(0, 10);

/** A deal's life in five single-event appends: rumour, announcement, price bump, regulatory approval, closing. */
export function lifecycle(n) {
  const acquirer = { name: `Acquirer ${n % 997}` };
  const target = { name: `Target ${n}` };
  const value = (amount) => ({ amount, currency: 'USD' });
  return [
    { type: 'rumored', occurredOn: '2024-01-02', acquirer, target, source: { publisher: 'Bench Wire' } },
    { type: 'announced', occurredOn: '2024-02-01', acquirer, target, value: value(`${1000 + (n % 5000)}000000`), consideration: 'cash' },
    { type: 'priced', occurredOn: '2024-03-01', value: value(`${1100 + (n % 5000)}000000.50`), pricePerShare: value('54.20') },
    { type: 'regulatory', occurredOn: '2024-04-01', authority: 'FTC', jurisdiction: 'US', decision: 'approved' },
    { type: 'closed', occurredOn: '2024-05-02', finalValue: value(`${1100 + (n % 5000)}000000.50`) },
  ];
}

/**
 * An event a pending deal accepts any number of times, for the hot streams of W2: a price revision, as in a
 * bidding war. (A regulatory step would do too, but each one lengthens the deal view that every write re-stores.)
 */
export function priceRevision(n) {
  return { type: 'priced', occurredOn: dateOf('2024-03-01', n % 300), value: { amount: `${1000 + (n % 997)}000000.25`, currency: 'USD' } };
}

export function announcement(n) {
  return lifecycle(n)[1];
}
