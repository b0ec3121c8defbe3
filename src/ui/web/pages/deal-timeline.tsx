// The deal's events in business-date order (occurredOn, ties in recorded order). A retracted event stays, struck
// through, with the retraction that took it back; events after the as-of date or recorded after the known-at time
// are marked as not yet known to that view.
import type { TimelineItem } from '../../../deals/queries/timeline-item.js';
import { instant, money, words } from '../format';

export type { TimelineItem };

const ENVELOPE = new Set(['eventId', 'type', 'occurredOn', 'recordedAt', 'actor', 'version', 'position', 'retracted', 'retractedEventId', 'dealId', 'streamId']);

export function Timeline({ items, asOf, knownAt, onRetract }: { items: TimelineItem[]; asOf: string | null; knownAt: string | null; onRetract?(item: TimelineItem): void }) {
  const ordered = [...items].sort((a, b) => (a.occurredOn === b.occurredOn ? a.version - b.version : a.occurredOn < b.occurredOn ? -1 : 1));
  const retractions = new Map(items.filter((i) => i.retractedEventId).map((i) => [i.retractedEventId!, i]));
  return (
    <ol class="timeline" data-testid="timeline">
      {ordered.map((item) => {
        // A retraction counts in every as-of view (API: retractions always apply), but only once it was recorded in a
        // known-at view: the timeline shows what the deal above it shows.
        const retraction = retractions.get(item.eventId);
        const struck = retraction !== undefined && (!knownAt || retraction.recordedAt <= knownAt);
        const later = (asOf && item.occurredOn > asOf && item.type !== 'retracted') || (knownAt && item.recordedAt > knownAt);
        const retractable = onRetract && !item.retracted && item.type !== 'retracted' && item.type !== 'voided';
        return (
          <li key={item.eventId} class={later ? 'later' : undefined} data-event-type={item.type}>
            <div class={struck ? 'retracted' : undefined}>
              <span class={`tag tag-${item.type}`}>{words(item.type)}</span> <strong>{item.occurredOn}</strong> <Details item={item} />
            </div>
            <div class="muted">
              version {item.version}, event {item.eventId.slice(0, 8)}, recorded {instant(item.recordedAt)} by {item.actor}
              {later ? ' · not yet in this view' : ''}
              {retractable ? (
                <>
                  {' '}
                  <button type="button" class="link" onClick={() => onRetract!(item)} aria-label={`Retract the ${words(item.type).toLowerCase()} event of ${item.occurredOn} (version ${item.version})`}>
                    Retract…
                  </button>
                </>
              ) : null}
            </div>
            {retraction && struck ? (
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
          {name === 'source' ? <SourceLink source={value} /> : null}
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

/** A source's address as a link (the server takes only http and https ones; checked again here). */
function SourceLink({ source }: { source: unknown }) {
  const url = source && typeof source === 'object' ? (source as { url?: unknown }).url : undefined;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return null;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" class="source-link">
      source
    </a>
  );
}
