// League tables: acquirers, or financial or legal advisors, ranked over a period, with the report filters. Everything
// chosen is in the URL. A preset period is kept by name (#/league-tables?period=this-year), so a shared link stays
// "this year" next year; typed dates are kept as dates.
import { query } from '../api';
import { useApp } from '../app-context';
import { today, words } from '../format';
import { type LeagueRow, LeagueTable } from '../league-table';
import { type Route, href, navigate } from '../router';
import { Field, Loading } from '../widgets';
import { SECTORS } from '../domain';
import { Choices, CrossBorderField, LoadMore, ProblemWithFields, Select, Shown, fieldErrors, usePages } from '../list-controls';

const TABLES = {
  acquirers: 'Acquirers',
  financial: 'Financial advisors',
  legal: 'Legal advisors',
} as const;
type Table = keyof typeof TABLES;

const PERIODS = {
  'this-year': 'This year',
  'this-quarter': 'This quarter',
  'last-12-months': 'Last 12 months',
  all: 'All time',
} as const;
type Period = keyof typeof PERIODS;

/** What the API takes when a parameter is left out. */
const DEFAULTS = { basis: 'announced', rank: 'value', measure: 'value' } as const;

/** The parameters of GET /league-tables/* this page sets (the page's URL uses the same names). */
const OPTIONS = ['basis', 'rank', 'measure', 'targetCountry', 'targetSector', 'acquirerCountry', 'crossBorder'] as const;
type Option = (typeof OPTIONS)[number];

