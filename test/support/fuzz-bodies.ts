// Request bodies: valid ones with a field mutated, random JSON, malformed text, extreme sizes, wrong content
// types, hostile CSV; each judged: must the server refuse it?
import fc from 'fast-check';
import type { FuzzOperation, SchemaOracle } from './fuzz-openapi.js';
import {
    NUMBER_LITERALS,
  ODD_JSON_TEXTS,
  PROTO_KEYS,
  RawJson,
  UNSTORABLE_SAMPLES,
  boundaryValues,
  deepNesting,
  hostileJsonValue,
  hostileKey,
  hostileString,
  printableHostileString,
  short,
  withOwnKey,
} from './fuzz-values.js';

export interface BodyCase {
  body?: string | Buffer;
  headers: Record<string, string>;
  /** Why the server must refuse it, or null when it may be valid. */
  refuse: string | null;
  why: string;
}

export interface BodyPools {
  /** Valid bodies, where mutations start. */
  json: object[];
  /** Valid bodies whose success leaves the target as it was (no closing event): bases of the header and path families. */
  keepsOpen: object[];
  csv: string[];
  bodyLimit: number;
}

type Path = (string | number)[];
type Replacement = { value: unknown } | { raw: string; label: string };

const JSON_TYPE = 'application/json';

/** Values that might be right somewhere: a mutated body with one of these may be valid (then a 201 is fine). */
const PLAUSIBLE_VALUES: unknown[] = [
  '2026-03-28', '2099-01-01', '2024-02-29', '1999-12-31', '0000-01-01', '0001-01-01', '9999-12-31', 'USD', 'EUR', 'usd', 'GBX', 'cash',
  'stock', 'merger',
  'approved', 'blocked', 'target', 'acquirer', 'rejected', 'closed', 'withdrawn', 'announced', 'priced', 1, 50, 100,
  100.5, 0.0001, '1.5', '0', '0.00', '4.10', '00012', 'https://example.com/a?b=c', 'fr', 'zh-Hant-TW',
  '3f2b8c1d-6e4a-4b7f-9d2c-1a5e8f0b7c6d', [], {}, [{ amount: '1', currency: 'EUR' }],
];

const replacement: fc.Arbitrary<Replacement> = fc.oneof(
  { arbitrary: hostileJsonValue.map((value) => ({ value })), weight: 3 },
  { arbitrary: printableHostileString.map((value) => ({ value })), weight: 2 },
  { arbitrary: fc.constantFrom(...UNSTORABLE_SAMPLES).map((value) => ({ value })), weight: 1 },
  { arbitrary: fc.constantFrom(...NUMBER_LITERALS).map((raw) => ({ raw, label: raw })), weight: 1 },
  { arbitrary: deepNesting.map(({ depth, text }) => ({ raw: text, label: `${depth} levels of nesting` })), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('x', 'é', '😀', "'"), fc.integer({ min: 2_001, max: 20_000 }))
      .map(([c, n]) => ({ value: c.repeat(n) })),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(...PLAUSIBLE_VALUES).map((value) => ({ value: structuredClone(value) })), weight: 2 },
);

const WRONG_NAMES = ['dealID', 'Type', 'occurred_on', 'value ', 'acquirer.name', 'bidder', 'finalValue', 'eventId', 'extra', ''];

type Step = { at: number } & (
  | { kind: 'replace'; with: Replacement }
  | { kind: 'boundary'; pick: number }
  | { kind: 'add'; key: string; with: Replacement }
  | { kind: 'remove' }
);

/** Edge values the schema allows or nearly allows for a node (see boundaryValues); empty off the schema. */
type BoundaryOf = (root: unknown, path: Path) => unknown[];

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ at: fc.nat(), kind: fc.constant('replace' as const), with: replacement }), weight: 5 },
  { arbitrary: fc.record({ at: fc.nat(), kind: fc.constant('boundary' as const), pick: fc.nat() }), weight: 4 },
  {
    arbitrary: fc.record({
      at: fc.nat(),
      kind: fc.constant('add' as const),
      key: fc.oneof(hostileKey, fc.constantFrom(...WRONG_NAMES, ...PROTO_KEYS)),
      with: replacement,
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ at: fc.nat(), kind: fc.constant('remove' as const) }), weight: 1 },
);

