// Uploads a picture for a lesson and hands back the Markdown that shows it (the server keeps the file
// and answers with its URL; PNG or JPEG up to 2 MB). The author describes the picture (its alt text) or
// says it is decorative (alt=""); nothing is uploaded before one of the two.
import { type ChangeEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { describeProblem } from '../../forms.ts';

interface LessonImageUploadProps {
  orgId: string;
  courseId: string;
  /** Called with Markdown such as `![Payroll cycle](/course-images/…)`, or `![](…)` when decorative. */
  onUploaded: (markdown: string) => void;
}

/** Alt text as Markdown image text: one line, with brackets and backslashes escaped. */
export function markdownAlt(alt: string): string {
  return alt
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\[\]]/g, (c) => `\\${c}`);
}

type Status = { tone: 'info' | 'error'; text: string } | null;

export function LessonImageUpload({ orgId, courseId, onUploaded }: LessonImageUploadProps) {
  const { t } = useTranslation();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const altInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [decorative, setDecorative] = useState(false);
  const [altError, setAltError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  const insert = async () => {
    if (!file) {
      setStatus({ tone: 'error', text: t('authoring.imageChooseFile') });
      fileInput.current?.focus();
      return;
    }
    const text = decorative ? '' : markdownAlt(alt);
    if (!decorative && text === '') {
      setAltError(t('authoring.imageAltMissing'));
      altInput.current?.focus();
      return;
    }
    setAltError(null);
    const body = new FormData();
    body.append('file', file);
    setBusy(true);
    setStatus({ tone: 'info', text: t('authoring.imageUploading') });
    try {
      const { url } = await api<{ url: string }>(`/api/v1/orgs/${orgId}/courses/${courseId}/images`, {
        method: 'POST',
        body,
      });
      onUploaded(`![${text}](${url})`);
      setStatus({ tone: 'info', text: t('authoring.imageAdded') });
      setFile(null);
      setAlt('');
      setDecorative(false);
      if (fileInput.current) fileInput.current.value = '';
    } catch (error) {
      setStatus({ tone: 'error', text: describeProblem(t, error) });
    } finally {
      setBusy(false);
    }
  };

  const chooseFile = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setStatus(null);
  };
  // Enter in the description inserts the image rather than submitting the whole course form.
  const enterInserts = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void insert();
  };

  return (
    <div className="field lesson-image">
      <label htmlFor={`${id}-file`}>{t('authoring.addImage')}</label>
      <p className="field__hint" id={`${id}-file-hint`}>
        {t('authoring.addImageHint')}
      </p>
      <input
        id={`${id}-file`}
        ref={fileInput}
        type="file"
        accept="image/png,image/jpeg"
        aria-describedby={`${id}-file-hint`}
        onChange={chooseFile}
      />
      <div className={altError ? 'field field--invalid' : 'field'}>
        <label htmlFor={`${id}-alt`}>{t('authoring.imageAlt')}</label>
        <p className="field__hint" id={`${id}-alt-hint`}>
          {t('authoring.imageAltHint')}
        </p>
        {altError && (
          <p className="field__error" id={`${id}-alt-error`}>
            {altError}
          </p>
        )}
        <input
          id={`${id}-alt`}
          ref={altInput}
          type="text"
          value={decorative ? '' : alt}
          disabled={decorative}
          required={!decorative}
          aria-invalid={altError ? true : undefined}
          aria-describedby={altError ? `${id}-alt-hint ${id}-alt-error` : `${id}-alt-hint`}
          onChange={(event) => setAlt(event.target.value)}
          onKeyDown={enterInserts}
        />
      </div>
      <div className="field field--checkbox">
        <input
          id={`${id}-decorative`}
          type="checkbox"
          checked={decorative}
          onChange={(event) => {
            setDecorative(event.target.checked);
            setAltError(null);
          }}
        />
        <label htmlFor={`${id}-decorative`}>{t('authoring.imageDecorative')}</label>
      </div>
      <button
        type="button"
        className="button button--secondary"
        disabled={busy}
        onClick={() => void insert()}
      >
        {t('authoring.imageInsert')}
      </button>
      {status && (
        <p
          role={status.tone === 'error' ? 'alert' : 'status'}
          className={status.tone === 'error' ? 'error' : undefined}
        >
          {status.text}
        </p>
      )}
    </div>
  );
}
