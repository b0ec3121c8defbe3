// "As of" a business date (a slider from the deal's first event to today, and a date field) and "known at" a time of
// the log: both live in the page's URL, so a view of the past can be shared.
import { useEffect, useState } from 'preact/hooks';
import { today } from '../format';

const DAY_MS = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Props {
  firstDay: string;
  asOf: string | null;
  knownAt: string | null;
  onChange(params: Record<string, string | null>): void;
}

export function AsOfControls({ firstDay, asOf, knownAt, onChange }: Props) {
  const start = Date.parse(firstDay) - DAY_MS; // a day before the first event: the deal not yet known
  const end = Date.parse(today());
  const days = Math.max(1, Math.round((end - start) / DAY_MS));
  const [dragging, setDragging] = useState<string | null>(null);
  useEffect(() => setDragging(null), [asOf]);
  const shown = dragging ?? asOf ?? today();
  const offset = Math.round((Date.parse(shown) - start) / DAY_MS);
  return (
    <form class="as-of card" aria-label="View the deal as of a date" onSubmit={(e) => e.preventDefault()}>
      <label class="field slider">
        <span class="label">As of {shown}</span>
        <input
          type="range"
          name="asOfSlider"
          min={0}
          max={days}
          value={Math.min(Math.max(offset, 0), days)}
          aria-valuetext={shown}
          onInput={(e) => setDragging(toDay(start + Number(e.currentTarget.value) * DAY_MS))}
          onChange={(e) => {
            const chosen = toDay(start + Number(e.currentTarget.value) * DAY_MS);
            onChange({ asOf: chosen >= today() ? null : chosen });
          }}
        />
      </label>
      <label class="field">
        <span class="label">As of date</span>
        <input type="date" name="asOf" value={asOf ?? ''} max={today()} onChange={(e) => onChange({ asOf: e.currentTarget.value || null })} />
      </label>
      <label class="field">
        <span class="label">Known at (UTC)</span>
        <input
          type="datetime-local"
          name="knownAt"
          step={1}
          value={knownAt ? knownAt.slice(0, 19) : ''}
          onChange={(e) => onChange({ knownAt: e.currentTarget.value ? `${e.currentTarget.value.length === 16 ? `${e.currentTarget.value}:00` : e.currentTarget.value}Z` : null })}
        />
      </label>
      {asOf || knownAt ? (
        <button type="button" class="secondary" onClick={() => onChange({ asOf: null, knownAt: null })}>
          Back to now
        </button>
      ) : null}
    </form>
  );
}
