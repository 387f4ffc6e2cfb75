// The employer's open roles (/employ/open-roles): publish one of the organization's role profiles as a role it
// is hiring for; the list with how many applied; close one (after a confirm step); the applicants of each with
// their fit, their gap and the badges they chose to show. Learners who did not apply never show here.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InputField, SelectField, TextArea } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { describeProblem, onlyErrors, useFormErrors } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import {
  type Applicant,
  type EmployerOpenRole,
  fitPercent,
  openRolesApi,
  openRolesKeys,
} from '../../workforce-open-roles.ts';
import { GapLists, PLAIN_TEXT } from '../insights/OpenRoles.tsx';
import { EmployNav } from './EmployNav.tsx';
import { RequireEmployer } from './People.tsx';
import '../insights/insights.css';
import './employ.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function OpenRolesPage() {
  return <RequireEmployer>{(orgId) => <OpenRoles orgId={orgId} />}</RequireEmployer>;
}

function OpenRoles({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: openRolesKeys.list(orgId), queryFn: () => openRolesApi.list(orgId) });
  return (
    <Page title={t('openRoles.employer.title')}>
      <EmployNav />
      <p className="lead">{t('openRoles.employer.intro')}</p>
      <PublishForm orgId={orgId} />
      <section aria-labelledby="published-title">
        <h2 id="published-title">{t('openRoles.employer.listTitle')}</h2>
        {list.isPending && <Skeleton cards={3} />}
        {list.isError && <Status tone="error">{describeProblem(t, list.error)}</Status>}
        {list.data && list.data.items.length === 0 && <p>{t('openRoles.employer.none')}</p>}
        {list.data && list.data.items.length > 0 && (
          <ul className="cards">
            {list.data.items.map((role) => (
              <li key={role.id}>
                <PublishedRole orgId={orgId} role={role} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

const FIELDS = ['roleId', 'title', 'location', 'description'] as const;

function PublishForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const profiles = useQuery({
    queryKey: openRolesKeys.roleProfiles(orgId),
    queryFn: () => openRolesApi.roleProfiles(orgId),
  });
  const [roleId, setRoleId] = useState('');
  const [title, setTitle] = useState('');
  const [location, setLocation] = useState('');
  const [description, setDescription] = useState('');
  const [done, setDone] = useState('');
  const errors = useFormErrors(FIELDS);
  const publish = useMutation({
    mutationFn: () =>
      openRolesApi.publish(orgId, {
        roleId,
        title: title.trim(),
        description: description.trim(),
        location: location.trim() || null,
      }),
    onSuccess: async (role) => {
      setDone(t('openRoles.employer.published', { title: role.title }));
      setTitle('');
      setLocation('');
      setDescription('');
      await queryClient.invalidateQueries({ queryKey: openRolesKeys.list(orgId) });
    },
    onError: (error) => errors.setFromProblem(t, error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    const found = onlyErrors({
      roleId: roleId === '' ? t('openRoles.employer.roleRequired') : undefined,
      title: title.trim() === '' ? t('openRoles.employer.titleRequired') : undefined,
    });
    errors.setFieldErrors(found);
    if (Object.keys(found).length === 0) publish.mutate();
  };
  const items = profiles.data?.items ?? [];
  return (
    <section aria-labelledby="publish-title">
      <h2 id="publish-title">{t('openRoles.employer.publishTitle')}</h2>
      {profiles.isError && <Status tone="error">{describeProblem(t, profiles.error)}</Status>}
      {profiles.data && items.length === 0 ? (
        <p>
          {t('openRoles.employer.noProfiles')}{' '}
          <Link to="/employ/roles">{t('openRoles.employer.toRoles')}</Link>
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <ErrorSummary problems={errors.problems} />
          <SelectField
            name="roleId"
            label={t('openRoles.employer.profile')}
            hint={t('openRoles.employer.profileHint')}
            error={errors.fields.roleId}
            value={roleId}
            onChange={(value) => {
              setRoleId(value);
              const profile = items.find((p) => p.id === value);
              if (profile && title.trim() === '') setTitle(profile.name.slice(0, 120));
            }}
          >
            <option value="">{t('openRoles.employer.chooseProfile')}</option>
            {items.map((profile) => (
              <option key={profile.id} value={profile.id}>
                {profile.name}
              </option>
            ))}
          </SelectField>
          <InputField
            name="title"
            label={t('openRoles.employer.roleTitle')}
            error={errors.fields.title}
            value={title}
            onChange={setTitle}
          />
          <InputField
            name="location"
            label={t('openRoles.employer.location')}
            hint={t('openRoles.employer.locationHint')}
            required={false}
            error={errors.fields.location}
            value={location}
            onChange={setLocation}
          />
          <TextArea
            name="description"
            label={t('openRoles.employer.description')}
            hint={t('openRoles.employer.descriptionHint')}
            required={false}
            error={errors.fields.description}
            value={description}
            onChange={setDescription}
          />
          <button type="submit" disabled={publish.isPending}>
            {publish.isPending ? t('form.submitting') : t('openRoles.employer.publish')}
          </button>
          <div aria-live="polite">{done && <Status tone="success">{done}</Status>}</div>
        </form>
      )}
    </section>
  );
}

function PublishedRole({ orgId, role }: { orgId: string; role: EmployerOpenRole }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const [showApplicants, setShowApplicants] = useState(false);
  const close = useMutation({
    mutationFn: () => openRolesApi.close(orgId, role.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: openRolesKeys.list(orgId) }),
  });
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{role.title}</h3>
      <p className="muted">
        {t('openRoles.employer.fromProfile', { name: role.role.name })}
        {role.location && <> · {role.location}</>} ·{' '}
        {t('openRoles.published', { date: formatDate(role.publishedAt, i18n.language) })}
      </p>
      {role.description && <p style={PLAIN_TEXT}>{role.description}</p>}
      <p>{t('openRoles.employer.applications', { count: role.applications })}</p>
      <div className="target-actions">
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={showApplicants}
          aria-label={t(
            showApplicants ? 'openRoles.employer.hideApplicantsOf' : 'openRoles.employer.showApplicantsOf',
            {
              title: role.title,
            },
          )}
          onClick={() => setShowApplicants((shown) => !shown)}
        >
          {showApplicants ? t('openRoles.employer.hideApplicants') : t('openRoles.employer.showApplicants')}
        </button>
        {!confirming && (
          <button
            type="button"
            className="button button--secondary"
            aria-label={t('openRoles.employer.closeNamed', { title: role.title })}
            onClick={() => setConfirming(true)}
          >
            {t('openRoles.employer.close')}
          </button>
        )}
      </div>
      {confirming && (
        <div>
          <p>{t('openRoles.employer.confirmClose', { title: role.title })}</p>
          <div className="target-actions">
            <button type="button" disabled={close.isPending} onClick={() => close.mutate()}>
              {close.isPending ? t('form.submitting') : t('openRoles.employer.confirmYes')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('openRoles.employer.confirmNo')}
            </button>
          </div>
          {close.isError && <Status tone="error">{describeProblem(t, close.error)}</Status>}
        </div>
      )}
      {showApplicants && <Applicants orgId={orgId} role={role} />}
    </article>
  );
}

function Applicants({ orgId, role }: { orgId: string; role: EmployerOpenRole }) {
  const { t } = useTranslation();
  const applicants = useQuery({
    queryKey: openRolesKeys.applications(orgId, role.id),
    queryFn: () => openRolesApi.applications(orgId, role.id),
  });
  if (applicants.isPending) return <Skeleton cards={3} />;
  if (applicants.isError) return <Status tone="error">{describeProblem(t, applicants.error)}</Status>;
  if (applicants.data.items.length === 0) return <p>{t('openRoles.employer.noApplicants')}</p>;
  return (
    <ol className="cards" aria-label={t('openRoles.employer.applicantsOf', { title: role.title })}>
      {applicants.data.items.map((applicant) => (
        <li key={applicant.id}>
          <ApplicantCard applicant={applicant} />
        </li>
      ))}
    </ol>
  );
}

function ApplicantCard({ applicant }: { applicant: Applicant }) {
  const { t, i18n } = useTranslation();
  const percent = fitPercent(applicant.fit);
  return (
    <div>
      <h4>{applicant.applicant.name}</h4>
      <p style={PLAIN_TEXT}>
        {applicant.applicant.email && (
          <a href={`mailto:${applicant.applicant.email}`}>{applicant.applicant.email}</a>
        )}
        <span className="muted">
          {' '}
          · {t('openRoles.employer.appliedOn', { date: formatDate(applicant.appliedAt, i18n.language) })}
        </span>
      </p>
      {applicant.message && <p style={PLAIN_TEXT}>{applicant.message}</p>}
      <figure className="coverage">
        <div className="coverage__bar" aria-hidden="true">
          <div className="coverage__fill" style={{ width: `${percent}%` }} />
        </div>
        <figcaption>{t('openRoles.employer.fit', { percent })}</figcaption>
      </figure>
      <h5>{t('openRoles.employer.sharedBadges')}</h5>
      {applicant.badges.length === 0 ? (
        <p>{t('openRoles.employer.noSharedBadges')}</p>
      ) : (
        <ul className="gap-list">
          {applicant.badges.map((badge) => (
            <li key={badge.id}>
              <strong>{badge.name}</strong>
              <span className="muted">
                {' '}
                · {badge.issuer} · {t(`openRoles.state.${badge.state}`, { defaultValue: badge.state })}
              </span>
              {badge.skills.length > 0 && (
                <span className="muted">
                  {' '}
                  ·{' '}
                  {badge.skills
                    .map((skill) =>
                      typeof skill.level === 'number' ? `${skill.name} (${skill.level})` : skill.name,
                    )
                    .join(', ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <GapLists gap={applicant.gap} heldTitle={t('openRoles.employer.heldTitle')} />
    </div>
  );
}
