// The course editor (/issue/courses/:courseId): details, the skills it teaches, the ordered units, save,
// preview, publish and archive, on one page. The API checks everything at once; its problems are listed at the top and tied to
// their fields (the fields are named by the API's paths).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../../api.ts';
import {
  type AuthoredCourse,
  authoringApi,
  authoringKeys,
  type CourseDraft,
  newUnit,
  priceOfDraft,
  toCourseInput,
  toDraft,
  type UnitDraft,
} from '../../authoring.ts';
import { ErrorSummary, type FormProblem } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem, type FieldErrors } from '../../forms.ts';
import { SkillsFields } from '../badges/SkillsFields.tsx';
import { amountProblem } from '../sell/amount-problem.ts';
import { CourseBasicsFields } from './CourseBasicsFields.tsx';
import { RequireAuthor } from './Courses.tsx';
import { UnitEditor } from './UnitEditor.tsx';

export function CourseEditorPage() {
  const { courseId = '' } = useParams();
  return <RequireAuthor>{(orgId) => <LoadCourse orgId={orgId} courseId={courseId} />}</RequireAuthor>;
}

function LoadCourse({ orgId, courseId }: { orgId: string; courseId: string }) {
  const { t } = useTranslation();
  const course = useQuery({
    queryKey: authoringKeys.course(orgId, courseId),
    queryFn: () => authoringApi.get(orgId, courseId),
  });
  if (course.isPending) return <Skeleton fields={5} />;
  if (course.isError) {
    return (
      <Page title={t('authoring.editTitle')}>
        <Status tone="error">{describeProblem(t, course.error)}</Status>
        <p>
          <Link to="/issue/courses">{t('authoring.backToCourses')}</Link>
        </p>
      </Page>
    );
  }
  return <Editor orgId={orgId} initial={course.data} />;
}

/** "units.1.questions.0.prompt" → "Unit 2, question 1, prompt", for the error summary. */
function describePath(t: TFunction, path: string): string {
  const parts = path.split('.');
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    if (
      next !== undefined &&
      /^\d+$/.test(next) &&
      ['units', 'questions', 'options', 'rubric', 'levels', 'skills'].includes(part)
    ) {
      words.push(t(`authoring.pathPart.${part}`, { number: Number(next) + 1 }));
      i++;
    } else words.push(t(`authoring.pathField.${part}`, { defaultValue: part }));
  }
  return words.join(', ');
}

function problemsOf(t: TFunction, error: unknown): { fields: FieldErrors; summary: FormProblem[] } {
  if (!(error instanceof ApiProblem) || error.errors.length === 0)
    return { fields: {}, summary: [{ message: describeProblem(t, error) }] };
  const fields: FieldErrors = {};
  const summary: FormProblem[] = [];
  for (const [path, message] of Object.entries(error.fieldErrors())) {
    fields[path] = message;
    const where = describePath(t, path);
    summary.push(
      document.getElementById(`field-${path}`)
        ? { field: path, message: `${where}: ${message}` }
        : { message: `${where}: ${message}` },
    );
  }
  return { fields, summary };
}

