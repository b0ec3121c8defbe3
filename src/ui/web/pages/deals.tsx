// The deal list: every filter of GET /deals, kept in the page's URL (the same names and comma lists as the API's, so a
// shared link reads like the request it makes), the server's sort, and pages read on with nextCursor.
import { query } from '../api';
import { useApp } from '../app-context';
import { day, moneyWithUsd } from '../format';
import { type Route, href, navigate } from '../router';
import { canWrite } from '../session';
import { ATTITUDES, DEAL_STATUSES, DEAL_TYPES, SECTORS } from '../domain';
import { Choices, CrossBorderField, type DealRow, DealLink, LoadMore, type Order, ProblemWithFields, Select, Shown, SortHeader, StatusTag, fieldErrors, usePages } from '../list-controls';
import { Field, Loading } from '../widgets';


const SORTS = {
  '-announcedOn': 'Newest first',
  announcedOn: 'Oldest first',
  '-valueUsd': 'Largest value first',
  valueUsd: 'Smallest value first',
  '-updatedAt': 'Recently changed first',
  updatedAt: 'Least recently changed first',
} as const;
const DEFAULT_SORT = '-announcedOn';

/** The filters of GET /deals, as named there; the page's URL carries exactly these (and nothing else is sent). */
const FILTERS = [
  'q',
  'status',
  'announcedFrom',
  'announcedTo',
  'closedFrom',
  'closedTo',
  'minValueUsd',
  'maxValueUsd',
  'acquirer',
  'target',
  'party',
  'advisor',
  'acquirerCountry',
  'targetCountry',
  'acquirerSector',
  'targetSector',
  'crossBorder',
  'dealType',
  'attitude',
  'sort',
] as const;
type Filter = (typeof FILTERS)[number];
/** Filters that take a comma list, chosen with checkboxes. */
const LISTS: readonly Filter[] = ['status', 'acquirerSector', 'targetSector', 'dealType', 'attitude'];
/** The filters behind "More filters": it opens by itself when one of them is set (or refused). */
const MORE: readonly Filter[] = ['closedFrom', 'closedTo', 'acquirer', 'target', 'party', 'advisor', 'acquirerCountry', 'targetCountry', 'acquirerSector', 'targetSector', 'crossBorder', 'dealType', 'attitude'];

