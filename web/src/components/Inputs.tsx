// Labelled inputs: text-like inputs, a textarea, a select and a checkbox, each with its hint and
// error tied to it by aria-describedby. `id` may be given where one form repeats a field (units, questions).
import type { ReactNode } from 'react';

interface Common {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  id?: string;
}

export function fieldId(name: string): string {
  return `field-${name}`;
}

function described(id: string, hint?: string, error?: string) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return {
    hintId,
    errorId,
    describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined,
  };
}

function HintAndError({
  hintId,
  errorId,
  hint,
  error,
}: {
  hintId?: string | undefined;
  errorId?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </>
  );
}

export function TextArea({
  name,
  label,
  hint,
  error,
  id: givenId,
  value,
  onChange,
  rows = 6,
  required = true,
}: Common & { value: string; onChange: (value: string) => void; rows?: number; required?: boolean }) {
  const id = givenId ?? fieldId(name);
  const d = described(id, hint, error);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <HintAndError {...d} hint={hint} error={error} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={d.describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

export function SelectField({
  name,
  label,
  hint,
  error,
  id: givenId,
  value,
  onChange,
  children,
}: Common & { value: string; onChange: (value: string) => void; children: ReactNode }) {
  const id = givenId ?? fieldId(name);
  const d = described(id, hint, error);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <HintAndError {...d} hint={hint} error={error} />
      <select
        id={id}
        name={name}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={d.describedBy}
        onChange={(event) => onChange(event.target.value)}
      >
        {children}
      </select>
    </div>
  );
}

export function CheckboxField({
  name,
  label,
  hint,
  id: givenId,
  checked,
  onChange,
}: Omit<Common, 'error'> & { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = givenId ?? fieldId(name);
  const d = described(id, hint);
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={checked}
        aria-describedby={d.describedBy}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      <HintAndError {...d} hint={hint} />
    </div>
  );
}

/** A plain labelled input with a caller-chosen id and type (numbers, URLs), for repeated fields. */
export function InputField({
  name,
  label,
  hint,
  error,
  id: givenId,
  value,
  onChange,
  type = 'text',
  inputMode,
  autoComplete,
  required = true,
}: Common & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'url' | 'email' | 'number' | 'search' | 'password' | 'date' | 'datetime-local';
  inputMode?: 'decimal' | 'numeric' | 'text' | 'url' | 'email';
  autoComplete?: string;
  required?: boolean;
}) {
  const id = givenId ?? fieldId(name);
  const d = described(id, hint, error);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <HintAndError {...d} hint={hint} error={error} />
      <input
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={d.describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
