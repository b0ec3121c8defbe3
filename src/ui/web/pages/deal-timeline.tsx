// The deal's events in business-date order (occurredOn, ties in recorded order). A retracted event stays, struck
// through, with the retraction that took it back; events after the as-of date or recorded after the known-at time
// are marked as not yet known to that view.
import { instant, money, words } from '../format';

export interface TimelineItem {
  eventId: string;
  type: string;
  occurredOn: string;
  recordedAt: string;
  actor: string;
  version: number;
  retracted?: boolean;
  retractedEventId?: string;
  [field: string]: unknown;
}

const ENVELOPE = new Set(['eventId', 'type', 'occurredOn', 'recordedAt', 'actor', 'version', 'position', 'retracted', 'retractedEventId', 'dealId', 'streamId']);

export function Timeline({ items, asOf, knownAt }: { items: TimelineItem[]; asOf: string | null; knownAt: string | null }) {
  const ordered = [...items].sort((a, b) => (a.occurredOn === b.occurredOn ? a.version - b.version : a.occurredOn < b.occurredOn ? -1 : 1));
  const retractions = new Map(items.filter((i) => i.retractedEventId).map((i) => [i.retractedEventId!, i]));
  return (
    <ol class="timeline" data-testid="timeline">
      {ordered.map((item) => {
        const retraction = retractions.get(item.eventId);
        const later = (asOf && item.occurredOn > asOf) || (knownAt && item.recordedAt > knownAt);
        return (
          <li key={item.eventId} class={later ? 'later' : undefined} data-event-type={item.type}>
            <div class={item.retracted ? 'retracted' : undefined}>
              <span class={`tag tag-${item.type}`}>{words(item.type)}</span> <strong>{item.occurredOn}</strong> <Details item={item} />
            </div>
            <div class="muted">
              version {item.version}, recorded {instant(item.recordedAt)} by {item.actor}
              {later ? ' · not yet in this view' : ''}
            </div>
            {retraction ? (
              <div class="retraction">
                Retracted on {retraction.occurredOn}
                {typeof retraction.reason === 'string' ? `: ${retraction.reason}` : ''} (version {retraction.version})
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

function Details({ item }: { item: TimelineItem }) {
  const fields = Object.entries(item).filter(([name, value]) => !ENVELOPE.has(name) && value !== null && value !== undefined);
  if (fields.length === 0) return null;
  return (
    <span class="details">
      {fields.map(([name, value]) => (
        <span class="detail">
          <span class="muted">{words(name.replace(/Percent$/, '').replace(/([A-Z])/g, '_$1').toLowerCase())}</span>{' '}
          {typeof value === 'string' && /^[a-z]+(_[a-z]+)*$/.test(value) ? words(value) : show(value)}
          {name.endsWith('Percent') ? ' %' : ''}
        </span>
      ))}
    </span>
  );
}

/** A field's value as written; the API's own words (approved_with_remedies) are made words by the caller. */
function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.amount === 'string' && typeof record.currency === 'string') return money({ amount: record.amount, currency: record.currency });
    if (typeof record.name === 'string') return record.name;
    return Object.entries(record).map(([k, v]) => `${k}: ${show(v)}`).join(', ');
  }
  return String(value);
}
