// The issuer's badges (/issue/badges): drafts, published and archived, with links to their awards, and a
// form to draft a new one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type Badge, badgeKeys, badgesApi, DEFAULT_VALIDITY_DAYS } from '../../badges.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { TextArea } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { checkRequired, describeProblem, onlyErrors, useFormErrors } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { RequireAuthor } from '../issue/Courses.tsx';

export function BadgesPage() {
  return <RequireAuthor>{(orgId) => <Badges orgId={orgId} />}</RequireAuthor>;
}

function Badges({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation();
  const badges = useQuery({ queryKey: badgeKeys.list(orgId), queryFn: () => badgesApi.list(orgId) });
  return (
    <Page title={t('badges.title')}>
      <p>
        <Link to="/issue">{t('authoring.backToDashboard')}</Link> ·{' '}
        <Link to="/issue/awards">{t('awards.title')}</Link>
      </p>
      {badges.isPending && <Skeleton rows={4} />}
      {badges.isError && <Status tone="error">{describeProblem(t, badges.error)}</Status>}
      {badges.data && badges.data.items.length === 0 && <p>{t('badges.none')}</p>}
      {badges.data && badges.data.items.length > 0 && (
        <TableRegion caption={t('badges.listCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('badges.name')}</th>
              <th scope="col">{t('badges.state')}</th>
              <th scope="col">{t('badges.version')}</th>
              <th scope="col">{t('badges.updated')}</th>
              <th scope="col">{t('badges.awardsColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {badges.data.items.map((badge: Badge) => (
              <tr key={badge.id}>
                <th scope="row">
                  <Link to={`/issue/badges/${badge.id}`}>{badge.name}</Link>
                </th>
                <td>{t(`badgeState.${badge.state}`)}</td>
                <td>{badge.latestVersion?.number ?? '—'}</td>
                <td>{formatDate(badge.updatedAt, i18n.language)}</td>
                <td>
                  {badge.state === 'published' ? (
                    <Link
                      to={`/issue/awards?badgeId=${badge.id}`}
                      aria-label={t('badges.awardsOf', { name: badge.name })}
                    >
                      {t('badges.awardsLink')}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      <NewBadge orgId={orgId} />
    </Page>
  );
}

const FIELDS = ['name', 'description'] as const;

function NewBadge({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [values, setValues] = useState({ name: '', description: '' });
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const create = useMutation({
    mutationFn: () =>
      badgesApi.create(orgId, {
        name: values.name.trim(),
        description: values.description.trim(),
        validityDays: DEFAULT_VALIDITY_DAYS,
        requirements: { items: [], required: null },
      }),
    onSuccess: async (badge) => {
      await queryClient.invalidateQueries({ queryKey: badgeKeys.list(orgId) });
      navigate(`/issue/badges/${badge.id}`);
    },
    onError: (error) => errors.setFromProblem(t, error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = onlyErrors({
      name: checkRequired(t, values.name, t('badges.name')),
      description: checkRequired(t, values.description, t('badges.description')),
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    create.mutate();
  };
  return (
    <section aria-labelledby="new-badge-title">
      <h2 id="new-badge-title">{t('badges.newBadge')}</h2>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        <Field
          name="name"
          label={t('badges.name')}
          value={values.name}
          onChange={set('name')}
          error={errors.fields.name}
        />
        <TextArea
          name="description"
          label={t('badges.description')}
          rows={3}
          value={values.description}
          onChange={set('description')}
          error={errors.fields.description}
        />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('form.submitting') : t('badges.create')}
        </button>
      </form>
    </section>
  );
}
