// The pipeline: pending deals, oldest announcement first, with how long each has been outstanding; today's (live), or
// as it stood at the end of a past day. The day and the column sorted are in the URL (#/pipeline?asOf=2022-08-01), so a
// view can be shared. Sorting is done here (the API answers one order only), over every pending deal: they are read first.
import { useEffect } from 'preact/hooks';
import { query } from '../api';
import { useApp } from '../app-context';
import { day, moneyWithUsd, today, usd } from '../format';
import { type Route, href, navigate } from '../router';
import { useApi } from '../use-api';
import { Field, Loading, Section } from '../widgets';
import { type DealRow, DealLink, LoadMore, type Order, ProblemWithFields, Shown, SortHeader, fieldErrors, usePages } from '../list-controls';

interface PipelineRow extends DealRow {
  daysOutstanding: number;
}

type Column = 'deal' | 'value' | 'announcedOn' | 'expectedCloseOn' | 'outsideDate' | 'daysOutstanding';

const COLUMNS: [Column, string][] = [
  ['deal', 'Deal'],
  ['value', 'Value'],
  ['announcedOn', 'Announced'],
  ['expectedCloseOn', 'Expected close'],
  ['outsideDate', 'Outside date'],
  ['daysOutstanding', 'Days outstanding'],
];
const NUMERIC: Column[] = ['value', 'daysOutstanding'];

/** The API's own order: the oldest announcement first. */
const DEFAULT_SORT = 'announcedOn';
/** How many pending deals a sort by another column reads first. */
const SORT_ALL_UP_TO = 5_000;

