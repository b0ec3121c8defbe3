import type { DealEventType } from '../../domain/deal.events.js';
import { MAX_BODY_DEPTH, parseDealEventBody } from './parse-deal-event.js';
import { RequestValidationError, type FieldError } from '../../../http/request-validation.error.js';

// Copy of /work/shared/samples/xai-x-announced.json (the shared folder is outside the repository).
const XAI_X_ANNOUNCED = `{
  "type": "announced",
  "occurredOn": "2025-03-28",
  "acquirer": { "name": "xAI" },
  "target": { "name": "X Corp." },
  "dealType": "acquisition",
  "consideration": "stock",
  "value": { "amount": "45000000000", "currency": "USD" },
  "equivalents": [{ "amount": "41600000000", "currency": "EUR" }],
  "stakePercent": 100,
  "source": {
    "publisher": "Le Monde",
    "language": "fr",
    "title": "xAI et X, les deux entreprises d'Elon Musk, ne feront plus qu'une"
  },
  "note": "xAI buys the social network X for USD 45bn (EUR 41.6bn); announced Friday 28 March 2025."
}`;

const UUID = '9a4c0b57-5a87-4f0e-8a47-2b3c4d5e6f70';
const USD = (amount: string) => ({ amount, currency: 'USD' });
const ON = { occurredOn: '2025-03-28' };

const MINIMAL: Record<DealEventType, Record<string, unknown>> = {
  rumored: { type: 'rumored', ...ON, acquirer: { name: 'xAI' }, target: { name: 'X Corp.' } },
  announced: { type: 'announced', ...ON, acquirer: { name: 'xAI' }, target: { name: 'X Corp.' } },
  priced: { type: 'priced', ...ON, consideration: 'cash' },
  competing_bid: { type: 'competing_bid', ...ON, bidder: { name: 'Rival plc' } },
  regulatory: { type: 'regulatory', ...ON, authority: 'CMA', decision: 'filed' },
  advisor_retained: { type: 'advisor_retained', ...ON, advisor: { name: 'Goldman Sachs' }, side: 'acquirer', role: 'financial' },
  shareholder_vote: { type: 'shareholder_vote', ...ON, party: 'target', outcome: 'approved' },
  termination_attempted: { type: 'termination_attempted', ...ON, by: 'acquirer' },
  closed: { type: 'closed', ...ON },
  terminated: { type: 'terminated', ...ON },
  withdrawn: { type: 'withdrawn', ...ON },
  voided: { type: 'voided', ...ON, reason: 'Entered twice' },
  retracted: { type: 'retracted', ...ON, eventId: UUID, reason: 'Entered on the wrong deal' },
};

/** Every optional field filled in, so a field wrongly refused or wrongly required shows up. */
const FULL: Record<string, unknown>[] = [
  {
    ...MINIMAL.announced,
    source: { url: 'https://www.lemonde.fr/a.html', publisher: 'Le Monde', publishedOn: '2025-03-29', language: 'fr', title: 't' },
    note: 'n'.repeat(2000),
    acquirer: { name: 'xAI', companyId: UUID },
    seller: { name: 'Elon Musk' },
    dealType: 'merger',
    expectedCloseOn: '2024-02-29',
    value: USD('45000000000'),
    pricePerShare: { amount: '54.2000000001', currency: 'USD' },
    consideration: 'mixed',
    stakePercent: 0.01,
    equivalents: Array.from({ length: 20 }, () => ({ amount: '41600000000', currency: 'EUR' })),
    stakeHeldBeforePercent: 0,
    enterpriseValue: USD('69000000000'),
    equityValue: USD('61000000000'),
    cashPercent: 50,
    exchangeRatio: '0.252',
    premiumPercent: '44',
    targetTerminationFee: USD('1500000000'),
    reverseTerminationFee: USD('1500000000'),
    outsideDate: '2025-03-28',
    attitude: 'friendly',
    offerStructure: 'one_step_merger',
  },
  { ...MINIMAL.rumored, seller: { name: 'S' }, value: USD('1'), stakePercent: 49.5, stakeHeldBeforePercent: 99.9, attitude: 'hostile', premiumPercent: '-2.5' },
  { ...MINIMAL.priced, value: USD('1.5'), pricePerShare: USD('0.01'), stakePercent: 100, equivalents: [] },
  { ...MINIMAL.priced, expectedCloseOn: '2025-09-30', outsideDate: '2026-01-31', cashPercent: 0, offerStructure: 'tender_offer' },
  { ...MINIMAL.competing_bid, value: USD('2'), consideration: 'cash' },
  { ...MINIMAL.regulatory, jurisdiction: 'EU', decision: 'approved_with_remedies', remedies: 'Divest the UK business' },
  { ...MINIMAL.regulatory, jurisdiction: 'US', decision: 'challenged' },
  { ...MINIMAL.shareholder_vote, party: 'acquirer', outcome: 'rejected' },
  { ...MINIMAL.termination_attempted, by: 'target', reason: 'Material adverse change' },
  { ...MINIMAL.closed, finalValue: USD('44000000000'), equivalents: [{ amount: '40000000000', currency: 'EUR' }] },
  { ...MINIMAL.terminated, reason: 'Blocked', terminationFee: USD('1000000000'), feePaidBy: 'acquirer' },
  { ...MINIMAL.withdrawn, reason: 'Talks ended' },
];

