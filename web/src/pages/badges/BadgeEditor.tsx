// The badge editor (/issue/badges/:badgeId): details, criteria (written, or generated from the
// requirements), skills, what the credential discloses, level, validity, requirements, image and colours;
// save, publish, archive. The API checks everything at once; its problems are listed at the top and tied to
// their fields by path.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../../api.ts';
import { type Badge, badgeKeys, badgesApi, type Disclose, hoursAndMinutes } from '../../badges.ts';
import { ErrorSummary, type FormProblem } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { CheckboxField, InputField, TextArea } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { describeProblem, type FieldErrors } from '../../forms.ts';
import { RequireAuthor } from '../issue/Courses.tsx';
import { BadgeImageFields } from './BadgeImageFields.tsx';
import { type BadgeDraft, draftProblems, toDraft, toInput } from './badge-draft.ts';
import { RequirementsFields } from './RequirementsFields.tsx';
import { SkillsFields } from './SkillsFields.tsx';
import './badges.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function BadgeEditorPage() {
  const { badgeId = '' } = useParams();
  return <RequireAuthor>{(orgId) => <LoadBadge orgId={orgId} badgeId={badgeId} />}</RequireAuthor>;
}

function LoadBadge({ orgId, badgeId }: { orgId: string; badgeId: string }) {
  const { t } = useTranslation();
  const badge = useQuery({
    queryKey: badgeKeys.badge(orgId, badgeId),
    queryFn: () => badgesApi.get(orgId, badgeId),
  });
  if (badge.isPending) return <Skeleton fields={5} />;
  if (badge.isError) {
    return (
      <Page title={t('badgeEditor.title')}>
        <Status tone="error">{describeProblem(t, badge.error)}</Status>
        <p>
          <Link to="/issue/badges">{t('badgeEditor.backToBadges')}</Link>
        </p>
      </Page>
    );
  }
  return <Editor orgId={orgId} initial={badge.data} />;
}

/** "requirements.items.1" → "Requirement 2"; "skills.0.url" → "Skill 1, URL", for the error summary. */
function describePath(t: TFunction, path: string): string {
  const parts = path.split('.');
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next) && ['items', 'skills'].includes(part)) {
      words.push(t(`badgeEditor.pathPart.${part}`, { number: Number(next) + 1 }));
      i++;
    } else words.push(t(`badgeEditor.pathField.${part}`, { defaultValue: part }));
  }
  return words.join(', ');
}

function problemsOf(t: TFunction, error: unknown): { fields: FieldErrors; summary: FormProblem[] } {
  if (!(error instanceof ApiProblem) || error.errors.length === 0)
    return {
      fields: {},
      summary: [
        { message: error instanceof ApiProblem && error.detail ? error.detail : describeProblem(t, error) },
      ],
    };
  return summaryOf(t, error.fieldErrors());
}

function summaryOf(t: TFunction, fields: FieldErrors): { fields: FieldErrors; summary: FormProblem[] } {
  const summary = Object.entries(fields).map(([path, message]): FormProblem => {
    const text = `${describePath(t, path)}: ${message}`;
    return document.getElementById(`field-${path}`) ? { field: path, message: text } : { message: text };
  });
  return { fields, summary };
}

/** What an earned credential carries of the learner's work (docs/credentials.md, "Results and evidence"). */
function DiscloseFields({ disclose, onChange }: { disclose: Disclose; onChange: (next: Disclose) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset id="field-disclose" tabIndex={-1} className="disclose-fields" aria-describedby="disclose-hint">
      <legend>
        <h2>{t('badgeEditor.disclose')}</h2>
      </legend>
      <p id="disclose-hint" className="field__hint">
        {t('badgeEditor.discloseHint')}
      </p>
      <CheckboxField
        name="disclose.results"
        label={t('badgeEditor.discloseResults')}
        hint={t('badgeEditor.discloseResultsHint')}
        checked={disclose.results}
        onChange={(results) => onChange({ ...disclose, results })}
      />
      <CheckboxField
        name="disclose.evidence"
        label={t('badgeEditor.discloseEvidence')}
        hint={t('badgeEditor.discloseEvidenceHint')}
        checked={disclose.evidence}
        onChange={(evidence) => onChange({ ...disclose, evidence })}
      />
    </fieldset>
  );
}

