// A deal's story on one page: parties, terms as they stand and as first set, fees, advisors, regulatory steps, votes,
// competing bids, and the timeline in business-date order. "As of" and "known at" redraw it as it stood on a date or
// as it was known at a time; an analyst records the next event here.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DealView, PartyRef } from '../../../deals/projections/deal-view.js';
import { type Answer, ApiError, request } from '../api';
import { useApp } from '../app-context';
import { EventForm, type Prefill } from '../event-form';
import { day, exactMoney, exactMoneyWithUsd, full, today, words } from '../format';
import { type Route, href, navigate } from '../router';
import { canWrite } from '../session';
import { Failure, Loading, Section } from '../widgets';
import '../deal.css';
import { Timeline, type TimelineItem } from './deal-timeline';
import { AsOfControls } from './deal-as-of';

export function DealPage({ dealId, route }: { dealId: string; route: Route }) {
  const { who, arrived } = useApp();
  const asOf = route.params.get('asOf');
  const knownAt = route.params.get('knownAt');
  const historical = !!(asOf || knownAt);
  // The newest event of this deal that arrived live: the page is read again when it changes (not when the latest
  // events are first listed, which would read it twice on opening).
  const latestHere = arrived.find((e) => e.dealId === dealId)?.eventId;
  const [reloads, setReloads] = useState(0);
  const deal = useDeal(dealId, asOf, knownAt, `${latestHere}:${reloads}`);
  const timeline = useTimeline(dealId, `${latestHere}:${reloads}`);
  const setParams = (next: Record<string, string | null>) => {
    const params = new URLSearchParams(route.params);
    for (const [name, value] of Object.entries(next)) if (value) params.set(name, value); else params.delete(name);
    navigate(href(`/deals/${dealId}`, params), { replace: true });
  };
  const writable = !!deal.view && canWrite(who) && !historical && !deal.view.voided;
  // "Retract…" on a timeline item opens the form as a retraction of that event, ready for its reason.
  const [prefill, setPrefill] = useState<{ key: number; form: Prefill } | null>(null);
  const formBox = useRef<HTMLDivElement>(null);
  const retract = (item: TimelineItem) => {
    setPrefill((p) => ({ key: (p?.key ?? 0) + 1, form: { type: 'retracted', values: { eventId: item.eventId } } }));
    requestAnimationFrame(() => {
      formBox.current?.scrollIntoView({ block: 'start' });
      formBox.current?.querySelector<HTMLElement>('[name="reason"]')?.focus();
    });
  };
  const firstDay = timeline.items?.reduce((min, item) => (item.occurredOn < min ? item.occurredOn : min), today());
  return (
    <>
      <p>
        <a href="#/deals">Deals</a>
      </p>
      {deal.view ? <Heading view={deal.view} /> : <h1>Deal</h1>}
      <AsOfControls firstDay={firstDay ?? today()} asOf={asOf} knownAt={knownAt} onChange={setParams} />
      {deal.notFound && asOf && !knownAt ? (
        <p class="notice" data-testid="not-yet">Not yet announced on {asOf}: the log holds no event of this deal on or before that date.</p>
      ) : deal.notFound && knownAt ? (
        <p class="notice" data-testid="not-yet">Not yet known then: {deal.error?.problem.detail}</p>
      ) : deal.error ? (
        <Failure error={deal.error} />
      ) : !deal.view ? (
        <Loading />
      ) : (
        <DealDetails view={deal.view} />
      )}
      {/* A deal that cannot be read at all has its problem said once, above. */}
      {timeline.error && !deal.error ? <Failure error={timeline.error} /> : timeline.items ? (
        <Section title="Timeline">
          <Timeline items={timeline.items} asOf={asOf} knownAt={knownAt} onRetract={writable ? retract : undefined} />
        </Section>
      ) : null}
      {writable ? (
        <Section title="Record an event">
          <div ref={formBox}>
            <EventForm key={prefill?.key} prefill={prefill?.form} endpoint="record" dealId={dealId} version={deal.view!.version} onDone={() => setReloads((n) => n + 1)} onStale={() => setReloads((n) => n + 1)} />
          </div>
        </Section>
      ) : null}
    </>
  );
}