function Editor({ orgId, initial }: { orgId: string; initial: AuthoredCourse }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [course, setCourse] = useState(initial);
  const [draft, setDraft] = useState<CourseDraft>(() => toDraft(initial));
  const [errors, setErrors] = useState<{ fields: FieldErrors; summary: FormProblem[] }>({
    fields: {},
    summary: [],
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState<Awaited<ReturnType<typeof authoringApi.preview>> | null>(null);

  const saved = async (next: AuthoredCourse, message: string) => {
    setCourse(next);
    setDraft(toDraft(next));
    setErrors({ fields: {}, summary: [] });
    setNotice(message);
    queryClient.setQueryData(authoringKeys.course(orgId, next.id), next);
    await queryClient.invalidateQueries({ queryKey: authoringKeys.list(orgId), exact: true });
  };
  const failed = (error: unknown) => {
    setNotice(null);
    setErrors(problemsOf(t, error));
  };
  /** The PATCH body, or a problem naming the price field when the price cannot be read. */
  const input = () => {
    const price = priceOfDraft(draft);
    if (!price.ok) {
      const message = amountProblem(t, price.problem, draft.currency.trim().toUpperCase());
      throw new ApiProblem({
        type: '/problems/invalid',
        title: 'Invalid request',
        status: 400,
        errors: [{ path: 'body.price.amountMinor', message }],
      });
    }
    return toCourseInput(draft);
  };
  const save = useMutation({
    mutationFn: () => authoringApi.save(orgId, course.id, input()),
    onSuccess: (next) => saved(next, t('authoring.saved')),
    onError: failed,
  });
  const publish = useMutation({
    // Publishing takes the stored draft: save the editor's state first so nothing typed is left out.
    mutationFn: async () => {
      await authoringApi.save(orgId, course.id, input());
      return authoringApi.publish(orgId, course.id);
    },
    onSuccess: (next) => saved(next, t('authoring.published', { revision: next.latestRevision })),
    onError: failed,
  });
  const archive = useMutation({
    mutationFn: () => authoringApi.archive(orgId, course.id),
    onSuccess: (next) => saved(next, t('authoring.archived')),
    onError: failed,
  });
  const showPreview = useMutation({
    mutationFn: async () => {
      await authoringApi.save(orgId, course.id, input()).then((next) => saved(next, t('authoring.saved')));
      return authoringApi.preview(orgId, course.id);
    },
    onSuccess: setPreview,
    onError: failed,
  });
  const busy = save.isPending || publish.isPending || archive.isPending || showPreview.isPending;

  const setUnits = (units: UnitDraft[]) => setDraft((d) => ({ ...d, units }));
  const move = (index: number, by: -1 | 1) => {
    const units = [...draft.units];
    const [unit] = units.splice(index, 1);
    if (unit) units.splice(index + by, 0, unit);
    setUnits(units);
  };
  const set = (field: Exclude<keyof CourseDraft, 'units' | 'skills'>) => (value: string) =>
    setDraft((d) => ({ ...d, [field]: value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Page title={t('authoring.editing', { title: course.title })}>
      <p>
        <Link to="/issue/courses">{t('authoring.backToCourses')}</Link>
      </p>
      <p>
        {t('authoring.stateLine', { state: t(`courseState.${course.state}`) })}{' '}
        {course.latestRevision !== null && t('authoring.revisionLine', { revision: course.latestRevision })}
      </p>
      {course.state === 'published' && (
        <p>
          <Link to={`/catalog/${course.id}`}>{t('authoring.viewInCatalog')}</Link>
        </p>
      )}
      <div aria-live="polite">{notice && <p className="status status--success">{notice}</p>}</div>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.summary} />
        <h2>{t('authoring.details')}</h2>
        {course.latestRevision !== null && <p className="status">{t('authoring.liveOnSave')}</p>}
        <CourseBasicsFields values={draft} set={set} errors={errors.fields} />
        <Field
          name="accessDays"
          label={t('authoring.accessDays')}
          hint={t('authoring.accessDaysHint')}
          value={draft.accessDays}
          onChange={set('accessDays')}
          error={errors.fields.accessDays}
        />
        <fieldset>
          <legend>{t('authoring.priceLegend')}</legend>
          <Field
            name="price.amountMinor"
            label={t('authoring.price')}
            hint={t('authoring.priceHint')}
            required={false}
            value={draft.price}
            onChange={set('price')}
            error={errors.fields['price.amountMinor'] ?? errors.fields.price}
          />
          <Field
            name="price.currency"
            label={t('sell.currency')}
            hint={t('sell.currencyHint')}
            value={draft.currency}
            onChange={set('currency')}
            error={errors.fields['price.currency']}
          />
        </fieldset>
        <Field
          name="activityCodePrefix"
          label={t('authoring.activityCodePrefix')}
          hint={t('authoring.activityCodePrefixHint')}
          required={false}
          value={draft.activityCodePrefix}
          onChange={set('activityCodePrefix')}
          error={errors.fields.activityCodePrefix}
        />
        <SkillsFields
          skills={draft.skills}
          errors={errors.fields}
          onChange={(skills) => setDraft((d) => ({ ...d, skills }))}
          hint={t('authoring.skillsHint')}
        />
        <h2>{t('authoring.units')}</h2>
        {draft.units.length === 0 && <p>{t('authoring.noUnits')}</p>}
        {errors.fields.units && <p className="field__error">{errors.fields.units}</p>}
        {draft.units.map((unit, index) => (
          <UnitEditor
            key={unit.key}
            unit={unit}
            index={index}
            count={draft.units.length}
            imageTarget={{ orgId, courseId: initial.id }}
            errors={errors.fields}
            onChange={(changed) => setUnits(draft.units.map((u, i) => (i === index ? changed : u)))}
            onMove={(by) => move(index, by)}
            onRemove={() => setUnits(draft.units.filter((_, i) => i !== index))}
          />
        ))}
        <div className="actions">
          {(['lesson', 'assessment', 'evidence'] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              className="button button--secondary"
              onClick={() => setUnits([...draft.units, newUnit(kind)])}
            >
              {t(`authoring.add.${kind}`)}
            </button>
          ))}
        </div>
        <div className="actions editor-actions">
          <button type="submit" disabled={busy}>
            {save.isPending ? t('form.submitting') : t('authoring.save')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => showPreview.mutate()}
          >
            {t('authoring.preview')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => publish.mutate()}>
            {publish.isPending ? t('form.submitting') : t('authoring.publish')}
          </button>
          {course.state === 'published' && (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => archive.mutate()}
            >
              {t('authoring.archive')}
            </button>
          )}
        </div>
      </form>
      {preview && (
        <section aria-labelledby="preview-title" className="preview">
          <h2 id="preview-title">{t('authoring.previewTitle')}</h2>
          {preview.units.map((unit) => (
            <article key={unit.id}>
              <h3>{unit.title}</h3>
              {unit.html !== undefined && (
                <div
                  className="lesson"
                  // Lesson HTML is rendered from Markdown and sanitized by the server (src/catalog/markdown.ts).
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitized lesson HTML, see above
                  dangerouslySetInnerHTML={{ __html: unit.html }}
                />
              )}
              {unit.html === undefined && <p className="muted">{t(`unitKind.${unit.kind}`)}</p>}
            </article>
          ))}
        </section>
      )}
    </Page>
  );
}