/** Every node of a JSON value, root first; iterative (values may nest deeply). */
function pathsOf(value: unknown): { path: Path; node: unknown }[] {
  const out: { path: Path; node: unknown }[] = [];
  const stack: { path: Path; node: unknown }[] = [{ path: [], node: value }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    out.push(item);
    if (typeof item.node === 'object' && item.node !== null) {
      for (const [key, child] of Object.entries(item.node)) {
        stack.push({ path: [...item.path, Array.isArray(item.node) ? Number(key) : key], node: child });
      }
    }
  }
  return out;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return node;
}

function applyStep(root: unknown, s: Step, raw: RawJson, boundaryOf: BoundaryOf): { root: unknown; what: string } {
  const nodes = pathsOf(root);
  const toValue = (r: Replacement) => ('raw' in r ? raw.placeholder(r.raw) : r.value);
  const describe = (r: Replacement) => ('raw' in r ? r.label : short(r.value));
  if (s.kind === 'add') {
    const objects = nodes.filter((n) => typeof n.node === 'object' && n.node !== null && !Array.isArray(n.node));
    if (objects.length === 0) return { root, what: 'nothing to add a key to' };
    const target = objects[s.at % objects.length];
    withOwnKey(target.node as Record<string, unknown>, s.key, toValue(s.with));
    return { root, what: `added ${JSON.stringify(s.key)} = ${describe(s.with)} at ${target.path.join('.') || 'the root'}` };
  }
  if (s.kind === 'boundary') {
    const leaves = nodes.filter((n) => n.path.length > 0 && boundaryOf(root, n.path).length > 0);
    if (leaves.length === 0) return { root, what: 'no node with edge values' };
    const { path } = leaves[s.at % leaves.length];
    const candidates = boundaryOf(root, path);
    const value = structuredClone(candidates[s.pick % candidates.length]);
    const parent = parentOf(root, path);
    if (Array.isArray(parent)) parent[Number(path[path.length - 1])] = value;
    else withOwnKey(parent as Record<string, unknown>, String(path[path.length - 1]), value);
    return { root, what: `${path.join('.')} = ${short(value)} (an edge value)` };
  }
  const { path } = nodes[s.at % nodes.length];
  if (path.length === 0) {
    return s.kind === 'remove' ? { root: undefined, what: 'removed the whole body' } : { root: toValue(s.with), what: `body = ${describe(s.with)}` };
  }
  const parent = parentOf(root, path);
  const key = path[path.length - 1];
  if (s.kind === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
    return { root, what: `removed ${path.join('.')}` };
  }
  if (Array.isArray(parent)) parent[Number(key)] = toValue(s.with);
  else withOwnKey(parent as Record<string, unknown>, String(key), toValue(s.with));
  return { root, what: `${path.join('.')} = ${describe(s.with)}` };
}

/** Judges JSON text sent as JSON: malformed is refused; otherwise the schema and the storable-text rule decide. */
export function judgeJsonText(op: FuzzOperation, oracle: SchemaOracle, text: string, limit: number): string | null {
  if (Buffer.byteLength(text) > limit) return 'over the body limit';
  const schema = op.bodies[JSON_TYPE];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, '')); // body-parser drops a byte order mark, as it should
  } catch {
    return schema || text.trim() !== '' ? 'malformed JSON' : null;
  }
  return schema ? oracle.mustRefuse(schema, parsed) : null;
}

const mutatedBody = (pools: BodyPools, boundaryOf: BoundaryOf) =>
  fc.tuple(fc.constantFrom(...pools.json), fc.array(step, { minLength: 1, maxLength: 2 })).map(([base, steps]) => {
    const raw = new RawJson();
    let root: unknown = structuredClone(base);
    const whats: string[] = [];
    for (const s of steps) {
      const applied = applyStep(root, s, raw, boundaryOf);
      root = applied.root;
      whats.push(applied.what);
    }
    return { text: raw.toJsonText(root), why: `valid body mutated: ${whats.join('; ')}` };
  });

