// A role profile's editor (/employ/roles/:roleId, `new` for a new one): name, description, and the skills the
// role needs, each a framework concept with the level needed (0–7) and its importance (1–5); skills are added
// with the skill picker (concepts only). The API's field problems (`skills.3.level`) show at their field.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { fieldId, InputField, TextArea } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { SkillPicker } from '../../components/SkillPicker.tsx';
import { describeProblem, type FieldErrors, onlyErrors, useFormErrors } from '../../forms.ts';
import { shortCode } from '../../skills.ts';
import {
  ROLE_IMPORTANCES,
  ROLE_LEVEL,
  type RoleFramework,
  type RoleInput,
  type RoleProfile,
  workforceApi,
  workforceKeys,
} from '../../workforce.ts';
import { EmployNav } from './EmployNav.tsx';
import { RequireEmployer } from './People.tsx';
import '../shop/shop.css';
import './employ.css';
import { Skeleton } from '../../components/Skeleton.tsx';

/** A skill as the editor holds it: level and importance as their inputs hold them. */
interface SkillRow {
  framework: RoleFramework;
  code: string;
  label: string;
  level: string;
  importance: string;
}

const DEFAULT_LEVEL = '4';
const DEFAULT_IMPORTANCE = '3';

export function RoleEditorPage() {
  const { roleId = 'new' } = useParams();
  return <RequireEmployer>{(orgId) => <RoleLoader orgId={orgId} roleId={roleId} />}</RequireEmployer>;
}

function RoleLoader({ orgId, roleId }: { orgId: string; roleId: string }) {
  const { t } = useTranslation();
  const isNew = roleId === 'new';
  const [notice, setNotice] = useState<string | null>(null);
  const role = useQuery({
    queryKey: workforceKeys.role(orgId, roleId),
    queryFn: () => workforceApi.role(orgId, roleId),
    enabled: !isNew,
  });
  if (isNew) return <RoleEditor orgId={orgId} profile={null} notice={null} onSaved={setNotice} />;
  if (role.isPending || role.isError)
    return (
      <Page title={t('employRoleEditor.title')}>
        <EmployNav />
        {role.isPending ? (
          <Skeleton fields={4} />
        ) : (
          <Status tone="error">{describeProblem(t, role.error)}</Status>
        )}
      </Page>
    );
  // A fresh form after each save: the server orders the skills (most important first).
  return (
    <RoleEditor
      key={role.data.updatedAt}
      orgId={orgId}
      profile={role.data}
      notice={notice}
      onSaved={setNotice}
    />
  );
}

function rowsOf(role: RoleProfile | null): SkillRow[] {
  return (role?.skills ?? []).map((s) => ({
    framework: s.framework,
    code: s.code,
    label: s.label,
    level: String(s.level),
    importance: String(s.importance),
  }));
}

const skillFields = (count: number) =>
  Array.from({ length: count }, (_, i) => [
    `skills.${i}.code`,
    `skills.${i}.level`,
    `skills.${i}.importance`,
  ]).flat();

/** "Skill 4 (Writing), level": where a problem is, in words. */
function placeOf(t: TFunction, path: string, rows: SkillRow[]): string {
  const match = /^skills\.(\d+)\.(\w+)$/.exec(path);
  if (!match) return t(`employRoleEditor.field.${path}`, { defaultValue: path });
  const index = Number(match[1]);
  return t('employRoleEditor.skillPlace', {
    number: index + 1,
    label: rows[index]?.label ?? '',
    field: t(`employRoleEditor.field.${match[2]}`, { defaultValue: match[2] }),
  });
}