function Heading({ view }: { view: DealView }) {
  return (
    <h1>
      {view.acquirer?.name ?? 'Unknown acquirer'} → {view.target?.name ?? 'unknown target'}{' '}
      <span class={`tag tag-${view.status}`} data-testid="deal-status">{words(view.status)}</span>{' '}
      <span class="muted">version {view.version}</span>
    </h1>
  );
}

/** The deal as of / known at; while another date is being read, nothing of the last one is shown under its label. */
function useDeal(dealId: string, asOf: string | null, knownAt: string | null, refresh: string) {
  const search = new URLSearchParams();
  if (asOf) search.set('asOf', asOf);
  if (knownAt) search.set('knownAt', knownAt);
  const path = `/deals/${encodeURIComponent(dealId)}${search.size ? `?${search}` : ''}`;
  const [state, setState] = useState<{ path?: string; view?: DealView; error?: ApiError; notFound?: boolean }>({});
  useEffect(() => {
    let current = true;
    request<DealView>(path).then(
      ({ data }: Answer<DealView>) => current && setState({ path, view: data }),
      (error: ApiError) => current && setState({ path, error, notFound: error.problem.status === 404 }),
    );
    return () => {
      current = false;
    };
  }, [path, refresh]);
  return state.path === path ? state : {};
}

