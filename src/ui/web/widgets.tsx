// Small pieces every page uses.
import type { ComponentChildren } from 'preact';
import type { ApiError } from './api';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p class="muted" role="status">
      {what}…
    </p>
  );
}

export function Failure({ error }: { error: ApiError }) {
  const { problem } = error;
  return (
    <div class="problem" role="alert">
      <strong>{problem.title ?? 'The request failed'}</strong> {problem.detail ?? error.message}
      {problem.code ? <code> {problem.code}</code> : null}
    </div>
  );
}

export function Section({ title, children, actions }: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="card" aria-label={title}>
      <header class="card-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

/** A labelled form control; `error` (a field error of the server) is shown under it and announced. */
export function Field({ label, error, children, hint }: { label: string; error?: string; children: ComponentChildren; hint?: string }) {
  return (
    <label class={`field${error ? ' invalid' : ''}`}>
      <span class="label">{label}</span>
      {children}
      {hint ? <span class="hint">{hint}</span> : null}
      {error ? (
        <span class="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}