function parse(body: unknown, allowDealId = false) {
  return parseDealEventBody(body, { allowDealId });
}

/** The errors a refused body produces (fails the test if the body is accepted). */
function errorsOf(body: unknown, allowDealId = false): FieldError[] {
  try {
    parse(body, allowDealId);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return (error as RequestValidationError).errors;
  }
  throw new Error(`accepted: ${JSON.stringify(body)}`);
}

/** Refused with exactly one problem, at `field`. */
function expectRefusedAt(body: unknown, field: string, message?: RegExp, allowDealId = false) {
  const errors = errorsOf(body, allowDealId);
  expect(errors.map((e) => e.field)).toEqual([field]);
  if (message) expect(errors[0].message).toMatch(message);
}

/** Deep check that the result is plain data: no class instances and no undefined values. */
function expectPlainData(value: unknown, path = 'event'): void {
  if (Array.isArray(value)) return value.forEach((item, i) => expectPlainData(item, `${path}.${i}`));
  if (typeof value !== 'object' || value === null) return;
  expect([path, Object.getPrototypeOf(value)]).toEqual([path, Object.prototype]);
  for (const [key, item] of Object.entries(value)) {
    expect([`${path}.${key}`, item]).not.toEqual([`${path}.${key}`, undefined]);
    expectPlainData(item, `${path}.${key}`);
  }
}

describe('parseDealEventBody: accepted bodies', () => {
  it('parses the xAI / X sample into the expected event', () => {
    const result = parse(JSON.parse(XAI_X_ANNOUNCED), true);
    expect(result).toEqual({
      event: {
        type: 'announced',
        occurredOn: '2025-03-28',
        acquirer: { name: 'xAI' },
        target: { name: 'X Corp.' },
        dealType: 'acquisition',
        consideration: 'stock',
        value: { amount: '45000000000', currency: 'USD' },
        equivalents: [{ amount: '41600000000', currency: 'EUR' }],
        stakePercent: 100,
        source: {
          publisher: 'Le Monde',
          language: 'fr',
          title: "xAI et X, les deux entreprises d'Elon Musk, ne feront plus qu'une",
        },
        note: 'xAI buys the social network X for USD 45bn (EUR 41.6bn); announced Friday 28 March 2025.',
      },
    });
    expect(Object.keys(result)).toEqual(['event']);
    expectPlainData(result.event);
  });

  it.each(Object.entries(MINIMAL))('parses a minimal %s body as is', (_type, body) => {
    const { event } = parse(body);
    expect(event).toEqual(body);
    expectPlainData(event);
  });

  it.each(FULL.map((body) => [body.type, body]))('parses a %s body with every optional field', (_type, body) => {
    const { event } = parse(body);
    expect(event).toEqual(body);
    expectPlainData(event);
  });

  it.each([
    // The synthetic history of /work/shared/samples/README.md, one body per step.
    '{"type":"rumored","occurredOn":"2024-01-10","acquirer":{"name":"Acme Corp"},"target":{"name":"Widget Ltd"}}',
    '{"type":"announced","occurredOn":"2024-02-01","acquirer":{"name":"Acme Corp"},"target":{"name":"Widget Ltd"},"value":{"amount":"1200000000","currency":"GBP"},"pricePerShare":{"amount":"4.10","currency":"GBP"},"consideration":"cash"}',
    '{"type":"competing_bid","occurredOn":"2024-03-05","bidder":{"name":"Rival plc"},"value":{"amount":"1350000000","currency":"GBP"}}',
    '{"type":"priced","occurredOn":"2024-03-12","value":{"amount":"1400000000","currency":"GBP"},"pricePerShare":{"amount":"4.60","currency":"GBP"}}',
    '{"type":"regulatory","occurredOn":"2024-05-20","authority":"CMA","jurisdiction":"GB","decision":"approved_with_remedies"}',
    '{"type":"shareholder_vote","occurredOn":"2024-06-03","party":"target","outcome":"approved"}',
    '{"type":"closed","occurredOn":"2024-07-01"}',
  ])('parses the sample history body %s', (json) => {
    expect(parse(JSON.parse(json)).event).toEqual(JSON.parse(json));
  });

  it('trims party names, authorities and reasons', () => {
    expect(parse({ ...MINIMAL.rumored, acquirer: { name: '  xAI ' } }).event).toMatchObject({ acquirer: { name: 'xAI' } });
    expect(parse({ ...MINIMAL.regulatory, authority: ' CMA ' }).event).toMatchObject({ authority: 'CMA' });
    expect(parse({ ...MINIMAL.retracted, reason: ' dup\n' }).event).toMatchObject({ reason: 'dup' });
  });

  it('accepts a uuid dealId only when allowed, and keeps it out of the event', () => {
    const result = parse({ ...MINIMAL.rumored, dealId: UUID }, true);
    expect(result).toEqual({ dealId: UUID, event: MINIMAL.rumored });
    expect(result.event).not.toHaveProperty('dealId');
    expect(parse(MINIMAL.rumored, true)).toEqual({ event: MINIMAL.rumored });
  });
});