export function LeagueTablesPage({ route }: { route: Route }) {
  const { tick } = useApp();
  const { params } = route;
  const table = pick(TABLES, params.get('table')) ?? 'acquirers';
  const from = params.get('from') || undefined;
  const to = params.get('to') || undefined;
  // Dates typed in win over a preset; with neither, all time (as the overview's "all time" tables link here).
  const period: Period | 'custom' = from || to ? 'custom' : (pick(PERIODS, params.get('period')) ?? 'all');
  const range = period === 'custom' ? { from, to } : periodRange(period);
  const options = Object.fromEntries(OPTIONS.map((name) => [name, params.get(name) || undefined])) as Partial<Record<Option, string>>;

  const path =
    table === 'acquirers'
      ? `/league-tables/acquirers${query({ ...options, ...range })}`
      : `/league-tables/advisors${query({ role: table, ...options, ...range })}`;
  const list = usePages<LeagueRow>(path, tick);
  const errors = fieldErrors(list.error);

  /** This page's link with some of its choices changed (null drops one). */
  const link = (changes: Record<string, string | null>) => {
    const next: Record<string, string | undefined> = { table: table === 'acquirers' ? undefined : table, period: period === 'all' || period === 'custom' ? undefined : period, from, to, ...options };
    for (const [name, value] of Object.entries(changes)) next[name] = value ?? undefined;
    return href('/league-tables', next);
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const value = (name: string) => form.getAll(name).map((v) => String(v).trim()).filter(Boolean).join(',');
    const chosen: Record<string, string | null> = {};
    for (const name of OPTIONS) {
      const given = name.endsWith('Country') ? value(name).replace(/\s+/g, '') : value(name);
      // The API's defaults are left out of the URL, as they are of the request.
      chosen[name] = given && given !== DEFAULTS[name as keyof typeof DEFAULTS] ? given : null;
    }
    // Dates left as the preset filled them in keep the preset; changed ones become a custom period.
    const [newFrom, newTo] = [value('from'), value('to')];
    const keep = period !== 'custom' && newFrom === (range.from ?? '') && newTo === (range.to ?? '');
    Object.assign(chosen, keep ? { from: null, to: null } : { period: null, from: newFrom || null, to: newTo || null });
    navigate(link(chosen));
  };

  return (
    <>
      <h1>League tables</h1>
      <nav class="choice-links" aria-label="Table">
        {Object.entries(TABLES).map(([key, label]) => (
          <a href={link({ table: key === 'acquirers' ? null : key })} aria-current={key === table ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <nav class="choice-links" aria-label="Period">
        {Object.entries(PERIODS).map(([key, label]) => (
          <a href={link({ period: key === 'all' ? null : key, from: null, to: null })} aria-current={key === period ? 'page' : undefined}>
            {label}
          </a>
        ))}
        {period === 'custom' ? <span aria-current="page">Custom dates</span> : null}
      </nav>
      <section class="card" aria-labelledby="league-options">
        <h2 id="league-options" class="visually-hidden">Options</h2>
        <form class="filters align-top" aria-label="League table options" onSubmit={submit} key={route.params.toString()}>
          <Field label="From" error={errors.from}>
            <input name="from" type="date" defaultValue={range.from ?? ''} aria-invalid={errors.from ? true : undefined} />
          </Field>
          <Field label="To" error={errors.to}>
            <input name="to" type="date" defaultValue={range.to ?? ''} aria-invalid={errors.to ? true : undefined} />
          </Field>
          <Field label="Basis" error={errors.basis} hint="Dated by announcement, or by closing">
            <Select name="basis" value={options.basis ?? DEFAULTS.basis} options={{ announced: 'Announced', closed: 'Closed' }} />
          </Field>
          <Field label="Rank by" error={errors.rank}>
            <Select name="rank" value={options.rank ?? DEFAULTS.rank} options={{ value: 'USD value', count: 'Number of deals' }} />
          </Field>
          <Field label="Measure" error={errors.measure} hint="Rank value: enterprise value when known">
            <Select name="measure" value={options.measure ?? DEFAULTS.measure} options={{ value: 'Deal value', rankValue: 'Rank value' }} />
          </Field>
          <Field label="Target country" error={errors.targetCountry} hint="ISO codes, e.g. US,GB">
            <input name="targetCountry" type="text" defaultValue={options.targetCountry ?? ''} aria-invalid={errors.targetCountry ? true : undefined} />
          </Field>
          <Field label="Acquirer country" error={errors.acquirerCountry} hint="ISO codes, e.g. DE">
            <input name="acquirerCountry" type="text" defaultValue={options.acquirerCountry ?? ''} aria-invalid={errors.acquirerCountry ? true : undefined} />
          </Field>
          <CrossBorderField value={options.crossBorder} error={errors.crossBorder} />
          <Choices name="targetSector" legend="Target sector" options={SECTORS} selected={options.targetSector} error={errors.targetSector} />
          <div class="form-actions">
            <button type="submit">Show</button>
            <a href={href('/league-tables', { table: table === 'acquirers' ? undefined : table })}>Reset</a>
          </div>
        </form>
      </section>
      <section class="card" aria-labelledby="league-table">
        <header class="card-head">
          <h2 id="league-table">{describe(table, options, range)}</h2>
          <Shown pages={list} one="row" many="rows" />
        </header>
        {list.error ? <ProblemWithFields error={list.error} shown={['from', 'to', ...OPTIONS]} /> : null}
        {!list.items ? (list.error ? null : <Loading />) : (
          <div class="table-scroll">
            <LeagueTable rows={list.items} />
          </div>
        )}
        <LoadMore pages={list} what="rows" />
      </section>
    </>
  );
}

/** A key of `choices` named in the URL, or undefined for anything else (a hand-edited link). */
const pick = <K extends string>(choices: Record<K, string>, value: string | null): K | undefined =>
  value !== null && Object.hasOwn(choices, value) ? (value as K) : undefined;

/** "Acquirers by USD value of announced deals, 2026-01-01 to 2026-12-31". */
function describe(table: Table, options: Partial<Record<Option, string>>, range: { from?: string; to?: string }): string {
  const by = options.rank === 'count' ? 'number' : options.measure === 'rankValue' ? 'USD rank value' : 'USD value';
  const basis = options.basis === 'closed' ? 'closed' : 'announced';
  const when = range.from && range.to ? `${range.from} to ${range.to}` : range.from ? `from ${range.from}` : range.to ? `to ${range.to}` : 'all time';
  const filters = [
    options.targetCountry && `target in ${options.targetCountry.toUpperCase()}`,
    options.targetSector && `target sector ${options.targetSector.split(',').map(words).join(', ')}`,
    options.acquirerCountry && `acquirer in ${options.acquirerCountry.toUpperCase()}`,
    options.crossBorder && (options.crossBorder === 'true' ? 'cross-border' : 'domestic'),
  ].filter(Boolean);
  return `${TABLES[table]} by ${by} of ${basis} deals, ${when}${filters.length ? ` (${filters.join('; ')})` : ''}`;
}

const iso = (year: number, month: number, date: number) => new Date(Date.UTC(year, month, date)).toISOString().slice(0, 10);

/** A preset's dates, reckoned from today (UTC): whole calendar periods, or the twelve months ending today. */
function periodRange(period: Period, now = today()): { from?: string; to?: string } {
  const [year, month, date] = now.split('-').map(Number);
  switch (period) {
    case 'this-year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'this-quarter': {
      const first = Math.floor((month - 1) / 3) * 3; // 0-based month the quarter starts in
      return { from: iso(year, first, 1), to: iso(year, first + 3, 0) };
    }
    case 'last-12-months':
      return { from: iso(year - 1, month - 1, date + 1), to: now };
    case 'all':
      return {};
  }
}
