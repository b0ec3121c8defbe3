// What the list pages share: the deal rows they show, paging on with nextCursor, sort headers, checkbox groups, and a
// problem's field errors shown at their fields.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type FieldError, query, request } from './api';
import { type Money, words } from './format';
import { href } from './router';
import { Failure, Field } from './widgets';

export interface Party {
  companyId: string;
  name: string;
  country?: string | null;
  sector?: string | null;
}

/** The fields of a deal view (GET /deals, GET /pipeline) the lists show. */
export interface DealRow {
  dealId: string;
  status: string;
  acquirer: Party | null;
  target: Party | null;
  seller: Party | null;
  value: Money | null;
  valueUsd: string | null;
  announcedOn: string | null;
  closedOn: string | null;
  expectedCloseOn: string | null;
  outsideDate: string | null;
}

/** The crossBorder filter of GET /deals, /league-tables/* and /stats/*: any, true or false. */
export function CrossBorderField({ value, error }: { value?: string; error?: string }) {
  return (
    <Field label="Cross-border" error={error}>
      <Select name="crossBorder" value={value ?? ''} options={{ '': 'Any', true: 'Cross-border only', false: 'Domestic only' }} />
    </Field>
  );
}

/**
 * A select in an uncontrolled form, starting at `value`. A select has no defaultValue in the DOM (Preact would set an
 * expando), and a controlled value would be put back on any re-render (a live event): the option is marked selected.
 */
export function Select({ name, value, options, ...aria }: { name: string; value: string; options: Record<string, string>; id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) {
  // `id` and the aria attributes come from the Field around it (its label's `for`, its hint and error).
  return (
    <select name={name} {...aria}>
      {Object.entries(options).map(([option, label]) => (
        <option value={option} selected={option === value}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** Checkboxes for a filter that takes a comma list (`selected` is that list); none checked means no filter. */
export function Choices({ name, legend, options, selected, error }: { name: string; legend: string; options: readonly string[]; selected?: string; error?: string }) {
  const chosen = new Set((selected ?? '').split(',').filter(Boolean));
  const errorId = `${name}-error`;
  return (
    <fieldset class={`choices${error ? ' invalid' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label>
          <input type="checkbox" name={name} value={option} defaultChecked={chosen.has(option)} /> {words(option)}
        </label>
      ))}
      {error ? (
        <span id={errorId} class="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

/** A 400's field errors by field name (the first message of each). */
export function fieldErrors(error: ApiError | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { field, message } of error?.problem.errors ?? []) errors[field] ??= message;
  return errors;
}

/** The problem, and those of its field errors the form does not show next to a field. */
export function ProblemWithFields({ error, shown }: { error: ApiError; shown: string[] }) {
  const others: FieldError[] = (error.problem.errors ?? []).filter((e) => !shown.includes(e.field));
  return (
    <>
      <Failure error={error} />
      {others.length ? (
        <ul class="field-error">
          {others.map((e) => (
            <li>
              {e.field}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function StatusTag({ status }: { status: string }) {
  return <span class={`tag tag-${status}`}>{words(status)}</span>;
}

/** The parties of a deal as a link to its page. */
export function DealLink({ deal }: { deal: Pick<DealRow, 'dealId' | 'acquirer' | 'target'> }) {
  return (
    <a href={href(`/deals/${deal.dealId}`)}>
      {deal.acquirer?.name ?? 'Unknown acquirer'} / {deal.target?.name ?? 'unknown target'}
    </a>
  );
}

export type Order = 'ascending' | 'descending' | undefined;

/** A column header that sorts by its column: a button (keyboard operable), the order announced through aria-sort. */
export function SortHeader({ label, order, onSort, num }: { label: ComponentChildren; order: Order; onSort(): void; num?: boolean }) {
  return (
    <th scope="col" class={num ? 'num' : undefined} aria-sort={order}>
      <button type="button" class="sort" onClick={onSort}>
        {label}
        <span class="sort-mark" aria-hidden="true">
          {order === 'ascending' ? '▲' : order === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Pages<T> {
  /** Every row read so far, in the API's order; undefined until the first page is in. */
  items?: T[];
  nextCursor: string | null;
  error?: ApiError;
  loading: boolean;
  /** The rows shown are those of the previous path, until the new one answers. */
  stale?: boolean;
  more(): void;
}

const withCursor = (path: string, cursor: string) => `${path}${path.includes('?') ? '&' : '?'}${query({ cursor }).slice(1)}`;

/**
 * A keyset-paged list of the API read page by page ("Load more"). A new path starts over at its first page. A refresh
 * (refreshKey moving on) reads again as many pages as are shown, from the first and following nextCursor, so a row
 * that moved between pages is neither lost nor shown twice. Either way the rows shown stay until the new ones are in
 * (so a sort button pressed keeps its focus, and a live refresh does not blink).
 */
export function usePages<T>(path: string | null, refreshKey: unknown = 0): Pages<T> {
  const [state, setState] = useState<Omit<Pages<T>, 'more'>>({ nextCursor: null, loading: path !== null });
  const latest = useRef(0);
  const pages = useRef(1);
  const shownPath = useRef(path);

  useEffect(() => {
    if (path === null) return;
    const call = ++latest.current;
    const fresh = shownPath.current !== path;
    shownPath.current = path;
    if (fresh) pages.current = 1;
    const count = pages.current;
    setState((s) => (fresh ? { items: s.items, nextCursor: null, loading: true, stale: s.items !== undefined } : { ...s, loading: true }));
    (async () => {
      const items: T[] = [];
      let cursor: string | null = null;
      for (let read = 0; read < count; read++) {
        const page: Page<T> = (await request<Page<T>>(cursor ? withCursor(path, cursor) : path)).data;
        items.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return { items, nextCursor: cursor };
    })().then(
      (read) => call === latest.current && setState({ ...read, loading: false }),
      (error) => call === latest.current && setState((s) => ({ ...s, items: s.stale ? undefined : s.items, stale: false, error: asApiError(error), loading: false })),
    );
  }, [path, refreshKey]);

  const more = () => {
    const { nextCursor } = state;
    if (path === null || !nextCursor || state.loading) return;
    const call = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    request<Page<T>>(withCursor(path, nextCursor)).then(
      ({ data }) => {
        if (call !== latest.current) return;
        pages.current += 1;
        setState((s) => ({ items: [...(s.items ?? []), ...data.items], nextCursor: data.nextCursor, loading: false }));
      },
      (error) => call === latest.current && setState((s) => ({ ...s, error: asApiError(error), loading: false })),
    );
  };
  return { ...state, more };
}

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError({ status: 0, detail: String(error) }));

/** How many rows are shown (announced as it changes), or that another list is being read (a live refresh is quiet). */
export function Shown({ pages, one, many }: { pages: Pages<unknown>; one: string; many: string }) {
  const count = pages.items?.length;
  return (
    <span class="muted" role="status">
      {pages.stale ? 'Loading…' : count === undefined ? '' : `${count} ${count === 1 ? one : many} shown${pages.nextCursor ? ', more to load' : ''}`}
    </span>
  );
}

/** The "Load more" button under a paged list (nothing once the last page is in). */
export function LoadMore<T>({ pages, what }: { pages: Pages<T>; what: string }) {
  if (!pages.items || !pages.nextCursor) return null;
  return (
    <div class="pager">
      <button type="button" class="secondary" onClick={pages.more} disabled={pages.loading} aria-busy={pages.loading}>
        {pages.loading ? 'Loading…' : `Load more ${what}`}
      </button>
    </div>
  );
}
