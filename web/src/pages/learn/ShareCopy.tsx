// A read-only value (a link or an HTML snippet) with a Copy button. Where the browser refuses the
// clipboard, the text is selected instead and the learner is told to copy it with the keyboard.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../sharing.ts';

export function CopyButton({
  text,
  label,
  onFailure,
}: {
  text: string;
  label: string;
  onFailure?: () => void;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={async () => {
          const copied = await copyText(text);
          setState(copied ? 'copied' : 'failed');
          if (!copied) onFailure?.();
        }}
      >
        {label}
      </button>
      <span className="copy-status" role="status">
        {state === 'copied' && t('share.copied')}
        {state === 'failed' && t('share.copyFailed')}
      </span>
    </>
  );
}

export function CopyField({
  label,
  hint,
  value,
  copyLabel,
  multiline = false,
}: {
  label: string;
  hint?: string;
  value: string;
  copyLabel: string;
  multiline?: boolean;
}) {
  const id = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const hintId = hint ? `${id}-hint` : undefined;
  const select = () => field.current?.select();
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea
          id={id}
          ref={field}
          readOnly
          rows={4}
          value={value}
          aria-describedby={hintId}
          onFocus={select}
        />
      ) : (
        <input
          id={id}
          ref={field}
          readOnly
          type="text"
          value={value}
          aria-describedby={hintId}
          onFocus={select}
        />
      )}
      <div className="copy-row">
        <CopyButton text={value} label={copyLabel} onFailure={select} />
      </div>
    </div>
  );
}
