// Uploads a picture for a lesson and hands back the Markdown that shows it (the server keeps the file
// and answers with its URL; PNG or JPEG up to 2 MB).
import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { describeProblem } from '../../forms.ts';

interface LessonImageUploadProps {
  orgId: string;
  courseId: string;
  /** Called with Markdown such as `![Payroll cycle](/course-images/…)`. */
  onUploaded: (markdown: string) => void;
}

export function LessonImageUpload({ orgId, courseId, onUploaded }: LessonImageUploadProps) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const body = new FormData();
    body.append('file', file);
    setStatus({ tone: 'info', text: t('authoring.imageUploading') });
    try {
      const { url } = await api<{ url: string }>(`/api/v1/orgs/${orgId}/courses/${courseId}/images`, {
        method: 'POST',
        body,
      });
      const alt = file.name.replace(/\.[^.]+$/, '').replace(/[[\]]/g, '');
      onUploaded(`![${alt}](${url})`);
      setStatus({ tone: 'info', text: t('authoring.imageAdded') });
    } catch (error) {
      setStatus({ tone: 'error', text: describeProblem(t, error) });
    } finally {
      event.target.value = '';
    }
  };

  return (
    <div className="field">
      <label htmlFor={id}>{t('authoring.addImage')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('authoring.addImageHint')}
      </p>
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg"
        aria-describedby={`${id}-hint`}
        onChange={upload}
      />
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
