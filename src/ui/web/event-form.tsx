// Posting an event as an analyst: choose its type, fill in the fields its schema has, send. A later event is sent
// with If-Match set to the version the page shows, so one that crossed another analyst's write is refused (412)
// instead of being decided against a deal the analyst has not seen.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type FieldError, request } from './api';
import { type Document, type Values, eventSchemas, openApi, toBody } from './openapi';
import { SchemaFields } from './schema-form';
import { words } from './format';
import { Failure, Field, Loading } from './widgets';

/** A form opened for a purpose (retracting a given event): its type and values filled in. */
export interface Prefill {
  type: string;
  values: Values;
}

type Props = { prefill?: Prefill } & (
  | { endpoint: 'start'; onDone(dealId: string, possibleDuplicates: string[]): void }
  | { endpoint: 'record'; dealId: string; version: number; onDone(dealId: string): void; onStale(): void }
);

export function EventForm(props: Props) {
  const [doc, setDoc] = useState<Document | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const [type, setType] = useState(props.prefill?.type ?? '');
  const [values, setValues] = useState<Values>(props.prefill?.values ?? {});
  // One key per event being entered: a retry of the same submission (an answer lost, a double click) is answered
  // with the first one's result instead of appending twice; a new key once it has been recorded.
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const problemBox = useRef<HTMLDivElement>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    openApi().then(setDoc, setLoadError);
  }, []);
  if (loadError) return <p class="problem">The form could not load the API's description: {loadError.message}</p>;
  if (!doc) return <Loading what="Loading the form" />;
  const schemas = eventSchemas(doc, props.endpoint);
  const schema = schemas[type];

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    setProblem(null);
    try {
      const body = toBody(doc!, schema, type, values);
      const headers = { 'Idempotency-Key': idempotencyKey };
      if (props.endpoint === 'start') {
        const { data } = await request<{ dealId: string; possibleDuplicates: string[] }>('/deals', { method: 'POST', body, headers });
        props.onDone(data.dealId, data.possibleDuplicates ?? []);
      } else {
        const { data } = await request<{ dealId: string }>(`/deals/${props.dealId}/events`, {
          method: 'POST',
          body,
          headers: { ...headers, 'If-Match': `"${props.version}"` },
        });
        props.onDone(data.dealId);
      }
      setValues({});
      setType('');
      setIdempotencyKey(newKey());
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError({ status: 0, detail: String(e) });
      if (error.problem.status === 412) setStale(true);
      setErrors(error.problem.errors ?? []);
      setProblem(error);
      // The form may be long: the reader is taken to what went wrong, not left at the button.
      requestAnimationFrame(() => {
        const target = problemBox.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? problemBox.current;
        target?.focus();
        target?.scrollIntoView({ block: 'center' });
      });
    } finally {
      setBusy(false);
    }
  }

  const shown = new Set(Object.keys(schema?.properties ?? {}));
  // Field errors the form has no control for (the body as a whole, a field of another type) are listed at the top.
  const elsewhere = errors.filter((e) => !shown.has(e.field.split('.')[0]));
  return (
    <form onSubmit={submit} class="event-form" aria-label={props.endpoint === 'start' ? 'New deal' : 'Record an event'} noValidate>
      <Field label="Event type (required)">
        <select name="type" value={type} onChange={(e) => { setType(e.currentTarget.value); setErrors([]); setProblem(null); }}>
          <option value="">Choose…</option>
          {Object.keys(schemas).map((name) => (
            <option value={name}>{words(name)}</option>
          ))}
        </select>
      </Field>
      <div ref={problemBox} tabIndex={-1}>
      {stale && props.endpoint === 'record' ? (
        <div class="notice" role="alert">
          Someone changed this deal since this page showed version {props.version}: reload it to see what changed, then record your event again.{' '}
          <button type="button" onClick={() => { setStale(false); setProblem(null); props.onStale(); }}>
            Reload the deal
          </button>
        </div>
      ) : problem ? (
        <Failure error={problem} />
      ) : null}
      </div>
      {elsewhere.length ? (
        <ul class="field-error" role="alert">
          {elsewhere.map((e) => (
            <li>
              {e.field}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {schema ? (
        <>
          <SchemaFields doc={doc} schema={schema} values={values} errors={errors} onChange={(path, value) => setValues((v) => ({ ...v, [path]: value }))} />
          <button type="submit" disabled={busy}>
            {busy ? 'Sending…' : props.endpoint === 'start' ? 'Create the deal' : `Record ${words(type).toLowerCase()}`}
          </button>
        </>
      ) : null}
    </form>
  );
}

/** A random Idempotency-Key (getRandomValues works on plain-HTTP pages too, where randomUUID does not). */
function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