/** Every event of the deal (pages of 200), for the timeline. */
function useTimeline(dealId: string, refresh: string) {
  const [state, setState] = useState<{ items?: TimelineItem[]; error?: ApiError }>({});
  useEffect(() => {
    let current = true;
    (async () => {
      const items: TimelineItem[] = [];
      let cursor: string | null = null;
      do {
        const { data }: Answer<{ items: TimelineItem[]; nextCursor: string | null }> = await request(
          `/deals/${encodeURIComponent(dealId)}/events?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        items.push(...data.items);
        cursor = data.nextCursor;
      } while (cursor && items.length < 5_000);
      if (current) setState({ items });
    })().catch((error: ApiError) => current && setState({ error }));
    return () => {
      current = false;
    };
  }, [dealId, refresh]);
  return state;
}

const party = (p: PartyRef | null) =>
  p ? (
    <>
      <a href={href(`/companies/${p.companyId}`)}>{p.name}</a> <span class="muted">{[p.country, p.sector && words(p.sector)].filter(Boolean).join(' · ') || 'not profiled'}</span>
    </>
  ) : (
    '—'
  );

function DealDetails({ view }: { view: DealView }) {
  return (
    <>
      {view.voided ? (
        <p class="notice">Voided on {view.voided.occurredOn}: {view.voided.reason}. It counts nowhere.</p>
      ) : null}
      <div class="grid">
        <Section title="Parties">
          <dl class="facts">
            <dt>Acquirer</dt>
            <dd data-testid="acquirer">{party(view.acquirer)}</dd>
            <dt>Target</dt>
            <dd data-testid="target">{party(view.target)}</dd>
            <dt>Seller</dt>
            <dd>{party(view.seller)}</dd>
            <dt>Cross-border</dt>
            <dd>{view.crossBorder === null ? '—' : view.crossBorder ? 'Yes' : 'No'}</dd>
            <dt>Deal type</dt>
            <dd>{words(view.dealType)}</dd>
          </dl>
        </Section>
        <Section title="Dates">
          <dl class="facts">
            <dt>Rumoured</dt>
            <dd>{day(view.rumoredOn)}</dd>
            <dt>Announced</dt>
            <dd>{day(view.announcedOn)}</dd>
            <dt>Expected close</dt>
            <dd>{day(view.expectedCloseOn)}{changed(view.initialExpectedCloseOn, view.expectedCloseOn)}</dd>
            <dt>Outside date</dt>
            <dd>{day(view.outsideDate)}{changed(view.initialOutsideDate, view.outsideDate)}</dd>
            <dt>Closed</dt>
            <dd>{day(view.closedOn)}</dd>
            <dt>Ended</dt>
            <dd>{day(view.endedOn)}</dd>
            <dt>Duration</dt>
            <dd>{view.durationDays === null ? '—' : `${view.durationDays} days`}</dd>
          </dl>
        </Section>
      </div>
      <Section title="Terms">
        <div class="table-scroll">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Term</th>
                <th scope="col">Now</th>
                <th scope="col">As first set</th>
              </tr>
            </thead>
            <tbody>
              <Term name="Value" now={exactMoneyWithUsd(view.value, view.valueUsd)} initial={exactMoney(view.initialValue)} testId="value" />
              <Term name="Enterprise value" now={exactMoneyWithUsd(view.enterpriseValue, view.enterpriseValueUsd)} initial={exactMoney(view.initialEnterpriseValue)} />
              <Term name="Equity value" now={exactMoneyWithUsd(view.equityValue, view.equityValueUsd)} initial={exactMoney(view.initialEquityValue)} />
              <Term name="Rank value" now={view.rankValueUsd ? `USD ${full(view.rankValueUsd)}` : '—'} initial="" />
              <Term name="Price per share" now={exactMoney(view.pricePerShare)} initial={exactMoney(view.initialPricePerShare)} />
              <Term name="Consideration" now={words(view.consideration)} initial="" />
              <Term name="Cash" now={percent(view.cashPercent)} initial={percent(view.initialCashPercent)} />
              <Term name="Exchange ratio" now={view.exchangeRatio ?? '—'} initial={view.initialExchangeRatio ?? '—'} />
              <Term name="Premium" now={percent(view.premiumPercent)} initial={percent(view.initialPremiumPercent)} />
              <Term name="Stake" now={percent(view.stakePercent)} initial="" />
              <Term name="Stake held before" now={percent(view.stakeHeldBeforePercent)} initial="" />
              <Term name="Attitude" now={words(view.attitude)} initial={words(view.initialAttitude)} />
              <Term name="Offer structure" now={words(view.offerStructure)} initial={words(view.initialOfferStructure)} />
              <Term name="Break fee (target pays)" now={exactMoney(view.targetTerminationFee)} initial={exactMoney(view.initialTargetTerminationFee)} />
              <Term name="Reverse break fee (acquirer pays)" now={exactMoney(view.reverseTerminationFee)} initial={exactMoney(view.initialReverseTerminationFee)} />
              <Term name="Fee paid on termination" now={view.terminationFee ? `${exactMoney(view.terminationFee)}${view.feePaidBy ? ` by the ${view.feePaidBy}` : ''}` : '—'} initial="" />
            </tbody>
          </table>
        </div>
      </Section>
      <Lists view={view} />
    </>
  );
}

const percent = (value: number | string | null) => (value === null || value === undefined ? '—' : `${value} %`);
const changed = (initial: string | null, now: string | null) => (initial && initial !== now ? <span class="muted"> (first {initial})</span> : null);

function Term({ name, now, initial, testId }: { name: string; now: string; initial: string; testId?: string }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td data-testid={testId}>{now}</td>
      <td>{initial}</td>
    </tr>
  );
}

function Lists({ view }: { view: DealView }) {
  return (
    <div class="grid">
      <Section title="Advisors">
        {view.advisors.length === 0 ? <p class="muted">None recorded.</p> : (
          <ul>
            {view.advisors.map((a) => (
              <li>
                <a href={href(`/companies/${a.advisor.companyId}`)}>{a.advisor.name}</a>: {a.role} advisor to the {a.side} <span class="muted">({a.occurredOn})</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Regulatory steps">
        {view.regulatory.length === 0 ? <p class="muted">None recorded.</p> : (
          <ul>
            {view.regulatory.map((step) => (
              <li>
                {step.occurredOn}: {step.authority}
                {step.jurisdiction ? ` (${step.jurisdiction})` : ''}, {words(step.decision)}
                {step.remedies ? `: ${step.remedies}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Shareholder votes">
        {view.shareholderVotes.length === 0 ? <p class="muted">None recorded.</p> : (
          <ul>
            {view.shareholderVotes.map((vote) => (
              <li>
                {vote.occurredOn}: {words(vote.party)} shareholders, {words(vote.outcome)}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Competing bids">
        {view.competingBids.length === 0 ? <p class="muted">None recorded.</p> : (
          <ul>
            {view.competingBids.map((bid) => (
              <li>
                {bid.occurredOn}: <a href={href(`/companies/${bid.bidder.companyId}`)}>{bid.bidder.name}</a>
                {bid.value ? `, ${exactMoney(bid.value)}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

