// Small pieces every page uses.
import { type ComponentChildren, cloneElement, isValidElement } from 'preact';
import { useId } from 'preact/hooks';
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

/**
 * A labelled form control: the hint and the server's field error sit outside the label and are tied to the control
 * (when it is one element) with aria-describedby, so a screen reader names the field by its label alone and reads
 * them after it.
 */
export function Field({ label, error, children, hint }: { label: string; error?: string; children: ComponentChildren; hint?: string }) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children) ? cloneElement(children, { id, 'aria-describedby': described, 'aria-invalid': error ? true : undefined }) : children;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={isValidElement(children) ? id : undefined}>
        <span class="label">{label}</span>
        {control}
      </label>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span class="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
