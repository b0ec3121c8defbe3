import { day, instant, money, words } from './format';
import type { FeedItem } from './live';
import { href } from './router';

/** Company events are on streams named company-<id> (the server's company-stream.ts). */
const COMPANY_STREAM = 'company-';

const name = (party: unknown) => (party && typeof party === 'object' && 'name' in party ? String((party as { name: unknown }).name) : null);

/** One line for an event of the feed: its type, the deal it belongs to, its business date, who posted it and when. */
export function EventSummary({ item }: { item: FeedItem }) {
  const companyId = item.streamId.startsWith(COMPANY_STREAM) ? item.streamId.slice(COMPANY_STREAM.length) : null;
  const parties = [name(item.acquirer), name(item.target)].filter(Boolean).join(' / ');
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