const rawText: fc.Arbitrary<{ text: string; why: string }> = fc.oneof(
  fc.constantFrom(...ODD_JSON_TEXTS).map((text) => ({ text, why: `the text ${short(text)}` })),
  deepNesting.map(({ depth, text }) => ({ text, why: `body nested ${depth} levels` })),
  hostileString.map((text) => ({ text, why: `body is the text ${short(text)}` })),
  hostileJsonValue.map((value) => ({ text: JSON.stringify(value) ?? 'null', why: `body is ${short(value)}` })),
);

function sizedBody(pools: BodyPools): fc.Arbitrary<{ text: string; why: string }> {
  const sizes = fc.tuple(fc.constantFrom(...pools.json), fc.integer({ min: -300, max: 3_000 }), fc.constantFrom('x', 'é', '😀'));
  return sizes.map(([base, delta, c]) => {
    const skeleton = JSON.stringify({ ...base, note: '' });
    const room = pools.bodyLimit + delta - Buffer.byteLength(skeleton);
    const note = c.repeat(Math.max(0, Math.floor(room / Buffer.byteLength(c))));
    const text = JSON.stringify({ ...base, note });
    return { text, why: `${Buffer.byteLength(text)} bytes (limit ${pools.bodyLimit})` };
  });
}

/** Content types and encodings that are not what the route reads. */
const OTHER_TYPES = [
  'text/plain', 'application/xml', 'multipart/form-data; boundary=xyz', 'application/x-www-form-urlencoded', 'image/png',
  'text/csv', 'application/octet-stream', '*/*', 'garbage', 'application/json; charset=utf-16', 'application/json; charset=latin1',
  'application/json, text/plain', 'application/jsonp', 'application/vnd.api+json', 'application/merge-patch+json',
];
const JSONISH_TYPES = ['application/json; charset=utf-8', 'APPLICATION/JSON'];

/** Whether the server reads this content type as JSON (application/json only, not other +json types). */
const isJsonType = (type: string) => /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i.test(type.trim());