function RoleEditor({
  orgId,
  profile: role,
  notice,
  onSaved,
}: {
  orgId: string;
  profile: RoleProfile | null;
  notice: string | null;
  onSaved: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [rows, setRows] = useState<SkillRow[]>(() => rowsOf(role));
  const [pickNote, setPickNote] = useState<string | null>(null);
  const fields = ['name', 'description', 'skills', ...skillFields(rows.length)];
  const errors = useFormErrors(fields);
  // Field messages carry their place in the summary, so "level: …" says which skill's level. Computed when
  // the errors are set only: a new list would move the focus to the summary again (ErrorSummary).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the places are those of the rows when it failed
  const problems = useMemo(
    () =>
      errors.problems.map((p) =>
        p.field ? { ...p, message: `${placeOf(t, p.field, rows)}: ${p.message}` } : p,
      ),
    [errors.problems],
  );

  const save = useMutation({
    mutationFn: (input: RoleInput) =>
      role ? workforceApi.updateRole(orgId, role.id, input) : workforceApi.createRole(orgId, input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(workforceKeys.role(orgId, saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: workforceKeys.roles(orgId), exact: true });
      onSaved(t('employRoleEditor.saved', { name: saved.name }));
      if (!role) navigate(`/employ/roles/${saved.id}`, { replace: true });
    },
    onError: (error) => errors.setFromProblem(t, error),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSaved(null);
    const found: FieldErrors = onlyErrors({
      name: name.trim() ? undefined : t('employRoleEditor.nameRequired'),
      skills: rows.length === 0 ? t('employRoleEditor.skillsRequired') : undefined,
    });
    rows.forEach((row, i) => {
      const level = Number(row.level.replace(',', '.'));
      if (row.level.trim() === '' || !(level >= ROLE_LEVEL.min && level <= ROLE_LEVEL.max))
        found[`skills.${i}.level`] = t('employRoleEditor.levelInvalid');
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    save.mutate({
      name: name.trim(),
      description: description.trim(),
      skills: rows.map((row) => ({
        framework: row.framework,
        code: row.code,
        level: Number(row.level.replace(',', '.')),
        importance: Number(row.importance),
      })),
    });
  };

  const update = (index: number, change: Partial<SkillRow>) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <Page title={role ? role.name : t('employRoleEditor.newTitle')}>
      <EmployNav />
      <p>
        <Link to="/employ/roles">{t('employRoleEditor.back')}</Link>
      </p>
      <div aria-live="polite">{notice && <Status tone="success">{notice}</Status>}</div>
      {role?.source && (
        <p>
          {t('employRoleEditor.source', {
            title: role.source.title,
            framework: t(`skillPicker.framework.${role.source.framework}`),
            code: role.source.code,
          })}
        </p>
      )}
      {role && role.assigned.length > 0 && (
        <p>{t('employRoleEditor.heldBy', { names: role.assigned.map((a) => a.name).join(', ') })}</p>
      )}
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={problems} />
        <InputField
          name="name"
          label={t('employRoleEditor.name')}
          value={name}
          onChange={setName}
          error={errors.fields.name}
        />
        <TextArea
          name="description"
          label={t('employRoleEditor.description')}
          required={false}
          rows={3}
          value={description}
          onChange={setDescription}
          error={errors.fields.description}
        />
        <section aria-labelledby="role-skills-title">
          <h2 id="role-skills-title">{t('employRoleEditor.skillsTitle')}</h2>
          <p className="field__hint">{t('employRoleEditor.skillsHint')}</p>
          {errors.fields.skills && (
            <p id={fieldId('skills')} tabIndex={-1} className="field__error">
              {errors.fields.skills}
            </p>
          )}
          {rows.length === 0 ? (
            <p>{t('employRoleEditor.noSkills')}</p>
          ) : (
            <ol className="role-skills">
              {rows.map((row, index) => (
                <SkillItem
                  key={`${row.framework}:${row.code}`}
                  row={row}
                  index={index}
                  errors={errors.fields}
                  onChange={(change) => update(index, change)}
                  onRemove={() => setRows((all) => all.filter((_, i) => i !== index))}
                />
              ))}
            </ol>
          )}
          <SkillPicker
            id="role-skill-picker"
            label={t('employRoleEditor.addSkill')}
            hint={t('employRoleEditor.addSkillHint')}
            onPick={(skill) => {
              const concept = skill.concept;
              if (!concept) return setPickNote(t('employRoleEditor.conceptOnly'));
              if (rows.some((r) => r.framework === concept.framework && r.code === concept.code))
                return setPickNote(t('employRoleEditor.alreadyThere', { label: skill.name }));
              setPickNote(t('employRoleEditor.added', { label: skill.name }));
              setRows((all) => [
                ...all,
                { ...concept, label: skill.name, level: DEFAULT_LEVEL, importance: DEFAULT_IMPORTANCE },
              ]);
            }}
          />
          <p className="field__hint" role="status">
            {pickNote}
          </p>
        </section>
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t('form.submitting') : t('employRoleEditor.save')}
        </button>
      </form>
      {role && <DeleteRole orgId={orgId} role={role} />}
    </Page>
  );
}

function SkillItem({
  row,
  index,
  errors,
  onChange,
  onRemove,
}: {
  row: SkillRow;
  index: number;
  errors: FieldErrors;
  onChange: (change: Partial<SkillRow>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const path = (field: string) => `skills.${index}.${field}`;
  const levelId = fieldId(path('level'));
  const importanceId = fieldId(path('importance'));
  const importances: string[] = ROLE_IMPORTANCES.map(String);
  // An occupation's importance may fall between the whole numbers (3.88): kept as it is unless changed.
  if (!importances.includes(row.importance)) importances.push(row.importance);
  const error = (field: string) =>
    errors[path(field)] ? (
      <p id={`${fieldId(path(field))}-error`} className="field__error">
        {errors[path(field)]}
      </p>
    ) : null;
  return (
    <li className="role-skill">
      <div className="role-skill__name">
        <span id={fieldId(path('code'))} tabIndex={-1} className="role-skill__label">
          {row.label}
        </span>
        <span className="employ-muted-line">
          {t(`skillPicker.framework.${row.framework}`)} · {shortCode(row.code)}
        </span>
        {error('code')}
      </div>
      <div className={errors[path('level')] ? 'field field--invalid' : 'field'}>
        <label htmlFor={levelId}>
          {t('employRoleEditor.level')}
          <span className="visually-hidden"> {row.label}</span>
        </label>
        {error('level')}
        <input
          id={levelId}
          type="number"
          inputMode="decimal"
          min={ROLE_LEVEL.min}
          max={ROLE_LEVEL.max}
          step={0.1}
          value={row.level}
          aria-invalid={errors[path('level')] ? true : undefined}
          aria-describedby={errors[path('level')] ? `${levelId}-error` : undefined}
          onChange={(event) => onChange({ level: event.target.value })}
        />
      </div>
      <div className={errors[path('importance')] ? 'field field--invalid' : 'field'}>
        <label htmlFor={importanceId}>
          {t('employRoleEditor.importance')}
          <span className="visually-hidden"> {row.label}</span>
        </label>
        {error('importance')}
        <select
          id={importanceId}
          value={row.importance}
          aria-invalid={errors[path('importance')] ? true : undefined}
          aria-describedby={errors[path('importance')] ? `${importanceId}-error` : undefined}
          onChange={(event) => onChange({ importance: event.target.value })}
        >
          {importances.map((value) => (
            <option key={value} value={value}>
              {t(`employRoleEditor.importanceName.${value}`, { defaultValue: value })}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button button--secondary" onClick={onRemove}>
        {t('employRoleEditor.remove')}
        <span className="visually-hidden"> {row.label}</span>
      </button>
    </li>
  );
}

function DeleteRole({ orgId, role }: { orgId: string; role: RoleProfile }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => workforceApi.deleteRole(orgId, role.id),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: workforceKeys.role(orgId, role.id) });
      await queryClient.invalidateQueries({ queryKey: workforceKeys.roles(orgId), exact: true });
      navigate('/employ/roles');
    },
  });
  return (
    <section aria-labelledby="delete-role-title" className="employ-danger">
      <h2 id="delete-role-title">{t('employRoleEditor.deleteTitle')}</h2>
      {confirming ? (
        <>
          <p>{t('employRoleEditor.confirmDelete', { name: role.name, count: role.assigned.length })}</p>
          <button
            type="button"
            className="button"
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            {remove.isPending ? t('form.submitting') : t('employRoleEditor.yesDelete')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            {t('employRoleEditor.keep')}
          </button>
        </>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          {t('employRoleEditor.delete')}
        </button>
      )}
      {remove.isError && (
        <p className="field__error" role="alert">
          {describeProblem(t, remove.error)}
        </p>
      )}
    </section>
  );
}
