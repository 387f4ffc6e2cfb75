// My public profile (/learn/profile): off until I turn it on; its address /people/<slug> that I choose;
// a headline, a photo (ProfilePhoto.tsx) and a link to preview it. It lists only the badges I made public;
// while off, its page (and its photo and record) is "not found" to everyone.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../../api.ts';
import { CheckboxField, InputField } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { describeProblem } from '../../forms.ts';
import type { ProfileWithPhoto } from '../../profile-photo.ts';
import { sharingApi, sharingKeys } from '../../sharing.ts';
import { ProfilePhotoSection } from './ProfilePhoto.tsx';
import './Share.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function ProfileSettingsPage() {
  return <RequireSession>{() => <ProfileSettings />}</RequireSession>;
}

function ProfileSettings() {
  const { t } = useTranslation();
  const profile = useQuery({ queryKey: sharingKeys.profile, queryFn: sharingApi.profile });
  return (
    <Page title={t('profile.title')} narrow>
      <p>{t('profile.intro')}</p>
      {profile.isPending && <Skeleton fields={3} />}
      {profile.isError && <Status tone="error">{describeProblem(t, profile.error)}</Status>}
      {profile.data && <ProfileForm saved={profile.data.profile} />}
      <p>
        <Link to="/learn/employers">{t('employee.profileLink')}</Link>
      </p>
      <p>
        <Link to="/learn/badges">{t('backpack.back')}</Link>
      </p>
    </Page>
  );
}

function ProfileForm({ saved }: { saved: ProfileWithPhoto | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [slug, setSlug] = useState(saved?.slug ?? '');
  const [headline, setHeadline] = useState(saved?.headline ?? '');
  const [enabled, setEnabled] = useState(saved?.enabled ?? false);
  const save = useMutation({
    mutationFn: () =>
      sharingApi.saveProfile({
        slug: slug.trim().toLowerCase(),
        enabled,
        headline: headline.trim() || null,
      }),
    onSuccess: (profile) => queryClient.setQueryData(sharingKeys.profile, { profile }),
  });
  const problem = save.error instanceof ApiProblem ? save.error : null;
  const fieldErrors = problem?.fieldErrors() ?? {};
  const slugError =
    fieldErrors.slug ?? (problem?.is('profile-slug-taken') ? t('profile.slugTaken') : undefined);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  // The query cache holds the latest profile: a save or a photo change puts it there.
  const current = saved;
  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        <CheckboxField
          name="enabled"
          label={t('profile.enabled')}
          hint={t('profile.enabledHint')}
          checked={enabled}
          onChange={setEnabled}
        />
        <InputField
          name="slug"
          label={t('profile.slug')}
          hint={t('profile.slugHint')}
          error={slugError}
          value={slug}
          onChange={setSlug}
          autoComplete="off"
        />
        <InputField
          name="headline"
          label={t('profile.headline')}
          hint={t('profile.headlineHint')}
          error={fieldErrors.headline}
          value={headline}
          onChange={setHeadline}
          required={false}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('form.submitting') : t('profile.save')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {save.isError && !slugError && !fieldErrors.headline && (
          <Status tone="error">{describeProblem(t, save.error)}</Status>
        )}
        {save.isSuccess && <Status tone="success">{t('profile.saved')}</Status>}
      </div>
      {current && (
        <section aria-labelledby="profile-address">
          <h2 id="profile-address">{t('profile.addressTitle')}</h2>
          {current.enabled ? (
            <p className="profile-preview">
              <a href={current.url}>{current.url}</a>
              <a className="button button--secondary" href={current.url} target="_blank" rel="noopener">
                {t('profilePhoto.preview')}
              </a>
            </p>
          ) : (
            <>
              <p className="muted">{t('profile.offNote', { url: current.url })}</p>
              <p className="field__hint">{t('profilePhoto.previewOff')}</p>
            </>
          )}
          <p className="field__hint">{t('profile.onlyPublic')}</p>
        </section>
      )}
      {current ? (
        <ProfilePhotoSection profile={current} />
      ) : (
        <p className="muted">{t('profilePhoto.needsProfile')}</p>
      )}
    </>
  );
}
