// The employer's role profiles (/employ/roles): each with the occupation it started from, how many skills
// it needs and who holds it; a new one starts from an occupation found by its title (its core skills at
// least so important) or from scratch, and opens in the editor.
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InputField } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem, onlyErrors, useFormErrors } from '../../forms.ts';
import { insightsApi, insightsKeys, type OccupationHit } from '../../insights.ts';
import { workforceApi, workforceKeys } from '../../workforce.ts';
import { EmployNav } from './EmployNav.tsx';
import { RequireEmployer } from './People.tsx';
import '../shop/shop.css';
import './employ.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function RolesPage() {
  return <RequireEmployer>{(orgId) => <Roles orgId={orgId} />}</RequireEmployer>;
}

function Roles({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const roles = useQuery({ queryKey: workforceKeys.roles(orgId), queryFn: () => workforceApi.roles(orgId) });
  return (
    <Page title={t('employRoles.title')}>
      <EmployNav />
      <p className="lead">{t('employRoles.intro')}</p>
      {roles.isPending && <Skeleton rows={4} />}
      {roles.isError && <Status tone="error">{describeProblem(t, roles.error)}</Status>}
      {roles.data && roles.data.length === 0 && <p>{t('employRoles.none')}</p>}
      {roles.data && roles.data.length > 0 && (
        <TableRegion caption={t('employRoles.caption')} stack>
          <thead>
            <tr>
              <th scope="col">{t('employRoles.name')}</th>
              <th scope="col">{t('employRoles.source')}</th>
              <th scope="col">{t('employRoles.skills')}</th>
              <th scope="col">{t('employRoles.assigned')}</th>
            </tr>
          </thead>
          <tbody>
            {roles.data.map((role) => (
              <tr key={role.id}>
                <th scope="row">
                  <Link to={`/employ/roles/${role.id}`}>{role.name}</Link>
                </th>
                <td data-label={t('employRoles.source')}>
                  {role.source ? role.source.title : t('employRoles.fromScratch')}
                </td>
                <td data-label={t('employRoles.skills')}>{role.skills.length}</td>
                <td data-label={t('employRoles.assigned')}>
                  {role.assigned.length === 0
                    ? t('employRoles.nobody')
                    : role.assigned.map((person) => person.name).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      <FromOccupation orgId={orgId} />
      <section aria-labelledby="scratch-title">
        <h2 id="scratch-title">{t('employRoles.scratchTitle')}</h2>
        <p>{t('employRoles.scratchIntro')}</p>
        <Link to="/employ/roles/new" className="button">
          {t('employRoles.scratch')}
        </Link>
      </section>
    </Page>
  );
}

/** Search an occupation by title, choose one, then create the profile from its core skills. */
function FromOccupation({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [chosen, setChosen] = useState<OccupationHit | null>(null);
  const hits = useQuery({
    queryKey: insightsKeys.search(q),
    queryFn: () => insightsApi.searchOccupations(q, 10),
    enabled: q !== '',
  });
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    setError(text === '' ? t('employRoles.titleRequired') : undefined);
    setChosen(null);
    setQ(text);
  };
  return (
    <section aria-labelledby="from-occupation-title">
      <h2 id="from-occupation-title">{t('employRoles.fromOccupationTitle')}</h2>
      <search>
        <form className="employ-search" onSubmit={onSearch} aria-label={t('employRoles.searchLabel')}>
          <InputField
            name="occupation-title"
            type="search"
            label={t('employRoles.occupation')}
            hint={t('employRoles.occupationHint')}
            required={false}
            error={error}
            value={draft}
            onChange={setDraft}
          />
          <button type="submit">{t('employRoles.search')}</button>
        </form>
      </search>
      <div aria-live="polite">
        {hits.isFetching && <Skeleton rows={3} />}
        {hits.isError && <Status tone="error">{describeProblem(t, hits.error)}</Status>}
        {hits.data && !hits.isFetching && <p>{t('employRoles.found', { count: hits.data.items.length })}</p>}
      </div>
      {hits.data && hits.data.items.length > 0 && (
        <ul className="employ-hits" aria-label={t('employRoles.results')}>
          {hits.data.items.map((hit) => (
            <li key={`${hit.framework}:${hit.code}`}>
              <span className="employ-hits__title">{hit.title}</span>
              <span className="employ-muted-line">
                {t(`skillPicker.framework.${hit.framework}`)} · {hit.code}
                {hit.matchedTitle.toLowerCase() !== hit.title.toLowerCase() &&
                  ` · ${t('employRoles.alsoCalled', { title: hit.matchedTitle })}`}
              </span>
              <button
                type="button"
                className="button button--secondary"
                aria-pressed={chosen?.code === hit.code && chosen.framework === hit.framework}
                onClick={() => setChosen(hit)}
              >
                {t('employRoles.choose')}
                <span className="visually-hidden"> {hit.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <CreateFromOccupation key={`${chosen.framework}:${chosen.code}`} orgId={orgId} hit={chosen} />
      )}
    </section>
  );
}

// An occupation no longer imported is named at `code`, which has no field here: it shows in the summary.
const CREATE_FIELDS = ['name', 'minImportance'] as const;

function CreateFromOccupation({ orgId, hit }: { orgId: string; hit: OccupationHit }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errors = useFormErrors(CREATE_FIELDS);
  const [name, setName] = useState(hit.title);
  const [minImportance, setMinImportance] = useState('');
  const create = useMutation({
    mutationFn: (min: number | undefined) =>
      workforceApi.createRoleFromOccupation(orgId, {
        framework: hit.framework,
        code: hit.code,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(min === undefined ? {} : { minImportance: min }),
      }),
    onSuccess: (role) => navigate(`/employ/roles/${role.id}`),
    onError: (error) => errors.setFromProblem(t, error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = minImportance.trim().replace(',', '.');
    const min = text === '' ? undefined : Number(text);
    const found = onlyErrors({
      minImportance:
        min !== undefined && !(Number.isFinite(min) && min >= 1 && min <= 5)
          ? t('employRoles.minImportanceInvalid')
          : undefined,
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    create.mutate(min);
  };
  return (
    <form noValidate onSubmit={onSubmit} className="card" aria-labelledby="create-role-title">
      <h3 id="create-role-title">{t('employRoles.createTitle', { title: hit.title })}</h3>
      <ErrorSummary problems={errors.problems} />
      <InputField
        name="name"
        label={t('employRoles.roleName')}
        hint={t('employRoles.roleNameHint')}
        required={false}
        value={name}
        onChange={setName}
        error={errors.fields.name}
      />
      <InputField
        name="minImportance"
        label={t('employRoles.minImportance')}
        hint={t('employRoles.minImportanceHint')}
        inputMode="decimal"
        required={false}
        value={minImportance}
        onChange={setMinImportance}
        error={errors.fields.minImportance}
      />
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? t('form.submitting') : t('employRoles.create')}
      </button>
    </form>
  );
}
