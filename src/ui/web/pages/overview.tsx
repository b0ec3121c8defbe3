// The desk at a glance: the pipeline's size, this year's and last year's value, volume by quarter, who ranks first,
// and what just happened (live).
import { useState } from 'preact/hooks';
import { query } from '../api';
import { useApp } from '../app-context';
import { count, today, usd, words } from '../format';
import { EventSummary } from '../event-summary';
import { useApi } from '../use-api';
import { type VolumeBucket, VolumeChart } from '../volume-chart';
import { Failure, Loading, Section } from '../widgets';
import { type LeagueRow, LeagueTable } from '../league-table';

interface Pending {
  dealCount: number;
  valueUsd: string;
  unconvertedCount: number;
}

export function OverviewPage() {
  const { tick } = useApp();
  const year = Number(today().slice(0, 4));
  return (
    <>
      <h1>Overview</h1>
      <div class="grid">
        <PendingCard tick={tick} />
        <YearsCard year={year} tick={tick} />
      </div>
      <QuarterChart year={year} tick={tick} />
      <div class="grid">
        <TopTable title="Top acquirers" path={`/league-tables/acquirers${query({ limit: 5 })}`} tick={tick} more="#/league-tables" />
        <TopTable title="Top financial advisors" path={`/league-tables/advisors${query({ role: 'financial', limit: 5 })}`} tick={tick} more="#/league-tables?table=financial" />
      </div>
      <LatestEvents />
    </>
  );
}

function PendingCard({ tick }: { tick: number }) {
  const pending = useApi<Pending>('/stats/pending', tick);
  return (
    <Section title="Pending deals" actions={<a href="#/pipeline">Pipeline</a>}>
      {pending.error ? <Failure error={pending.error} /> : !pending.data ? <Loading /> : (
        <p class="figure">
          <span class="big" data-testid="pending-count">{count(pending.data.dealCount)}</span> {pending.data.dealCount === 1 ? 'deal' : 'deals'},{' '}
          <span class="big" data-testid="pending-usd">{usd(pending.data.valueUsd)}</span>
          {pending.data.unconvertedCount ? <span class="warning"> ({pending.data.unconvertedCount} without a USD figure, not in the total)</span> : null}
        </p>
      )}
    </Section>
  );
}

function YearsCard({ year, tick }: { year: number; tick: number }) {
  const range = { interval: 'year', from: `${year - 1}-01-01`, to: `${year}-12-31` };
  const announced = useApi<{ items: VolumeBucket[] }>(`/stats/volume${query({ basis: 'announced', ...range })}`, tick);
  const closed = useApi<{ items: VolumeBucket[] }>(`/stats/volume${query({ basis: 'closed', ...range })}`, tick);
  const cell = (data: { items: VolumeBucket[] } | undefined, period: string) => {
    const bucket = data?.items.find((b) => b.period === period);
    if (!bucket) return '…';
    const unconverted = bucket.unconvertedCount ? `; ${count(bucket.unconvertedCount)} without a USD figure, not in the total` : '';
    return `${usd(bucket.valueUsd)} (${count(bucket.dealCount)} deal${bucket.dealCount === 1 ? '' : 's'}${unconverted})`;
  };
  const error = announced.error ?? closed.error;
  return (
    <Section title="Value by year">
      {error ? <Failure error={error} /> : (
        <table class="data">
          <thead>
            <tr>
              <td />
              <th scope="col">{year - 1}</th>
              <th scope="col">{year}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Announced</th>
              <td>{cell(announced.data, String(year - 1))}</td>
              <td>{cell(announced.data, String(year))}</td>
            </tr>
            <tr>
              <th scope="row">Closed</th>
              <td>{cell(closed.data, String(year - 1))}</td>
              <td>{cell(closed.data, String(year))}</td>
            </tr>
          </tbody>
        </table>
      )}
    </Section>
  );
}

function QuarterChart({ year, tick }: { year: number; tick: number }) {
  const [basis, setBasis] = useState<'announced' | 'closed'>('announced');
  const [measure, setMeasure] = useState<'value' | 'rankValue'>('value');
  const volume = useApi<{ items: VolumeBucket[] }>(
    `/stats/volume${query({ basis, measure, interval: 'quarter', from: `${year - 2}-01-01`, to: `${year}-12-31`, limit: 200 })}`,
    tick,
  );
  const switches = (
    <div class="switches">
      <label>
        Basis{' '}
        <select value={basis} onChange={(e) => setBasis(e.currentTarget.value as typeof basis)}>
          <option value="announced">Announced</option>
          <option value="closed">Closed</option>
        </select>
      </label>
      <label>
        Measure{' '}
        <select value={measure} onChange={(e) => setMeasure(e.currentTarget.value as typeof measure)}>
          <option value="value">Value</option>
          <option value="rankValue">Rank value</option>
        </select>
      </label>
    </div>
  );
  return (
    <Section title={`Volume by quarter, ${year - 2}–${year}`} actions={switches}>
      {volume.error ? <Failure error={volume.error} /> : !volume.data ? <Loading /> : (
        <VolumeChart buckets={volume.data.items} label={`${words(basis)} ${measure === 'value' ? 'value' : 'rank value'} in USD by quarter`} />
      )}
    </Section>
  );
}

function TopTable({ title, path, tick, more }: { title: string; path: string; tick: number; more: string }) {
  const table = useApi<{ items: LeagueRow[] }>(path, tick);
  return (
    <Section title={`${title}, all time`} actions={<a href={more}>League tables</a>}>
      {table.error ? <Failure error={table.error} /> : !table.data ? <Loading /> : <LeagueTable rows={table.data.items} />}
    </Section>
  );
}

function LatestEvents() {
  const { events } = useApp();
  return (
    <Section title="Latest events">
      {events.length === 0 ? <p class="muted">No events yet.</p> : (
        <ol class="events" aria-live="polite" data-testid="latest-events">
          {events.slice(0, 15).map((item) => (
            <li key={item.eventId}>
              <EventSummary item={item} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