export function PipelinePage({ route }: { route: Route }) {
  const { tick } = useApp();
  const asOf = route.params.get('asOf') || undefined;
  const sort = parseSort(route.params.get('sort'));
  // Today's pipeline is read again with each live event; a past day's is read once (an event dated back that far is
  // rare, and the view being studied should not move under the reader).
  const list = usePages<PipelineRow>(`/pipeline${query({ asOf, limit: 200 })}`, asOf ? 0 : tick);
  // Sorted by another column than the API's, the order is only true of every pending deal: read them all first
  // (up to SORT_ALL_UP_TO; a bigger pipeline is sorted over what was read, and the caption says so).
  const sortedHere = route.params.get('sort') !== null && route.params.get('sort') !== DEFAULT_SORT;
  useEffect(() => {
    if (sortedHere && list.nextCursor && !list.loading && !list.error && (list.items?.length ?? 0) < SORT_ALL_UP_TO) list.more();
  }, [sortedHere, list.nextCursor, list.loading, list.error]);
  const errors = fieldErrors(list.error);
  const rows = list.items ? sortRows(list.items, sort) : undefined;
  const setSort = (column: Column) => {
    const next = sort.column === column && sort.order === 'ascending' ? `-${column}` : column;
    navigate(href('/pipeline', { asOf, sort: next === DEFAULT_SORT ? undefined : next }), { replace: true });
  };
  const showAsOf = (e: Event) => {
    e.preventDefault();
    const chosen = String(new FormData(e.currentTarget as HTMLFormElement).get('asOf') ?? '');
    navigate(href('/pipeline', { asOf: chosen || undefined, sort: route.params.get('sort') }));
  };
  return (
    <>
      <h1>Pipeline</h1>
      <form class="filters" aria-label="Pipeline day" onSubmit={showAsOf} key={asOf ?? ''}>
        <Field label="As of (empty for today)" error={errors.asOf}>
          <input name="asOf" type="date" max={today()} defaultValue={asOf ?? ''} aria-invalid={errors.asOf ? true : undefined} />
        </Field>
        <div class="form-actions">
          <button type="submit">Show</button>
          {asOf ? <a href={href('/pipeline', { sort: route.params.get('sort') })}>Back to today</a> : null}
        </div>
      </form>
      {asOf ? null : <PendingTotals tick={tick} />}
      <Section title={asOf ? `Pending at the end of ${asOf}` : 'Pending now'} actions={<Shown pages={list} one="deal" many="deals" />}>
        {list.error ? <ProblemWithFields error={list.error} shown={['asOf']} /> : null}
        {!rows ? (list.error ? null : <Loading />) : rows.length === 0 ? (
          <p class="muted">No deal was pending{asOf ? ` at the end of ${asOf}` : ''}.</p>
        ) : (
          <div class="table-scroll">
            <table class="data">
              <caption class="visually-hidden">
                Pending deals{asOf ? ` as of ${asOf}` : ''}; the column headers sort {list.nextCursor ? `the ${rows.length} rows read so far` : `all ${rows.length}`}
              </caption>
              <thead>
                <tr>
                  {COLUMNS.map(([column, label]) => (
                    <SortHeader label={label} num={NUMERIC.includes(column)} order={sort.column === column ? sort.order : undefined} onSort={() => setSort(column)} />
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((deal) => (
                  <tr key={deal.dealId}>
                    <td>
                      <DealLink deal={deal} />
                    </td>
                    <td class="num">{moneyWithUsd(deal.value, deal.valueUsd)}</td>
                    <td>{day(deal.announcedOn)}</td>
                    <td>
                      <DueDate date={deal.expectedCloseOn} asOf={asOf ?? today()} />
                    </td>
                    <td>
                      <DueDate date={deal.outsideDate} asOf={asOf ?? today()} />
                    </td>
                    <td class="num">{deal.daysOutstanding}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore pages={list} what="pending deals" />
      </Section>
    </>
  );
}

/** Today's totals (GET /stats/pending): the whole pipeline, not only the rows loaded. */
function PendingTotals({ tick }: { tick: number }) {
  const pending = useApi<{ dealCount: number; valueUsd: string | null; unconvertedCount: number }>('/stats/pending', tick);
  if (!pending.data) return null;
  const { dealCount, valueUsd, unconvertedCount } = pending.data;
  return (
    <p class="figure">
      <span class="big">{dealCount}</span> pending deal{dealCount === 1 ? '' : 's'}, <span class="big">{usd(valueUsd)}</span>
      {unconvertedCount ? <span class="warning"> ({unconvertedCount} without a USD figure, not in the total)</span> : null}
    </p>
  );
}

/** A date the deal was meant to meet: flagged once the day shown is past it. */
function DueDate({ date, asOf }: { date: string | null; asOf: string }) {
  if (!date) return <>{day(date)}</>;
  return (
    <>
      {date}
      {date < asOf ? <span class="warning"> (passed)</span> : null}
    </>
  );
}

function parseSort(text: string | null): { column: Column; order: Exclude<Order, undefined> } {
  const descending = !!text?.startsWith('-');
  const column = (descending ? text!.slice(1) : text) as Column;
  if (!COLUMNS.some(([c]) => c === column)) return { column: DEFAULT_SORT, order: 'ascending' };
  return { column, order: descending ? 'descending' : 'ascending' };
}

/** The rows in the order asked; rows without the value sorted on come last either way, ties keep the API's order. */
function sortRows(rows: PipelineRow[], { column, order }: ReturnType<typeof parseSort>): PipelineRow[] {
  const sign = order === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: sortKey(row, column) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1;
      return sign * compare(a.key, b.key, column) || a.index - b.index;
    })
    .map(({ row }) => row);
}

function sortKey(row: PipelineRow, column: Column): string | number | null {
  switch (column) {
    case 'deal':
      return `${row.acquirer?.name ?? ''} / ${row.target?.name ?? ''}`;
    case 'value':
      return row.valueUsd;
    case 'daysOutstanding':
      return row.daysOutstanding;
    default:
      return row[column];
  }
}

const names = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compare(a: string | number, b: string | number, column: Column): number {
  if (typeof a === 'number' || typeof b === 'number') return Number(a) - Number(b);
  if (column === 'value') return compareDecimal(a, b);
  if (column === 'deal') return names.compare(a, b);
  return a < b ? -1 : a > b ? 1 : 0; // YYYY-MM-DD sorts as text
}

/** Two non-negative decimal strings compared digit by digit (USD amounts are never read into floats). */
function compareDecimal(a: string, b: string): number {
  const [aWhole, aFraction = ''] = a.split('.');
  const [bWhole, bFraction = ''] = b.split('.');
  const x = aWhole.replace(/^0+/, '');
  const y = bWhole.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  if (x !== y) return x < y ? -1 : 1;
  const width = Math.max(aFraction.length, bFraction.length);
  const f = aFraction.padEnd(width, '0');
  const g = bFraction.padEnd(width, '0');
  return f === g ? 0 : f < g ? -1 : 1;
}
