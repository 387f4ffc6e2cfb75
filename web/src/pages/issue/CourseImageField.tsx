// The course picture in the course editor's details: choose a PNG, JPEG or WebP (at most 5 MB), describe it
// (required), save; change the description alone, or remove the picture. The server re-encodes the picture and
// drops its metadata; it shows in the catalog at once, without publishing.
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import type { AuthoredCourse } from '../../authoring.ts';
import { describeProblem } from '../../forms.ts';
import { CourseCover } from '../shop/CourseCover.tsx';

const MAX_BYTES = 5 * 1024 * 1024;
type Status = { tone: 'info' | 'error'; text: string } | null;

interface CourseImageFieldProps {
  orgId: string;
  course: AuthoredCourse;
  onSaved: (course: AuthoredCourse) => void;
}

export function CourseImageField({ orgId, course, onSaved }: CourseImageFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const altInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState(course.image?.alt ?? '');
  const [altError, setAltError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const url = `/api/v1/orgs/${orgId}/courses/${course.id}/image`;

  const run = async (work: () => Promise<AuthoredCourse>, done: string) => {
    setBusy(true);
    setStatus({ tone: 'info', text: t('courseImage.saving') });
    try {
      const next = await work();
      onSaved(next);
      setAlt(next.image?.alt ?? '');
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      setStatus({ tone: 'info', text: done });
    } catch (error) {
      setStatus({ tone: 'error', text: describeProblem(t, error) });
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const text = alt.replace(/\s+/g, ' ').trim();
    if (!file && !course.image) {
      setStatus({ tone: 'error', text: t('courseImage.chooseFile') });
      fileInput.current?.focus();
      return;
    }
    if (!text) {
      setAltError(t('courseImage.altMissing'));
      altInput.current?.focus();
      return;
    }
    setAltError(null);
    if (file && file.size > MAX_BYTES) {
      setStatus({ tone: 'error', text: t('courseImage.tooLarge') });
      return;
    }
    if (file) {
      const body = new FormData();
      body.append('alt', text);
      body.append('file', file);
      void run(() => api<AuthoredCourse>(url, { method: 'PUT', body }), t('courseImage.saved'));
    } else {
      void run(
        () => api<AuthoredCourse>(url, { method: 'PATCH', body: { alt: text } }),
        t('courseImage.described'),
      );
    }
  };
  // Enter in the description saves the picture rather than submitting the whole course form.
  const enterSaves = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    save();
  };

  return (
    <fieldset className="course-image-field">
      <legend>{t('courseImage.legend')}</legend>
      <CourseCover courseId={course.id} title={course.title} image={course.image} />
      {!course.image && <p className="field__hint">{t('courseImage.none')}</p>}
      <div className="field">
        <label htmlFor={`${id}-file`}>
          {course.image ? t('courseImage.replace') : t('courseImage.choose')}
        </label>
        <p className="field__hint" id={`${id}-file-hint`}>
          {t('courseImage.hint')}
        </p>
        <input
          id={`${id}-file`}
          ref={fileInput}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          aria-describedby={`${id}-file-hint`}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setStatus(null);
          }}
        />
      </div>
      <div className={altError ? 'field field--invalid' : 'field'}>
        <label htmlFor={`${id}-alt`}>{t('courseImage.alt')}</label>
        <p className="field__hint" id={`${id}-alt-hint`}>
          {t('courseImage.altHint')}
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
          maxLength={300}
          value={alt}
          aria-invalid={altError ? true : undefined}
          aria-describedby={altError ? `${id}-alt-hint ${id}-alt-error` : `${id}-alt-hint`}
          onChange={(event) => setAlt(event.target.value)}
          onKeyDown={enterSaves}
        />
      </div>
      <div className="actions">
        <button type="button" className="button button--secondary" disabled={busy} onClick={save}>
          {t('courseImage.save')}
        </button>
        {course.image && (
          <button
            type="button"
            className="button--link"
            disabled={busy}
            onClick={() =>
              void run(() => api<AuthoredCourse>(url, { method: 'DELETE' }), t('courseImage.removed'))
            }
          >
            {t('courseImage.remove')}
          </button>
        )}
      </div>
      {status && (
        <p
          role={status.tone === 'error' ? 'alert' : 'status'}
          className={status.tone === 'error' ? 'error' : undefined}
        >
          {status.text}
        </p>
      )}
    </fieldset>
  );
}
