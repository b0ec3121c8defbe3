// A form for one event type, drawn from its schema (openapi.ts): a control per field, nested objects (a money amount,
// a party, the source) as groups, lists of objects with Add/Remove. Values are kept as text by dotted path
// ("value.amount", "equivalents.0.currency": the paths the server's field errors name) and turned into the JSON body
// on submit, leaving out what was not filled in.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { FieldError } from './api';
import { type Document, type Schema, type Values, resolve } from './openapi';
import { words } from './format';
import { Field } from './widgets';


interface FormProps {
  doc: Document;
  schema: Schema;
  values: Values;
  errors: FieldError[];
  onChange(path: string, value: string): void;
}

/**
 * The fields of an event's schema; `type` is chosen outside the form. A field a group requires is marked required only
 * when the group itself is (the amount of an optional final value is needed only once the value is given).
 */
export function SchemaFields({ doc, schema, values, errors, onChange }: FormProps) {
  // What the event needs first, then its optional fields; the source and the note every event takes, last.
  const last = (name: string) => (name === 'source' || name === 'note' ? 2 : schema.required?.includes(name) ? 0 : 1);
  const fields = Object.entries(schema.properties ?? {})
    .filter(([name]) => name !== 'type')
    .sort(([a], [b]) => last(a) - last(b));
  return (
    <>
      {fields.map(([name, property]) => (
        <Control doc={doc} name={name} path={name} schema={resolve(doc, property)} required={!!schema.required?.includes(name)} values={values} errors={errors} onChange={onChange} />
      ))}
    </>
  );
}

interface ControlProps extends Omit<FormProps, 'schema'> {
  name: string;
  path: string;
  schema: Schema;
  required: boolean;
}

function Control(props: ControlProps) {
  const { doc, name, path, schema, required, values, errors, onChange } = props;
  const label = `${words(name.replace(/([A-Z])/g, '_$1').toLowerCase())}${required ? ' (required)' : ''}`;
  const error = errors.filter((e) => e.field === path).map((e) => e.message).join('; ') || undefined;
  if (schema.type === 'object' || schema.properties) {
    return (
      <fieldset class="group">
        <legend>{label}</legend>
        {schema.description ? <p class="hint">{schema.description}</p> : null}
        {error ? <p class="field-error" role="alert">{error}</p> : null}
        {Object.entries(schema.properties ?? {}).map(([child, property]) => (
          <Control {...props} name={child} path={`${path}.${child}`} schema={resolve(doc, property)} required={required && !!schema.required?.includes(child)} />
        ))}
      </fieldset>
    );
  }
  if (schema.type === 'array' && schema.items) return <ListControl {...props} />;
  const value = values[path] ?? '';
  const set = (e: { currentTarget: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement }) => onChange(path, e.currentTarget.value);
  const hint = [schema.description, schema.example !== undefined && typeof schema.example !== 'object' ? `e.g. ${schema.example}` : null].filter(Boolean).join(' · ');
  let input: JSX.Element;
  if (schema.enum) {
    input = (
      <select name={path} value={value} onChange={set} required={required}>
        <option value="">{required ? 'Choose…' : '—'}</option>
        {schema.enum.map((option) => (
          <option value={option}>{words(option)}</option>
        ))}
      </select>
    );
  } else if (schema.type === 'boolean') {
    input = (
      <select name={path} value={value} onChange={set} required={required}>
        <option value="">—</option>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </select>
    );
  } else if (schema.format === 'date') {
    input = <input type="date" name={path} value={value} onInput={set} required={required} />;
  } else if (schema.type === 'number' || schema.type === 'integer') {
    input = <input type="number" step="any" name={path} value={value} onInput={set} required={required} min={schema.minimum} max={schema.maximum} />;
  } else if ((schema.maxLength ?? 0) > 300) {
    input = <textarea name={path} value={value} onInput={set} required={required} rows={3} />;
  } else {
    // Amounts and ratios stay text: decimal strings, never numbers.
    input = <input type="text" name={path} value={value} onInput={set} required={required} inputMode={/amount|Ratio|Percent/.test(name) ? 'decimal' : undefined} />;
  }
  return (
    <Field label={label} error={error} hint={hint || undefined}>
      {input}
    </Field>
  );
}

/** A list of objects (equivalents in other currencies): rows added and removed by the analyst. */
function ListControl(props: ControlProps) {
  const { doc, path, schema, values, onChange } = props;
  const present = Object.keys(values).map((key) => new RegExp(`^${path.replace(/\./g, '\\.')}\\.(\\d+)\\.`).exec(key)?.[1]).filter(Boolean).map(Number);
  const [count, setCount] = useState(present.length ? Math.max(...present) + 1 : 0);
  const item = resolve(doc, schema.items!);
  const remove = (index: number) => {
    for (const key of Object.keys(values)) if (key.startsWith(`${path}.${index}.`)) onChange(key, '');
  };
  return (
    <fieldset class="group">
      <legend>{props.name}</legend>
      {schema.description ? <p class="hint">{schema.description}</p> : null}
      {Array.from({ length: count }, (_, index) => (
        <div class="list-item">
          <Control {...props} name={`${props.name} ${index + 1}`} path={`${path}.${index}`} schema={item} required={false} />
          <button type="button" class="secondary" onClick={() => remove(index)}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" class="secondary" onClick={() => setCount(count + 1)}>
        Add
      </button>
    </fieldset>
  );
}