describe('parseDealEventBody: refused bodies', () => {
  const priced = (terms: Record<string, unknown>) => ({ type: 'priced', ...ON, ...terms });
  const withValue = (value: unknown) => priced({ value });
  const withAmount = (amount: unknown) => withValue({ amount, currency: 'USD' });

  it.each([
    ['array', [MINIMAL.closed]],
    ['string', JSON.stringify(MINIMAL.closed)],
    ['null', null],
    ['number', 42],
    ['undefined', undefined],
  ])('refuses a non-object body (%s)', (_kind, body) => {
    expectRefusedAt(body, 'body', /JSON object/);
  });

  it.each([
    ['missing', { ...ON }, /type is required/],
    ['unknown', { type: 'merged', ...ON }, /unknown type/],
    ['not a string', { type: ['closed'], ...ON }, /unknown type/],
  ])('refuses a %s type, listing the allowed ones', (_kind, body, message) => {
    expectRefusedAt(body, 'type', message);
    expect(errorsOf(body)[0].message).toContain('rumored, announced, priced, competing_bid');
  });

  it.each([
    ['top level', { ...MINIMAL.closed, valueUsd: '1' }, 'valueUsd'],
    ['in money', withValue({ amount: '1', currency: 'USD', fx: '1.1' }), 'value.fx'],
    ['in a party', { ...MINIMAL.rumored, target: { name: 'X', ticker: 'X' } }, 'target.ticker'],
    ['in source', { ...MINIMAL.closed, source: { author: 'A' } }, 'source.author'],
    ['in an array item', priced({ value: USD('1'), equivalents: [{ ...USD('1'), rate: 1 }] }), 'equivalents.0.rate'],
    ['of another type (reason on closed)', { ...MINIMAL.closed, reason: 'x' }, 'reason'],
  ])('refuses an unknown field %s', (_where, body, field) => {
    expectRefusedAt(body, field, /unknown field/);
  });

  it.each([
    ['punctuation only', '!!!', /a letter or a digit/],
    ['emoji only', '🚀🚀', /a letter or a digit/],
    ['undecodable bytes (the replacement character)', '\ufffd\ufffd', /a letter or a digit/],
    ['a zero-width space', 'X\u200bCorp', /invisible characters/],
    ['a right-to-left override', '\u202eproC X', /invisible characters/],
    ['a byte-order mark inside it', 'X\ufeffCorp', /invisible characters/],
    ['a Hangul filler, a letter drawn as nothing', '\u3164', /invisible characters/],
    ['a halfwidth Hangul filler beside a name', 'X Corp\uffa0', /invisible characters/],
    ['a control character', 'X\u0007Corp', /control/],
  ])('refuses a party name of %s', (_, name, message) => {
    expectRefusedAt({ ...MINIMAL.rumored, target: { name } }, 'target.name', message);
  });

  it.each([
    ['an authority of a Hangul filler', { ...MINIMAL.regulatory, authority: '\u3164' }, 'authority'],
    ['a note with a direction override', { ...MINIMAL.closed, note: 'closed \u202e' }, 'note'],
    ['a publisher of a filler', { ...MINIMAL.closed, source: { publisher: '\u3164' } }, 'source.publisher'],
    ['a voiding reason of invisible characters', { ...MINIMAL.voided, reason: '\u200b\u3164' }, 'reason'],
    ['a note with a bell', { ...MINIMAL.closed, note: 'ding\u0007' }, 'note'],
  ])('refuses %s in a text field', (_, body, field) => {
    expectRefusedAt(body, field, /control or invisible characters/);
  });

  it.each([
    ['a note of spaces', { ...MINIMAL.closed, note: '   ' }, 'note'],
    ['a note of a no-break space', { ...MINIMAL.closed, note: '\u00a0' }, 'note'],
    ['a note of an ideographic space', { ...MINIMAL.closed, note: '\u3000\n' }, 'note'],
  ])('refuses %s: blank', (_, body, field) => {
    expectRefusedAt(body, field, /must not be blank/);
  });

  it('refuses an API key pasted into a note, and a URL with credentials', () => {
    expectRefusedAt({ ...MINIMAL.closed, note: 'key: dt_Qm9vLTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams' }, 'note', /holds an API key/);
    expectRefusedAt({ ...MINIMAL.closed, source: { url: 'https://user:pw@example.com/a' } }, 'source.url', /without a user or password/);
  });

  it('refuses the blank braille pattern, in a note and beside a name', () => {
    expectRefusedAt({ ...MINIMAL.closed, note: '\u2800' }, 'note', /control or invisible characters/);
    expectRefusedAt({ ...MINIMAL.rumored, target: { name: 'X\u2800Corp' } }, 'target.name', /invisible characters/);
  });

  it('takes a note of several lines and tabs', () => {
    expect(parse({ ...MINIMAL.closed, note: 'line one\nline two\twith a tab' }).event).toMatchObject({ note: 'line one\nline two\twith a tab' });
  });

  it('refuses a name with a line separator', () => {
    expectRefusedAt({ ...MINIMAL.rumored, target: { name: 'A\u2028B' } }, 'target.name', /invisible characters/);
  });

  it('accepts names in any script, with accents and punctuation', () => {
    for (const name of ['Société Générale', 'ソフトバンク', 'Ağaoğlu A.Ş.', "McDonald's", '3M']) {
      expect(parse({ ...MINIMAL.rumored, target: { name } }).event).toMatchObject({ target: { name } });
    }
  });

  it.each([
    ['occurredOn as a number', { ...MINIMAL.closed, occurredOn: 20250328 }, 'occurredOn'],
    ['a party as a string', { ...MINIMAL.rumored, acquirer: 'xAI' }, 'acquirer'],
    ['a party name as a number', { ...MINIMAL.rumored, acquirer: { name: 42 } }, 'acquirer.name'],
    ['money as an array', withValue([USD('1')]), 'value'],
    ['money as a string', withValue('45bn'), 'value'],
    ['equivalents as an object', priced({ value: USD('1'), equivalents: USD('1') }), 'equivalents'],
    ['an equivalents item as a string', priced({ value: USD('1'), equivalents: ['1 EUR'] }), 'equivalents'],
    ['stakePercent as a string', priced({ stakePercent: '50' }), 'stakePercent'],
    ['consideration outside its list', priced({ consideration: 'barter' }), 'consideration'],
    ['dealType outside its list', { ...MINIMAL.announced, dealType: 'takeover' }, 'dealType'],
    ['decision outside its list', { ...MINIMAL.regulatory, decision: 'approved_maybe' }, 'decision'],
    ['vote party outside its list', { ...MINIMAL.shareholder_vote, party: 'board' }, 'party'],
    ['termination side outside its list', { ...MINIMAL.termination_attempted, by: 'regulator' }, 'by'],
    ['advisor side outside its list', { ...MINIMAL.advisor_retained, side: 'bidder' }, 'side'],
    ['advisor role outside its list', { ...MINIMAL.advisor_retained, role: 'Financial' }, 'role'],
    ['advisor as a string', { ...MINIMAL.advisor_retained, advisor: 'Goldman Sachs' }, 'advisor'],
    ['note as a number', { ...MINIMAL.closed, note: 1 }, 'note'],
    ['source as a string', { ...MINIMAL.closed, source: 'Le Monde' }, 'source'],
    ['null for an optional field', { ...MINIMAL.rumored, seller: null }, 'seller'],
    ['null for an optional string', { ...MINIMAL.withdrawn, reason: null }, 'reason'],
  ])('refuses %s', (_what, body, field) => {
    expectRefusedAt(body, field);
  });

  it.each([
    ['occurredOn', { type: 'closed' }, 'occurredOn'],
    ['acquirer', { type: 'rumored', ...ON, target: { name: 'X' } }, 'acquirer'],
    ['target (null)', { ...MINIMAL.announced, target: null }, 'target'],
    ['bidder', { type: 'competing_bid', ...ON }, 'bidder'],
    ['authority', { type: 'regulatory', ...ON, decision: 'filed' }, 'authority'],
    ['decision', { type: 'regulatory', ...ON, authority: 'CMA' }, 'decision'],
    ['outcome', { type: 'shareholder_vote', ...ON, party: 'target' }, 'outcome'],
    ['by', { type: 'termination_attempted', ...ON }, 'by'],
    ['advisor', { type: 'advisor_retained', ...ON, side: 'target', role: 'legal' }, 'advisor'],
    ['advisor side', { type: 'advisor_retained', ...ON, advisor: { name: 'Lazard' }, role: 'legal' }, 'side'],
    ['advisor role', { type: 'advisor_retained', ...ON, advisor: { name: 'Lazard' }, side: 'target' }, 'role'],
    ['retracted eventId', { type: 'retracted', ...ON, reason: 'r' }, 'eventId'],
    ['retracted reason', { type: 'retracted', ...ON, eventId: UUID }, 'reason'],
    ['party name', { ...MINIMAL.rumored, target: {} }, 'target.name'],
    ['money currency', withValue({ amount: '1' }), 'value.currency'],
    ['money amount', withValue({ currency: 'USD' }), 'value.amount'],
  ])('refuses a missing required %s', (_what, body, field) => {
    expectRefusedAt(body, field, /is required/);
  });

  it.each(['usd', 'XXY', 'US', 'USDX', ' EUR', 840])('refuses currency %p', (currency) => {
    expectRefusedAt(withValue({ amount: '1', currency }), 'value.currency', /ISO 4217/);
  });

  it('names the array index of a bad equivalent', () => {
    const body = priced({ value: USD('1'), equivalents: [{ amount: '1', currency: 'EUR' }, { amount: '1', currency: 'eur' }] });
    expectRefusedAt(body, 'equivalents.1.currency', /ISO 4217/);
  });

  it.each([45000000000, 1.5, '0', '0.00', '-5', '1e9', 'abc', '', ' 1', '1.', '.5', '1,000', '1'.repeat(21), '1.12345678901', '00012', '01.5'])(
    'refuses amount %p',
    (amount) => {
      expectRefusedAt(withAmount(amount), 'value.amount', /positive decimal written as a JSON string/);
    },
  );

  it.each(['2025-02-30', '28/03/2025', '2025-3-28', '2025-03-28T00:00:00Z', '2025-13-01', '2025-00-10', '2100-02-29', ''])(
    'refuses occurredOn %p',
    (occurredOn) => {
      expectRefusedAt({ ...MINIMAL.closed, occurredOn }, 'occurredOn', /real calendar date written YYYY-MM-DD/);
    },
  );

  it('checks the other dates as strictly', () => {
    expectRefusedAt({ ...MINIMAL.announced, expectedCloseOn: '2025-04-31' }, 'expectedCloseOn', /calendar date/);
    expectRefusedAt({ ...MINIMAL.closed, source: { publishedOn: '29 March 2025' } }, 'source.publishedOn', /calendar date/);
  });

  it.each([
    ['enterpriseValue', { amount: '1', currency: 'usd' }, 'enterpriseValue.currency'],
    ['equityValue', '61000000000', 'equityValue'],
    ['cashPercent', 101, 'cashPercent'],
    ['cashPercent', -1, 'cashPercent'],
    ['cashPercent', '50', 'cashPercent'],
    ['exchangeRatio', '0', 'exchangeRatio'],
    ['exchangeRatio', 0.25, 'exchangeRatio'],
    ['exchangeRatio', '00.25', 'exchangeRatio'],
    ['premiumPercent', 44, 'premiumPercent'],
    ['premiumPercent', '+44', 'premiumPercent'],
    ['premiumPercent', '1e2', 'premiumPercent'],
    ['targetTerminationFee', { amount: '-1', currency: 'USD' }, 'targetTerminationFee.amount'],
    ['reverseTerminationFee', null, 'reverseTerminationFee'],
    ['expectedCloseOn', '2025-02-30', 'expectedCloseOn'],
    ['outsideDate', 'soon', 'outsideDate'],
    ['attitude', 'Hostile', 'attitude'],
    ['offerStructure', 'merger', 'offerStructure'],
  ])('refuses the term %s = %p, naming %s', (name, value, field) => {
    expectRefusedAt(priced({ [name]: value }), field);
    expectRefusedAt({ ...MINIMAL.announced, [name]: value }, field);
  });

  it.each([-0.5, 100, 150, '5'])('refuses stakeHeldBeforePercent %p (0 up to, not including, 100)', (stakeHeldBeforePercent) => {
    expectRefusedAt({ ...MINIMAL.rumored, stakeHeldBeforePercent }, 'stakeHeldBeforePercent', /at least 0 and below 100|JSON number/);
  });

  it('refuses the new terms on a competing bid, and stakeHeldBeforePercent on priced', () => {
    expectRefusedAt({ ...MINIMAL.competing_bid, enterpriseValue: USD('1') }, 'enterpriseValue', /unknown field/);
    expectRefusedAt(priced({ stakePercent: 60, stakeHeldBeforePercent: 5 }), 'stakeHeldBeforePercent', /unknown field/);
  });

  it('takes a priced event carrying only a new term', () => {
    expect(parse({ ...MINIMAL.priced, reverseTerminationFee: USD('2200000000') }).event).toMatchObject({ reverseTerminationFee: USD('2200000000') });
  });

  it.each(['gb', ' gb ', 'Eu'])('takes the jurisdiction %p in any case and keeps it upper-case', (jurisdiction) => {
    expect(parse({ ...MINIMAL.regulatory, jurisdiction }).event).toMatchObject({ jurisdiction: jurisdiction.trim().toUpperCase() });
  });

  it.each(['UK', 'European Union', 'XX', 'G', '\u200bGB'])('refuses the jurisdiction %p: ISO 3166-1 alpha-2 or EU', (jurisdiction) => {
    expectRefusedAt({ ...MINIMAL.regulatory, jurisdiction }, 'jurisdiction', /ISO 3166-1 alpha-2/);
  });

  it('refuses remedies with any decision but approved_with_remedies', () => {
    expectRefusedAt({ ...MINIMAL.regulatory, decision: 'approved', remedies: 'Divest' }, 'remedies', /approved_with_remedies only/);
  });

  it.each(['target', 'acquirer'])('takes feePaidBy %p on a termination, and nothing else there', (feePaidBy) => {
    expect(parse({ ...MINIMAL.terminated, feePaidBy }).event).toMatchObject({ feePaidBy });
    expectRefusedAt({ ...MINIMAL.terminated, feePaidBy: 'both' }, 'feePaidBy');
  });

  it.each([0, -1, 101, 100.0001, Number.NaN])('refuses stakePercent %p', (stakePercent) => {
    expectRefusedAt(priced({ stakePercent }), 'stakePercent');
  });

  it.each([
    ['a note over 2,000 characters', { ...MINIMAL.closed, note: 'n'.repeat(2001) }, 'note'],
    ['an empty note', { ...MINIMAL.closed, note: '' }, 'note'],
    ['a blank party name', { ...MINIMAL.rumored, acquirer: { name: '   ' } }, 'acquirer.name'],
    ['a party name over 200 characters', { ...MINIMAL.rumored, target: { name: 'x'.repeat(201) } }, 'target.name'],
    ['an authority over 200 characters', { ...MINIMAL.regulatory, authority: 'a'.repeat(201) }, 'authority'],
    ['a blank retraction reason', { ...MINIMAL.retracted, reason: ' ' }, 'reason'],
    ['a retraction reason over 2,000 characters', { ...MINIMAL.retracted, reason: 'r'.repeat(2001) }, 'reason'],
    ['a source title over 500 characters', { ...MINIMAL.closed, source: { title: 't'.repeat(501) } }, 'source.title'],
  ])('refuses %s', (_what, body, field) => {
    expectRefusedAt(body, field, /characters long/);
  });

  it.each([
    ['a companyId that is not a uuid', { ...MINIMAL.rumored, target: { name: 'X', companyId: 'x-corp' } }, 'target.companyId'],
    ['a retracted eventId that is not a uuid', { ...MINIMAL.retracted, eventId: '42' }, 'eventId'],
    ['a non-http source url', { ...MINIMAL.closed, source: { url: 'javascript:alert(1)' } }, 'source.url'],
    ['a source url without protocol', { ...MINIMAL.closed, source: { url: 'www.lemonde.fr' } }, 'source.url'],
    ['a bad language tag', { ...MINIMAL.closed, source: { language: 'french!' } }, 'source.language'],
    ['more than 20 equivalents', priced({ value: USD('1'), equivalents: Array(21).fill(USD('1')) }), 'equivalents'],
  ])('refuses %s', (_what, body, field) => {
    expectRefusedAt(body, field);
  });

  it.each([
    ['no terms', priced({})],
    ['only equivalents', priced({ equivalents: [USD('1')] })],
  ])('refuses a priced event with %s', (_what, body) => {
    expectRefusedAt(body, 'body', /at least one of value, pricePerShare, consideration, stakePercent/);
  });

  it('refuses dealId where it is not allowed, even a valid one', () => {
    expectRefusedAt({ ...MINIMAL.closed, dealId: UUID }, 'dealId', /only accepted when creating a deal/);
  });

  it.each(['abc', 42, null, `${UUID}0`])('refuses dealId %p when allowed', (dealId) => {
    expectRefusedAt({ ...MINIMAL.rumored, dealId }, 'dealId', /UUID/, true);
  });

  it('reports every problem at once, one entry each', () => {
    const body = { type: 'announced', occurredOn: '2025-02-30', acquirer: { name: '' }, value: { amount: 5, currency: 'usd' }, extra: 1 };
    expect(errorsOf(body).map((e) => e.field).sort()).toEqual(
      ['acquirer.name', 'extra', 'occurredOn', 'target', 'value.amount', 'value.currency'].sort(),
    );
  });
});

