// One person at the employer (/employ/people/:employeeId): name, status, the badges they share now (each a
// SharedBadgeItem, which leaves room for controls beside it), and the role profiles they hold, changed with
// a list of checkboxes. A person who does not share (any more) is said to, nothing else is shown.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { useFormErrors } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import {
  type Person,
  type RoleProfile,
  type SharedBadge,
  workforceApi,
  workforceKeys,
} from '../../workforce.ts';
import { EmployNav } from './EmployNav.tsx';
import { EndorseControl } from './EndorseControl.tsx';
import { personName, RequireEmployer, sharingSummary } from './People.tsx';
import '../shop/shop.css';
import './employ.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function PersonPage() {
  const { employeeId = '' } = useParams();
  return <RequireEmployer>{(orgId) => <PersonView orgId={orgId} employeeId={employeeId} />}</RequireEmployer>;
}

function PersonView({ orgId, employeeId }: { orgId: string; employeeId: string }) {
  const { t, i18n } = useTranslation();
  // One request for one person: null (a 404) once they withdrew or were removed, or for an unknown id.
  const found = useQuery({
    queryKey: workforceKeys.person(orgId, employeeId),
    queryFn: () => workforceApi.person(orgId, employeeId),
  });
  const person = found.data ?? undefined;
  const title = person ? personName(person) : t('employPerson.title');
  return (
    <Page title={title}>
      <EmployNav />
      <p>
        <Link to="/employ/people">{t('employPerson.back')}</Link>
      </p>
      {found.isPending && <Skeleton lines={3} />}
      {found.isError && <Status tone="error">{t('employPerson.loadFailed')}</Status>}
      {found.isSuccess && !person && <p className="lead">{t('employPerson.notSharing')}</p>}
      {person && (
        <>
          <dl className="facts employ-facts">
            <dt>{t('employPeople.statusLabel')}</dt>
            <dd>{t(`employPeople.status.${person.status}`)}</dd>
            <dt>{t('employPerson.address')}</dt>
            <dd>{person.email}</dd>
            <dt>{t('employPeople.sharingLabel')}</dt>
            <dd>{sharingSummary(t, person)}</dd>
            <dt>{t('employPeople.invited')}</dt>
            <dd>{formatDate(person.invitedAt, i18n.language)}</dd>
            {person.acceptedAt && (
              <>
                <dt>{t('employPeople.accepted')}</dt>
                <dd>{formatDate(person.acceptedAt, i18n.language)}</dd>
              </>
            )}
          </dl>
          <SharedBadges orgId={orgId} person={person} />
          {person.status === 'active' && <PersonRoles orgId={orgId} employeeId={person.id} />}
        </>
      )}
    </Page>
  );
}

