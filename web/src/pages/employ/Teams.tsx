// The employer's teams (/employ/teams): create, rename and delete teams, and choose each team's members
// among the active people (a team lists active people only: someone who withdraws drops out at once).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField, InputField } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { checkRequired, describeProblem, useFormErrors } from '../../forms.ts';
import { type Person, type Team, workforceApi, workforceKeys } from '../../workforce.ts';
import { EmployNav } from './EmployNav.tsx';
import { personName, RequireEmployer } from './People.tsx';
import '../shop/shop.css';
import './employ.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function TeamsPage() {
  return <RequireEmployer>{(orgId) => <Teams orgId={orgId} />}</RequireEmployer>;
}

function Teams({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  const teams = useQuery({ queryKey: workforceKeys.teams(orgId), queryFn: () => workforceApi.teams(orgId) });
  const people = useQuery({
    queryKey: workforceKeys.allPeople(orgId),
    queryFn: () => workforceApi.allPeople(orgId),
  });
  const active = (people.data ?? [])
    .filter((person) => person.status === 'active')
    .sort((a, b) => personName(a).localeCompare(personName(b)));
  return (
    <Page title={t('employTeams.title')}>
      <EmployNav />
      <NewTeam orgId={orgId} onCreated={setNotice} />
      <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
      <section aria-labelledby="teams-title">
        <h2 id="teams-title">{t('employTeams.listTitle')}</h2>
        {(teams.isPending || people.isPending) && <Skeleton rows={3} />}
        {teams.isError && <Status tone="error">{describeProblem(t, teams.error)}</Status>}
        {people.isError && <Status tone="error">{describeProblem(t, people.error)}</Status>}
        {teams.data && teams.data.length === 0 && <p>{t('employTeams.none')}</p>}
        {people.data && active.length === 0 && (
          <p>
            {t('employTeams.nobodyActive')} <Link to="/employ/people">{t('employTeams.toPeople')}</Link>
          </p>
        )}
        {teams.data && people.data && (
          <ul className="employ-teams">
            {teams.data.map((team) => (
              <li key={team.id}>
                <TeamCard orgId={orgId} team={team} active={active} onDone={setNotice} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

const NAME_FIELDS = ['name'] as const;

function NewTeam({ orgId, onCreated }: { orgId: string; onCreated: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors(NAME_FIELDS);
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => workforceApi.createTeam(orgId, name.trim()),
    onSuccess: async (team) => {
      setName('');
      onCreated(t('employTeams.created', { name: team.name }));
      await queryClient.invalidateQueries({ queryKey: workforceKeys.teams(orgId) });
    },
    onError: (error) => errors.setFromProblem(t, error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const missing = checkRequired(t, name, t('employTeams.name'));
    if (missing) return errors.setFieldErrors({ name: missing });
    errors.clear();
    create.mutate();
  };
  return (
    <section aria-labelledby="new-team-title">
      <h2 id="new-team-title">{t('employTeams.newTitle')}</h2>
      <form noValidate onSubmit={onSubmit} className="employ-inline-form">
        <ErrorSummary problems={errors.problems} />
        <InputField
          name="name"
          label={t('employTeams.name')}
          value={name}
          onChange={setName}
          error={errors.fields.name}
        />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('form.submitting') : t('employTeams.create')}
        </button>
      </form>
    </section>
  );
}

function TeamCard({
  orgId,
  team,
  active,
  onDone,
}: {
  orgId: string;
  team: Team;
  active: Person[];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const titleId = `team-${team.id}`;
  return (
    <article className="card employ-team" aria-labelledby={titleId}>
      <h3 id={titleId}>{team.name}</h3>
      <p>
        {team.members.length === 0
          ? t('employTeams.noMembers')
          : t('employTeams.members', {
              count: team.members.length,
              names: team.members.map((m) => m.name).join(', '),
            })}
      </p>
      {active.length > 0 && (
        <MembersForm
          key={team.members.map((m) => m.employeeId).join()}
          orgId={orgId}
          team={team}
          active={active}
          onDone={onDone}
        />
      )}
      <RenameTeam orgId={orgId} team={team} onDone={onDone} />
      <DeleteTeam orgId={orgId} team={team} onDone={onDone} />
    </article>
  );
}

function MembersForm({
  orgId,
  team,
  active,
  onDone,
}: {
  orgId: string;
  team: Team;
  active: Person[];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>(() => team.members.map((m) => m.employeeId));
  const save = useMutation({
    mutationFn: () => workforceApi.setMembers(orgId, team.id, chosen),
    onSuccess: async (saved) => {
      onDone(t('employTeams.membersSaved', { name: saved.name, count: saved.members.length }));
      await queryClient.invalidateQueries({ queryKey: workforceKeys.teams(orgId) });
    },
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <fieldset>
        <legend>{t('employTeams.membersLegend', { name: team.name })}</legend>
        {active.map((person) => (
          <CheckboxField
            key={person.id}
            id={`team-${team.id}-member-${person.id}`}
            name="employeeIds"
            label={personName(person)}
            checked={chosen.includes(person.id)}
            onChange={(on) =>
              setChosen((ids) => (on ? [...ids, person.id] : ids.filter((id) => id !== person.id)))
            }
          />
        ))}
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? t('form.submitting') : t('employTeams.saveMembers')}
        <span className="visually-hidden"> {team.name}</span>
      </button>
      {save.isError && (
        <p className="field__error" role="alert">
          {describeProblem(t, save.error)}
        </p>
      )}
    </form>
  );
}

function RenameTeam({
  orgId,
  team,
  onDone,
}: {
  orgId: string;
  team: Team;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(team.name);
  const [error, setError] = useState<string | undefined>();
  const rename = useMutation({
    mutationFn: () => workforceApi.renameTeam(orgId, team.id, name.trim()),
    onSuccess: async (saved) => {
      setError(undefined);
      onDone(t('employTeams.renamed', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: workforceKeys.teams(orgId) });
    },
    onError: (problem) => setError(describeProblem(t, problem)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const missing = checkRequired(t, name, t('employTeams.name'));
    setError(missing);
    if (!missing) rename.mutate();
  };
  return (
    <details className="employ-rename" open={Boolean(error)}>
      <summary>
        {t('employTeams.rename')}
        <span className="visually-hidden"> {team.name}</span>
      </summary>
      <form noValidate onSubmit={onSubmit} className="employ-inline-form">
        <InputField
          id={`team-${team.id}-name`}
          name="team-name"
          label={t('employTeams.newName')}
          value={name}
          onChange={setName}
          error={error}
        />
        <button type="submit" disabled={rename.isPending}>
          {rename.isPending ? t('form.submitting') : t('employTeams.saveName')}
        </button>
      </form>
    </details>
  );
}

function DeleteTeam({
  orgId,
  team,
  onDone,
}: {
  orgId: string;
  team: Team;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => workforceApi.deleteTeam(orgId, team.id),
    onSuccess: async () => {
      onDone(t('employTeams.deleted', { name: team.name }));
      await queryClient.invalidateQueries({ queryKey: workforceKeys.teams(orgId) });
    },
  });
  return (
    <div className="employ-confirm">
      {confirming ? (
        <>
          <p>{t('employTeams.confirmDelete', { name: team.name })}</p>
          <button
            type="button"
            className="button"
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            {remove.isPending ? t('form.submitting') : t('employTeams.yesDelete')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            {t('employTeams.keep')}
          </button>
        </>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          {t('employTeams.delete')}
          <span className="visually-hidden"> {team.name}</span>
        </button>
      )}
      {remove.isError && (
        <p className="field__error" role="alert">
          {describeProblem(t, remove.error)}
        </p>
      )}
    </div>
  );
}
