import { useEffect, useState } from 'preact/hooks';
import { get } from './api';
import { day, instant, money, words } from './format';
import type { FeedItem } from './live';
import { href } from './router';

/** Company events are on streams named company-<id> (the server's company-stream.ts). */
const COMPANY_STREAM = 'company-';

const name = (party: unknown) => (party && typeof party === 'object' && 'name' in party ? String((party as { name: unknown }).name) : null);

/**
 * Most events name no parties (a closing, a vote): the line names the deal by its parties all the same, read once per
 * deal and kept for the page's life.
 */
const dealNames = new Map<string, Promise<string | null>>();

function useDealName(dealId: string | undefined, known: string): string | null {
  const [fetched, setFetched] = useState<string | null>(null);
  useEffect(() => {
    if (!dealId || known) return;
    if (!dealNames.has(dealId)) {
      dealNames.set(
        dealId,
        get<{ acquirer: { name: string } | null; target: { name: string } | null }>(`/deals/${dealId}`).then(
          (deal) => [deal.acquirer?.name, deal.target?.name].filter(Boolean).join(' / ') || null,
          () => null,
        ),
      );
    }
    let current = true;
    dealNames.get(dealId)!.then((name) => current && setFetched(name));
    return () => {
      current = false;
    };
  }, [dealId, known]);
  return known || fetched;
}

/** One line for an event of the feed: its type, the deal it belongs to, its business date, who posted it and when. */
export function EventSummary({ item }: { item: FeedItem }) {
  const companyId = item.streamId.startsWith(COMPANY_STREAM) ? item.streamId.slice(COMPANY_STREAM.length) : null;
  const parties = useDealName(item.dealId, [name(item.acquirer), name(item.target)].filter(Boolean).join(' / '));
  const value = item.value as { amount: string; currency: string } | undefined;
  const label = parties || (item.dealId ? `deal ${item.dealId.slice(0, 8)}` : companyId ? `company ${companyId.slice(0, 8)}` : item.streamId);
  return (
    <span class="event-line">
      <span class={`tag tag-${item.type}`}>{words(item.type)}</span>{' '}
      {item.dealId ? <a href={href(`/deals/${item.dealId}`)}>{label}</a> : companyId ? <a href={href(`/companies/${companyId}`)}>{label}</a> : label}
      {value ? ` · ${money(value)}` : ''} · {day(item.occurredOn)}{' '}
      <span class="muted">
        (by {item.actor}, {instant(item.recordedAt)})
      </span>
    </span>
  );
}