function SharedBadges({ orgId, person }: { orgId: string; person: Person }) {
  const { t } = useTranslation();
  const badges = useQuery({
    queryKey: workforceKeys.badges(orgId, person.id),
    queryFn: () => workforceApi.badges(orgId, person.id),
  });
  return (
    <section aria-labelledby="shared-title">
      <h2 id="shared-title">{t('employPerson.sharedTitle')}</h2>
      {badges.isPending && <Skeleton cards={2} />}
      {badges.isError && <Status tone="error">{t('employPerson.loadFailed')}</Status>}
      {badges.data === null && <p>{t('employPerson.notSharing')}</p>}
      {badges.data && badges.data.length === 0 && <p>{t('employPerson.nothingShared')}</p>}
      {badges.data && badges.data.length > 0 && (
        <ul className="shared-badges">
          {badges.data.map((badge) => (
            <li key={`${badge.kind}:${badge.id}`}>
              <SharedBadgeItem badge={badge}>
                {badge.kind === 'award' && (
                  <EndorseControl orgId={orgId} employeeId={person.id} awardId={badge.id} />
                )}
              </SharedBadgeItem>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * One badge a person shares: name, issuer, dates, state and skills with their levels. `children` are shown
 * beside it (a control about this badge, such as an endorsement).
 */
export function SharedBadgeItem({ badge, children }: { badge: SharedBadge; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const state = t(`employPerson.state.${badge.state}`, { defaultValue: badge.state });
  return (
    <article className="shared-badge" aria-labelledby={`shared-badge-${badge.id}`}>
      <div className="shared-badge__body">
        <h3 id={`shared-badge-${badge.id}`}>{badge.name}</h3>
        <p className="shared-badge__meta">
          {[
            badge.issuer ? t('employPerson.issuedBy', { issuer: badge.issuer }) : undefined,
            t('employPerson.issuedOn', { date: formatDate(badge.issuedAt, i18n.language) }),
            badge.validUntil
              ? t('employPerson.validUntil', { date: formatDate(badge.validUntil, i18n.language) })
              : undefined,
            badge.kind === 'import' ? t('employPerson.imported') : undefined,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <p>
          {t('employPerson.stateLabel')} <strong>{state}</strong>
        </p>
        {badge.skills.length > 0 && (
          <ul className="employ-tags" aria-label={t('employPerson.skillsOf', { badge: badge.name })}>
            {badge.skills.map((skill) => (
              <li key={skill.concept ? `${skill.concept.framework}:${skill.concept.code}` : skill.name}>
                {skill.level === undefined
                  ? skill.name
                  : t('employPerson.skillLevel', { skill: skill.name, level: skill.level })}
              </li>
            ))}
          </ul>
        )}
      </div>
      {children && <div className="shared-badge__actions">{children}</div>}
    </article>
  );
}

function PersonRoles({ orgId, employeeId }: { orgId: string; employeeId: string }) {
  const { t } = useTranslation();
  const roles = useQuery({ queryKey: workforceKeys.roles(orgId), queryFn: () => workforceApi.roles(orgId) });
  return (
    <section aria-labelledby="roles-title">
      <h2 id="roles-title">{t('employPerson.rolesTitle')}</h2>
      {roles.isPending && <Skeleton rows={2} />}
      {roles.isError && <Status tone="error">{t('employPerson.loadFailed')}</Status>}
      {roles.data && roles.data.length === 0 && (
        <p>
          {t('employPerson.noRoles')} <Link to="/employ/roles">{t('employPerson.toRoles')}</Link>
        </p>
      )}
      {roles.data && roles.data.length > 0 && (
        <RolesForm orgId={orgId} employeeId={employeeId} roles={roles.data} />
      )}
    </section>
  );
}

const heldBy = (roles: RoleProfile[], employeeId: string) =>
  roles.filter((role) => role.assigned.some((a) => a.employeeId === employeeId)).map((role) => role.id);

const ROLE_FIELDS = ['roleIds'] as const;

function RolesForm({
  orgId,
  employeeId,
  roles,
}: {
  orgId: string;
  employeeId: string;
  roles: RoleProfile[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors(ROLE_FIELDS);
  const [chosen, setChosen] = useState<string[]>(() => heldBy(roles, employeeId));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => workforceApi.setRoles(orgId, employeeId, chosen),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: workforceKeys.roles(orgId) });
      setSaved(true);
    },
    onError: (error) => errors.setFromProblem(t, error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    errors.clear();
    save.mutate();
  };
  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary problems={errors.problems} />
      <fieldset id="field-roleIds" tabIndex={-1}>
        <legend>{t('employPerson.rolesLegend')}</legend>
        {roles.map((role) => (
          <CheckboxField
            key={role.id}
            id={`role-${role.id}`}
            name="roleIds"
            label={role.name}
            checked={chosen.includes(role.id)}
            onChange={(on) => {
              setSaved(false);
              setChosen((ids) => (on ? [...ids, role.id] : ids.filter((id) => id !== role.id)));
            }}
          />
        ))}
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? t('form.submitting') : t('employPerson.saveRoles')}
      </button>
      <div aria-live="polite">{saved && <Status tone="success">{t('employPerson.rolesSaved')}</Status>}</div>
    </form>
  );
}