function Editor({ orgId, initial }: { orgId: string; initial: Badge }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [badge, setBadge] = useState(initial);
  const [draft, setDraft] = useState<BadgeDraft>(() => toDraft(initial));
  const [errors, setErrors] = useState<{ fields: FieldErrors; summary: FormProblem[] }>({
    fields: {},
    summary: [],
  });
  const [notice, setNotice] = useState<string | null>(null);
  const change = (next: Partial<BadgeDraft>) => setDraft((d) => ({ ...d, ...next }));
  const set =
    (field: 'name' | 'description' | 'criteriaNarrative' | 'level' | 'validityYears') => (value: string) =>
      change({ [field]: value });

  const stored = (next: Badge) => {
    setBadge(next);
    queryClient.setQueryData(badgeKeys.badge(orgId, next.id), next);
    void queryClient.invalidateQueries({ queryKey: badgeKeys.list(orgId), exact: true });
  };
  const saved = (next: Badge, message: string) => {
    stored(next);
    setDraft(toDraft(next));
    setErrors({ fields: {}, summary: [] });
    setNotice(message);
  };
  const failed = (error: unknown) => {
    setNotice(null);
    setErrors(problemsOf(t, error));
  };
  /** Checks in the browser first; the API's own checks follow on save. */
  const checked = (): boolean => {
    const found = draftProblems(t, draft);
    if (Object.keys(found).length === 0) return true;
    setNotice(null);
    setErrors(summaryOf(t, found));
    return false;
  };
  const save = useMutation({
    mutationFn: () => badgesApi.save(orgId, badge.id, toInput(draft)),
    onSuccess: (next) => saved(next, t('badgeEditor.saved')),
    onError: failed,
  });
  const publish = useMutation({
    // Publishing takes the stored draft: save the editor's state first so nothing typed is left out.
    mutationFn: async () => {
      await badgesApi.save(orgId, badge.id, toInput(draft));
      return badgesApi.publish(orgId, badge.id);
    },
    onSuccess: (next) =>
      saved(next, t('badgeEditor.published', { version: next.latestVersion?.number ?? 1 })),
    onError: failed,
  });
  const archive = useMutation({
    mutationFn: () => badgesApi.archive(orgId, badge.id),
    onSuccess: (next) => saved(next, t('badgeEditor.archived')),
    onError: failed,
  });
  const busy = save.isPending || publish.isPending || archive.isPending;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (checked()) save.mutate();
  };
  const time = hoursAndMinutes(badge.estimatedMinutes);

  return (
    <Page title={t('badgeEditor.editing', { name: badge.name })}>
      <p>
        <Link to="/issue/badges">{t('badgeEditor.backToBadges')}</Link>
      </p>
      <p>
        {t('badgeEditor.stateLine', { state: t(`badgeState.${badge.state}`) })}{' '}
        {badge.latestVersion && t('badgeEditor.versionLine', { version: badge.latestVersion.number })}{' '}
        {t('badgeEditor.timeLine', time)}
      </p>
      {badge.state === 'published' && (
        <ul className="dashboard-links">
          <li>
            <Link to={`/issue/awards?badgeId=${badge.id}`}>{t('badgeEditor.awardsLink')}</Link>
          </li>
          <li>
            <Link to={`/issue/badges/${badge.id}/bulk`}>{t('badgeEditor.bulkLink')}</Link>
          </li>
        </ul>
      )}
      <div aria-live="polite">{notice && <p className="status status--success">{notice}</p>}</div>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.summary} />
        <h2>{t('badgeEditor.details')}</h2>
        <Field
          name="name"
          label={t('badges.name')}
          value={draft.name}
          onChange={set('name')}
          error={errors.fields.name}
        />
        <TextArea
          name="description"
          label={t('badges.description')}
          rows={3}
          value={draft.description}
          onChange={set('description')}
          error={errors.fields.description}
        />
        <Field
          name="level"
          label={t('badgeEditor.level')}
          hint={t('badgeEditor.levelHint')}
          required={false}
          value={draft.level}
          onChange={set('level')}
          error={errors.fields.level}
        />
        <RequirementsFields
          orgId={orgId}
          badgeId={badge.id}
          draft={draft}
          names={badge.requirementNames}
          errors={errors.fields}
          onChange={change}
        />
        <h2>{t('badgeEditor.criteria')}</h2>
        <TextArea
          name="criteriaNarrative"
          label={t('badgeEditor.criteriaNarrative')}
          hint={t('badgeEditor.criteriaHint')}
          required={false}
          value={draft.criteriaNarrative}
          onChange={set('criteriaNarrative')}
          error={errors.fields.criteriaNarrative}
        />
        <section aria-labelledby="generated-title" className="preview">
          <h3 id="generated-title">{t('badgeEditor.generatedTitle')}</h3>
          <p className="field__hint">{t('badgeEditor.generatedHint')}</p>
          <pre className="pre-wrap">{badge.generatedCriteria}</pre>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => change({ criteriaNarrative: badge.generatedCriteria })}
          >
            {t('badgeEditor.useGenerated')}
          </button>
        </section>
        <SkillsFields
          skills={draft.skills}
          errors={errors.fields}
          onChange={(skills) => change({ skills })}
          hint={t('badgeEditor.skillsHint')}
          offered={badge.courseSkills}
        />
        <DiscloseFields disclose={draft.disclose} onChange={(disclose) => change({ disclose })} />
        <h2>{t('badgeEditor.validity')}</h2>
        <CheckboxField
          name="expires"
          label={t('badgeEditor.expires')}
          hint={t('badgeEditor.expiresHint')}
          checked={draft.expires}
          onChange={(expires) => change({ expires })}
        />
        {draft.expires && (
          <InputField
            name="validityDays"
            inputMode="decimal"
            label={t('badgeEditor.validityYears')}
            hint={t('badgeEditor.validityYearsHint')}
            value={draft.validityYears}
            onChange={set('validityYears')}
            error={errors.fields.validityDays}
          />
        )}
        <CheckboxField
          name="renewAfterAccessEnded"
          label={t('badgeEditor.renewAfterAccessEnded')}
          hint={t('badgeEditor.renewAfterAccessEndedHint')}
          checked={draft.renewAfterAccessEnded}
          onChange={(renewAfterAccessEnded) => change({ renewAfterAccessEnded })}
        />
        <BadgeImageFields
          orgId={orgId}
          badge={badge}
          colors={{ primary: draft.primary, secondary: draft.secondary, customColors: draft.customColors }}
          errors={errors.fields}
          onColors={(colors) => change(colors)}
          onBadge={stored}
        />
        <div className="actions editor-actions">
          <button type="submit" disabled={busy}>
            {save.isPending ? t('form.submitting') : t('badgeEditor.save')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => {
              if (checked()) publish.mutate();
            }}
          >
            {publish.isPending ? t('form.submitting') : t('badgeEditor.publish')}
          </button>
          {badge.state === 'published' && (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => archive.mutate()}
            >
              {t('badgeEditor.archive')}
            </button>
          )}
        </div>
      </form>
    </Page>
  );
}