describe('parseDealEventBody: hostile bodies', () => {
  it.each([
    ['{"type":"closed","occurredOn":"2025-03-28","__proto__":{"polluted":true}}', '__proto__'],
    ['{"type":"closed","occurredOn":"2025-03-28","source":{"__proto__":{"polluted":true}}}', 'source.__proto__'],
    ['{"type":"priced","occurredOn":"2025-03-28","equivalents":[{"__proto__":{"polluted":true}}]}', 'equivalents.0.__proto__'],
    ['{"type":"closed","occurredOn":"2025-03-28","constructor":{"prototype":{"polluted":true}}}', 'constructor'],
    ['{"type":"closed","occurredOn":"2025-03-28","x":{"prototype":1}}', 'x.prototype'],
  ])('refuses %s', (json, field) => {
    expectRefusedAt(JSON.parse(json), field, /not allowed as a field name/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses Object.prototype method names instead of silently dropping them', () => {
    const body = JSON.parse('{"type":"closed","occurredOn":"2025-03-28","toString":"x","finalValue":{"amount":"1","currency":"USD","hasOwnProperty":1}}');
    expect(errorsOf(body).map((e) => e.field)).toEqual(['toString', 'finalValue.hasOwnProperty']);
  });

  it('refuses absurd nesting', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const errors = errorsOf({ ...MINIMAL.closed, source: deep });
    expect(errors).toEqual([{ field: `source${'.a'.repeat(MAX_BODY_DEPTH - 1)}`, message: expect.stringMatching(/nested too deeply/) }]);
  });
});