function judgeTyped(op: FuzzOperation, oracle: SchemaOracle, type: string | undefined, text: string, limit: number): string | null {
  if (type !== undefined && isJsonType(type)) return judgeJsonText(op, oracle, text, limit);
  if (type !== undefined && op.bodies[type.split(';')[0].trim().toLowerCase()] !== undefined) return null;
  if (/charset=(?!"?utf-8)/i.test(type ?? '') && /json/i.test(type ?? '')) return `unsupported charset in ${type}`;
  return Object.keys(op.bodies).length > 0 ? `content type ${type ?? '(none)'} is not one the route reads` : null;
}

/** The bodies of one operation, judged. */
export function bodyCases(op: FuzzOperation, oracle: SchemaOracle, pools: BodyPools): fc.Arbitrary<BodyCase> {
  const schema = op.bodies[JSON_TYPE];
  const today = new Date().toISOString().slice(0, 10);
  const boundaryOf: BoundaryOf = (root, path) => {
    const at = schema ? oracle.schemaAt(schema, root, path) : null;
    return at ? boundaryValues(at, valueAt(root, path), today) : [];
  };
  const json = (source: fc.Arbitrary<{ text: string; why: string }>) =>
    source.map(({ text, why }) => ({
      body: text,
      headers: { 'Content-Type': JSON_TYPE },
      refuse: judgeJsonText(op, oracle, text, pools.bodyLimit),
      why,
    }));
  const validBody = fc.constantFrom(...pools.json).map((b) => ({ text: JSON.stringify(b), why: 'valid body' }));
  const contentType = fc.option(fc.constantFrom(...OTHER_TYPES, ...JSONISH_TYPES), { nil: undefined });
  const retyped = fc
    .tuple(fc.oneof(mutatedBody(pools, boundaryOf), validBody), contentType)
    .map(([{ text, why }, type]) => ({
      body: text,
      headers: (type === undefined ? {} : { 'Content-Type': type }) as Record<string, string>,
      refuse: judgeTyped(op, oracle, type, text, pools.bodyLimit),
      why: `${why}, sent as ${type ?? 'no content type'}`,
    }));
  const encodings = fc.constantFrom('gzip', 'deflate', 'br', 'zz', 'gzip, gzip');
  const encoded = fc.tuple(fc.constantFrom(...pools.json), encodings).map(([base, encoding]) => ({
    body: JSON.stringify(base),
    headers: { 'Content-Type': JSON_TYPE, 'Content-Encoding': encoding },
    refuse: `plain text labelled Content-Encoding: ${encoding}`,
    why: `valid body labelled ${encoding}`,
  }));
  // Bytes that are not UTF-8 at some point of a valid body; the route reads them as U+FFFD, and so does the judge.
  const badBytes = fc.constantFrom([0xff], [0xfe, 0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80]);
  const notUtf8 = fc
    .tuple(fc.constantFrom(...pools.json), fc.nat(), badBytes)
    .map(([base, at, bytes]) => {
      const text = Buffer.from(JSON.stringify(base));
      const cut = at % text.length;
      const body = Buffer.concat([text.subarray(0, cut), Buffer.from(bytes), text.subarray(cut)]);
      return {
        body,
        headers: { 'Content-Type': JSON_TYPE },
        refuse: judgeJsonText(op, oracle, body.toString('utf8'), pools.bodyLimit),
        why: `bytes ${Buffer.from(bytes).toString('hex')} (not UTF-8) at byte ${cut} of a valid body`,
      };
    });
  const arbitraries: fc.WeightedArbitrary<BodyCase>[] = [
    { arbitrary: notUtf8, weight: 1 },
    { arbitrary: json(mutatedBody(pools, boundaryOf)), weight: 8 },
    { arbitrary: json(rawText), weight: 3 },
    { arbitrary: json(sizedBody(pools)), weight: 1 },
    { arbitrary: retyped, weight: 2 },
    { arbitrary: encoded, weight: 1 },
  ];
  if (op.bodies['text/csv'] && pools.csv.length > 0) arbitraries.push({ arbitrary: csvCases(pools), weight: 4 });
  return fc.oneof(...arbitraries);
}

const CSV_CELLS = [...NUMBER_LITERALS, 'N/A', '', '"1.0"', '1,5', '0000-01-01', '1 January 0000', '31 February 2024'];

/** ECB files with a cell, a line or the header damaged. The parser's rules are its own: only a 5xx is a failure. */
function csvCases(pools: BodyPools): fc.Arbitrary<BodyCase> {
  const damage = fc.oneof(
    fc.tuple(fc.nat(), fc.oneof(hostileString, fc.constantFrom(...CSV_CELLS))).map(
      ([at, cell]) => (lines: string[][]) => {
        if (lines.length === 0) lines.push(['']);
        const row = lines[at % lines.length];
        row[at % row.length] = cell;
        return `cell = ${short(cell)}`;
      },
    ),
    fc.tuple(fc.nat(), hostileString).map(([at, line]) => (lines: string[][]) => {
      lines.splice(at % (lines.length + 1), 0, [line]);
      return `line inserted ${short(line)}`;
    }),
    fc.nat().map((at) => (lines: string[][]) => {
      lines.push([...(lines[1 + (at % Math.max(1, lines.length - 1))] ?? lines[0] ?? [])]);
      return 'a row repeated';
    }),
    fc.constant((lines: string[][]) => {
      lines.shift();
      return 'header removed';
    }),
  );
  return fc
    .tuple(fc.constantFrom(...pools.csv), fc.array(damage, { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
    .map(([csv, damages, newline, bom]) => {
      const lines = csv.trimEnd().split('\n').map((line) => line.split(','));
      const whats = damages.map((d) => d(lines));
      const body = `${bom ? '\uFEFF' : ''}${lines.map((cells) => cells.join(',')).join(newline)}${newline}`;
      return {
        body,
        headers: { 'Content-Type': 'text/csv' },
        refuse: Buffer.byteLength(body) > pools.bodyLimit ? 'over the body limit' : null,
        why: `ECB CSV damaged: ${whats.join('; ')}`,
      };
    });
}
