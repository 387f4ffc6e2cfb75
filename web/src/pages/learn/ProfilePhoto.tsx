// The photo of my public profile (/learn/profile): upload a PNG or JPEG (checked on the server, metadata
// removed), see it as visitors will, or remove it — then my initials on a coloured circle are shown instead.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '../../forms.ts';
import { MAX_PHOTO_BYTES, type ProfileWithPhoto, profilePhotoApi } from '../../profile-photo.ts';
import { sharingKeys } from '../../sharing.ts';
import './ProfilePhoto.css';

export function ProfilePhotoSection({ profile }: { profile: ProfileWithPhoto }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const saved = (next: ProfileWithPhoto) => queryClient.setQueryData(sharingKeys.profile, { profile: next });
  const upload = useMutation({ mutationFn: profilePhotoApi.upload, onSuccess: saved });
  const remove = useMutation({ mutationFn: profilePhotoApi.remove, onSuccess: saved });

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    setStatus(null);
    if (file.size > MAX_PHOTO_BYTES) {
      setStatus({ tone: 'error', text: t('profilePhoto.tooLarge') });
      input.value = '';
      return;
    }
    upload.mutate(file, {
      onSuccess: () => setStatus({ tone: 'success', text: t('profilePhoto.saved') }),
      onError: (error) => setStatus({ tone: 'error', text: describeProblem(t, error) }),
      onSettled: () => {
        input.value = '';
      },
    });
  };
  const onRemove = () => {
    setStatus(null);
    remove.mutate(undefined, {
      onSuccess: () => setStatus({ tone: 'success', text: t('profilePhoto.removed') }),
      onError: (error) => setStatus({ tone: 'error', text: describeProblem(t, error) }),
    });
  };

  const photo = profile.photo ?? null;
  return (
    <section aria-labelledby={`${id}-title`} className="profile-photo">
      <h2 id={`${id}-title`}>{t('profilePhoto.title')}</h2>
      <div className="profile-photo__row">
        {photo ? (
          <img className="profile-photo__image" src={photo.previewUrl} alt={t('profilePhoto.current')} />
        ) : (
          <p className="profile-photo__none">{t('profilePhoto.none')}</p>
        )}
        <div className="profile-photo__controls">
          <div className="field">
            <label htmlFor={id}>{photo ? t('profilePhoto.replace') : t('profilePhoto.choose')}</label>
            <p className="field__hint" id={`${id}-hint`}>
              {t('profilePhoto.hint')}
            </p>
            <input
              id={id}
              type="file"
              accept="image/png,image/jpeg"
              aria-describedby={`${id}-hint`}
              onChange={onFile}
              disabled={upload.isPending}
            />
          </div>
          {photo && (
            <button
              type="button"
              className="button button--secondary"
              disabled={remove.isPending}
              onClick={onRemove}
            >
              {t('profilePhoto.remove')}
            </button>
          )}
        </div>
      </div>
      <div aria-live="polite">
        {upload.isPending && <p className="status">{t('profilePhoto.uploading')}</p>}
        {status && (
          <p className={status.tone === 'error' ? 'field__error' : 'status status--success'}>{status.text}</p>
        )}
      </div>
    </section>
  );
}