export function DealsPage({ route }: { route: Route }) {
  const { who, tick } = useApp();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, route.params.get(name) ?? undefined])) as Partial<Record<Filter, string>>;
  const list = usePages<DealRow>(`/deals${query(filters)}`, tick);
  const errors = fieldErrors(list.error);
  const sort = filters.sort ?? DEFAULT_SORT;
  const sortBy = (key: 'announcedOn' | 'valueUsd') => {
    // A second press on the column sorted turns it round; a new column starts with the largest or newest.
    const next = sort === `-${key}` ? key : `-${key}`;
    navigate(href('/deals', { ...filters, sort: next === DEFAULT_SORT ? undefined : next }));
  };
  return (
    <>
      <div class="page-head">
        <h1>Deals</h1>
        {canWrite(who) ? <a class="button" href={href('/deals/new')}>New deal</a> : null}
      </div>
      <section class="card" aria-labelledby="deal-filters">
        <h2 id="deal-filters" class="visually-hidden">Filters</h2>
        {/* Keyed by the URL's filters: going back or following a link puts the form back as that URL says. */}
        <DealFilters key={route.params.toString()} filters={filters} errors={errors} />
      </section>
      <section class="card" aria-labelledby="deal-results">
        <header class="card-head">
          <h2 id="deal-results">Results</h2>
          <Shown pages={list} one="deal" many="deals" />
        </header>
        {list.error ? <ProblemWithFields error={list.error} shown={[...FILTERS]} /> : null}
        {!list.items ? (list.error ? null : <Loading />) : list.items.length === 0 ? (
          <p class="muted">No deal matches these filters.</p>
        ) : (
          <div class="table-scroll">
            <table class="data">
              <caption class="visually-hidden">Deals, {SORTS[sort as keyof typeof SORTS] ?? sort}</caption>
              <thead>
                <tr>
                  <th scope="col">Deal</th>
                  <th scope="col">Status</th>
                  <SortHeader label="Value" num order={order(sort, 'valueUsd')} onSort={() => sortBy('valueUsd')} />
                  <SortHeader label="Announced" order={order(sort, 'announcedOn')} onSort={() => sortBy('announcedOn')} />
                  <th scope="col">Closed</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((deal) => (
                  <tr key={deal.dealId}>
                    <td>
                      <DealLink deal={deal} />
                      {deal.seller ? <span class="muted"> (from {deal.seller.name})</span> : null}
                    </td>
                    <td>
                      <StatusTag status={deal.status} />
                    </td>
                    <td class="num">{moneyWithUsd(deal.value, deal.valueUsd)}</td>
                    <td>{day(deal.announcedOn)}</td>
                    <td>{day(deal.closedOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore pages={list} what="deals" />
      </section>
    </>
  );
}

const order = (sort: string, key: string): Order => (sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined);

function DealFilters({ filters, errors }: { filters: Partial<Record<Filter, string>>; errors: Record<string, string> }) {
  const submit = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const next: Record<string, string> = {};
    for (const name of FILTERS) {
      const value = LISTS.includes(name) ? form.getAll(name).join(',') : String(form.get(name) ?? '').trim();
      // Country lists are typed by hand: "us, gb" is sent as "us,gb" (the API takes any case).
      const cleaned = name.endsWith('Country') ? value.replace(/\s+/g, '') : value;
      if (cleaned && !(name === 'sort' && cleaned === DEFAULT_SORT)) next[name] = cleaned;
    }
    navigate(href('/deals', next));
  };
  const text = (name: Filter, label: string, hint?: string, inputMode?: 'decimal') => (
    <Field label={label} error={errors[name]} hint={hint}>
      <input name={name} type="text" inputMode={inputMode} defaultValue={filters[name] ?? ''} aria-invalid={errors[name] ? true : undefined} />
    </Field>
  );
  const date = (name: Filter, label: string) => (
    <Field label={label} error={errors[name]}>
      <input name={name} type="date" defaultValue={filters[name] ?? ''} aria-invalid={errors[name] ? true : undefined} />
    </Field>
  );
  const moreOpen = MORE.some((name) => filters[name] || errors[name]);
  return (
    <form class="filters align-top" role="search" aria-label="Deal filters" onSubmit={submit}>
      {text('q', 'Party name contains')}
      {date('announcedFrom', 'Announced from')}
      {date('announcedTo', 'Announced to')}
      {text('minValueUsd', 'Min value (USD)', 'e.g. 1000000000', 'decimal')}
      {text('maxValueUsd', 'Max value (USD)', undefined, 'decimal')}
      <Field label="Sort" error={errors.sort}>
        <Select name="sort" value={filters.sort ?? DEFAULT_SORT} options={SORTS} />
      </Field>
      <Choices name="status" legend="Status" options={DEAL_STATUSES} selected={filters.status} error={errors.status} />
      <details class="more-filters" open={moreOpen}>
        <summary>More filters</summary>
        <div class="filters-grid">
          {date('closedFrom', 'Closed from')}
          {date('closedTo', 'Closed to')}
          {text('acquirer', 'Acquirer', 'Company name or id')}
          {text('target', 'Target', 'Company name or id')}
          {text('party', 'Any party', 'Acquirer, target or seller')}
          {text('advisor', 'Advisor', 'Company name or id')}
          {text('acquirerCountry', 'Acquirer country', 'ISO codes, e.g. US,GB')}
          {text('targetCountry', 'Target country', 'ISO codes, e.g. DE')}
          <CrossBorderField value={filters.crossBorder} error={errors.crossBorder} />
        </div>
        <Choices name="dealType" legend="Deal type" options={DEAL_TYPES} selected={filters.dealType} error={errors.dealType} />
        <Choices name="attitude" legend="Attitude" options={ATTITUDES} selected={filters.attitude} error={errors.attitude} />
        <Choices name="acquirerSector" legend="Acquirer sector" options={SECTORS} selected={filters.acquirerSector} error={errors.acquirerSector} />
        <Choices name="targetSector" legend="Target sector" options={SECTORS} selected={filters.targetSector} error={errors.targetSector} />
      </details>
      <div class="form-actions">
        <button type="submit">Apply filters</button>
        <a href={href('/deals')}>Clear all</a>
      </div>
    </form>
  );
}
