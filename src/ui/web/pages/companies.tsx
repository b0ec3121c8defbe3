// Companies: a search over every name a party was seen under (the words searched are in the URL), and a company's page:
// its profile, the names it was seen under, and its deals as acquirer, target and seller.
import { useEffect, useState } from 'preact/hooks';
import { type Money, day, moneyWithUsd, usd, words } from '../format';
import { query } from '../api';
import { useApp } from '../app-context';
import { type Route, href, navigate } from '../router';
import { useApi } from '../use-api';
import { Field, Loading, Section } from '../widgets';
import { LoadMore, ProblemWithFields, Shown, StatusTag, fieldErrors, usePages } from '../list-controls';

interface CompanyRow {
  companyId: string;
  name: string;
  names: string[];
  dealCount: number;
}

export function CompaniesPage({ route }: { route: Route }) {
  const { tick } = useApp();
  const q = route.params.get('q')?.trim() || undefined;
  const list = usePages<CompanyRow>(`/companies${query({ q })}`, tick);
  const errors = fieldErrors(list.error);
  const search = (e: Event) => {
    e.preventDefault();
    const text = String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    navigate(href('/companies', { q: text || undefined }));
  };
  return (
    <>
      <h1>Companies</h1>
      <form class="filters" role="search" aria-label="Companies" onSubmit={search} key={q ?? ''}>
        <Field label="Name contains" error={errors.q}>
          <input name="q" type="search" maxLength={200} defaultValue={q ?? ''} aria-invalid={errors.q ? true : undefined} />
        </Field>
        <div class="form-actions">
          <button type="submit">Search</button>
          {q ? <a href={href('/companies')}>All companies</a> : null}
        </div>
      </form>
      <section class="card" aria-labelledby="company-results">
        <header class="card-head">
          <h2 id="company-results">{q ? `Companies named like “${q}”` : 'All companies'}</h2>
          <Shown pages={list} one="company" many="companies" />
        </header>
        {list.error ? <ProblemWithFields error={list.error} shown={['q']} /> : null}
        {!list.items ? (list.error ? null : <Loading />) : list.items.length === 0 ? (
          <p class="muted">No company {q ? 'has a name like that' : 'yet'}.</p>
        ) : (
          <div class="table-scroll">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">Company</th>
                  <th scope="col">Also seen as</th>
                  <th scope="col" class="num">Deals</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((company) => (
                  <tr key={company.companyId}>
                    <td>
                      <a href={href(`/companies/${company.companyId}`)}>{company.name}</a>
                    </td>
                    <td>{otherNames(company) || <span class="muted">—</span>}</td>
                    <td class="num">{company.dealCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore pages={list} what="companies" />
      </section>
    </>
  );
}

const otherNames = (company: { name: string; names: string[] }) => company.names.filter((n) => n !== company.name).join(', ');

interface RoleDeal {
  dealId: string;
  status: string;
  announcedOn: string | null;
  value: Money | null;
  valueUsd: string | null;
  counterparty: { companyId: string; name: string };
}

interface RoleTotals {
  dealCount: number;
  valueUsd: string | null;
  unconvertedCount: number;
  dealCountByStatus: Record<string, number>;
  deals: RoleDeal[];
}

const ROLES = ['acquirer', 'target', 'seller'] as const;
type Role = (typeof ROLES)[number];

interface Company {
  companyId: string;
  name: string;
  names: string[];
  country: string | null;
  sector: string | null;
  naics: string | null;
  listing: string | null;
  ticker: string | null;
  lei: string | null;
  displayName: string | null;
  mergedFrom: string[];
  roles: Record<Role, RoleTotals>;
}

interface Merged {
  /** The surviving company's id and name. */
  into: string;
  name: string;
}

export function CompanyPage({ companyId }: { companyId: string }) {
  // Kept out here, as the view below starts afresh for each id (so it never takes one company's answer for another's).
  const [merged, setMerged] = useState<Merged | null>(null);
  return <CompanyView key={companyId} companyId={companyId} merged={merged?.into === companyId ? merged : null} onMerged={setMerged} />;
}

function CompanyView({ companyId, merged, onMerged }: { companyId: string; merged: Merged | null; onMerged(merged: Merged): void }) {
  const { tick } = useApp();
  const company = useApi<Company>(`/companies/${encodeURIComponent(companyId)}`, tick);
  const answered = company.data;
  // A merged company's id answers 301 to the one it was merged into, and fetch follows it: say so, and put the
  // surviving id in the URL (replacing the merged one, so Back does not come through it again).
  useEffect(() => {
    if (!answered || answered.companyId === companyId) return;
    onMerged({ into: answered.companyId, name: answered.displayName ?? answered.name });
    navigate(href(`/companies/${answered.companyId}`), { replace: true });
  }, [answered, companyId]);
  const notice = merged ? (
    <p class="notice" role="status">
      This company was merged into {merged.name}: the names and deals of both are shown here.
    </p>
  ) : null;

  if (company.error) {
    return (
      <>
        <h1>Company</h1>
        <ProblemWithFields error={company.error} shown={[]} />
        <p>
          <a href={href('/companies')}>Search the companies</a>
        </p>
      </>
    );
  }
  if (!answered) return <Loading what="Loading the company" />;
  const name = answered.displayName ?? answered.name;
  const active = ROLES.filter((role) => Object.values(answered.roles[role].dealCountByStatus).some((n) => n > 0));
  return (
    <>
      <h1>{name}</h1>
      {notice}
      <CompanyFacts company={answered} />
      {active.length === 0 ? (
        <Section title="Deals">
          <p class="muted">
            No deal as acquirer, target or seller. Advisory mandates and competing bids are not counted here: see{' '}
            <a href={href('/deals', { advisor: answered.companyId })}>the deals it advised</a>.
          </p>
        </Section>
      ) : (
        active.map((role) => <RoleSection role={role} totals={answered.roles[role]} />)
      )}
    </>
  );
}

function CompanyFacts({ company }: { company: Company }) {
  const fact = (label: string, value: string | null) => (
    <>
      <dt>{label}</dt>
      <dd>{value ?? <span class="muted">not profiled</span>}</dd>
    </>
  );
  // GET /deals takes a company id for party and advisor: the deals it advised are found there, not in this answer.
  const links = (
    <span class="switches">
      <a href={href('/deals', { party: company.companyId })}>Its deals</a>
      <a href={href('/deals', { advisor: company.companyId })}>Deals it advised</a>
    </span>
  );
  return (
    <Section title="Profile" actions={links}>
      <dl class="facts">
        {fact('Display name', company.displayName)}
        {fact('Latest name seen', company.name)}
        {fact('Country', company.country)}
        {fact('Sector', company.sector && words(company.sector))}
        {fact('Listing', company.listing && words(company.listing))}
        {fact('Ticker', company.ticker)}
        {fact('LEI', company.lei)}
        {fact('NAICS', company.naics)}
        <dt>Names seen</dt>
        <dd>
          <ul class="inline-list">
            {company.names.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </dd>
        {company.mergedFrom.length ? (
          <>
            <dt>Merged from</dt>
            <dd>
              {/* The API gives the merged companies' ids only; their names are among the names seen. */}
              <ul class="inline-list">
                {company.mergedFrom.map((id) => (
                  <li>
                    <a href={href(`/companies/${id}`)}>
                      company <code>{id.slice(0, 8)}</code>
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </Section>
  );
}

const ROLE_TITLES: Record<Role, [title: string, counterparty: string]> = {
  acquirer: ['As acquirer', 'Target'],
  target: ['As target', 'Acquirer'],
  seller: ['As seller', 'Acquirer'],
};

function RoleSection({ role, totals }: { role: Role; totals: RoleTotals }) {
  const [title, counterparty] = ROLE_TITLES[role];
  const counts = Object.entries(totals.dealCountByStatus).filter(([, n]) => n > 0);
  return (
    <Section title={`${title} (${totals.dealCount} deal${totals.dealCount === 1 ? '' : 's'})`}>
      <p class="figure">
        <span class="big">{usd(totals.valueUsd)}</span>{' '}
        <span class="muted">in deals that count for value (withdrawn and terminated ones do not)</span>
        {totals.unconvertedCount ? <span class="warning"> ({totals.unconvertedCount} without a USD figure, not in the total)</span> : null}
      </p>
      <ul class="inline-list" aria-label="Deals by status">
        {counts.map(([status, n]) => (
          <li>
            {n} {words(status).toLowerCase()}
          </li>
        ))}
      </ul>
      {totals.deals.length === 0 ? null : (
        <div class="table-scroll">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{counterparty}</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">Value</th>
                <th scope="col">Announced</th>
                <th scope="col">Deal</th>
              </tr>
            </thead>
            <tbody>
              {totals.deals.map((deal) => (
                <tr key={deal.dealId}>
                  <td>
                    <a href={href(`/companies/${deal.counterparty.companyId}`)}>{deal.counterparty.name}</a>
                  </td>
                  <td>
                    <StatusTag status={deal.status} />
                  </td>
                  <td class="num">{moneyWithUsd(deal.value, deal.valueUsd)}</td>
                  <td>{day(deal.announcedOn)}</td>
                  <td>
                    <a href={href(`/deals/${deal.dealId}`)}>
                      View deal<span class="visually-hidden"> with {deal.counterparty.name}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
