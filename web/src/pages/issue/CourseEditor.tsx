// The course editor (/issue/courses/:courseId), in sections: an outline of the details and the units on the
// side (a select above the content on a phone), one section at a time in the main area. The draft is saved
// by itself after a pause in typing, with its state on screen; the API checks everything at once and its
// problems are listed at the top, each a link that opens its section and focuses its field.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../../api.ts';
import {
  type AuthoredCourse,
  authoringApi,
  authoringKeys,
  type CourseDraft,
  decimalPriceOf,
  newUnit,
  type PreviewUnit,
  priceOfDraft,
  toCourseInput,
  toDraft,
  type UnitDraft,
} from '../../authoring.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { fieldId } from '../../components/Field.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem } from '../../forms.ts';
import { amountProblem } from '../sell/amount-problem.ts';
import { CourseDetailsFields } from './CourseDetailsFields.tsx';
import { CourseImageField } from './CourseImageField.tsx';
import { CourseOutline, DETAILS } from './CourseOutline.tsx';
import { RequireAuthor } from './Courses.tsx';
import { noProblems, problemCounts, problemsOf, unitIndexOf } from './editor-problems.ts';
import { LeaveGuard } from './LeaveGuard.tsx';
import { SaveStatus } from './SaveState.tsx';
import { UnitEditor } from './UnitEditor.tsx';
import { UnitPreview } from './UnitPreview.tsx';
import { useAutosave } from './useAutosave.ts';
import './course-editor.css';

/** A pause this long after the last change saves the draft. */
const AUTOSAVE_DELAY_MS = 1500;

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

/** The sale terms that are live on save (price, currency, access days, activity code prefix), compared as text. */
function liveTermsOf(draft: CourseDraft): string {
  const price = priceOfDraft(draft);
  return JSON.stringify([
    price.ok ? price.price : draft.price,
    draft.accessDays.trim(),
    draft.activityCodePrefix.trim().toUpperCase(),
  ]);
}

/** The PATCH body as JSON, or the price problem when the price cannot be read (nothing is sent then). */
function bodyOf(draft: CourseDraft): { json: string } | { priceProblem: true } {
  return priceOfDraft(draft).ok ? { json: JSON.stringify(toCourseInput(draft)) } : { priceProblem: true };
}

function Editor({ orgId, initial }: { orgId: string; initial: AuthoredCourse }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [course, setCourse] = useState(initial);
  const [draft, setDraft] = useState<CourseDraft>(() => toDraft(initial));
  const [errors, setErrors] = useState(noProblems);
  const [notice, setNotice] = useState<string | null>(null);
  const [section, setSection] = useState(DETAILS);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewUnit | null>(null);
  // Problems of a save the author asked for take the focus; an autosave's are listed without it.
  const asked = useRef(false);
  const [focusSummary, setFocusSummary] = useState(true);

  const body = useMemo(() => bodyOf(draft), [draft]);
  const snapshot = 'json' in body ? body.json : `price:${draft.price}:${draft.currency}`;

  const stored = useCallback(
    async (next: AuthoredCourse) => {
      setCourse(next);
      setErrors(noProblems);
      // The price as the server keeps it ("45,00" → "45.00"), unless the author is typing in it.
      if (document.activeElement?.id !== fieldId('price.amountMinor')) {
        setDraft((d) => {
          const typed = priceOfDraft(d);
          const same =
            typed.ok &&
            typed.price?.amountMinor === next.price?.amountMinor &&
            typed.price?.currency === next.price?.currency;
          return same ? { ...d, price: decimalPriceOf(next) } : d;
        });
      }
      queryClient.setQueryData(authoringKeys.course(orgId, next.id), next);
      await queryClient.invalidateQueries({ queryKey: authoringKeys.list(orgId), exact: true });
    },
    [orgId, queryClient],
  );
  const save = useCallback(
    async (json: string) => {
      try {
        const price = priceOfDraft(draft);
        if (!price.ok || !json.startsWith('{')) {
          const currency = draft.currency.trim().toUpperCase();
          throw new ApiProblem({
            type: '/problems/invalid',
            title: 'Invalid request',
            status: 400,
            errors: [
              {
                path: 'body.price.amountMinor',
                message: amountProblem(t, price.ok ? 'format' : price.problem, currency),
              },
            ],
          });
        }
        await stored(await authoringApi.save(orgId, course.id, JSON.parse(json)));
      } catch (error) {
        setNotice(null);
        setFocusSummary(asked.current);
        setErrors(problemsOf(t, error));
        throw error;
      }
    },
    [course.id, draft, orgId, stored, t],
  );
  // A published course's sale terms are live as soon as they are saved: a change to them waits for Save
  // (never applied half-typed by autosave); everything else still saves itself.
  const liveTermsChanged =
    course.latestRevision !== null && liveTermsOf(draft) !== liveTermsOf(toDraft(course));
  const autosave = useAutosave(snapshot, save, {
    delayMs: AUTOSAVE_DELAY_MS,
    savedAt: new Date(initial.updatedAt),
    paused: liveTermsChanged,
  });

  /** Saves now, as the author asked (its problems take the focus). */
  const saveAsked = async () => {
    asked.current = true;
    try {
      await autosave.saveNow();
    } finally {
      asked.current = false;
    }
  };
  const saveNow = useMutation({
    mutationFn: saveAsked,
    onSuccess: () => setNotice(t('authoring.saved')),
  });
  const publish = useMutation({
    // Publishing takes the stored draft: save the editor's state first so nothing typed is left out.
    mutationFn: async () => {
      await saveAsked();
      return authoringApi.publish(orgId, course.id);
    },
    onSuccess: async (next) => {
      await stored(next);
      setNotice(t('authoring.published', { revision: next.latestRevision }));
    },
    onError: (error) => {
      setFocusSummary(true);
      setErrors(problemsOf(t, error));
    },
  });
  const archive = useMutation({
    mutationFn: () => authoringApi.archive(orgId, course.id),
    onSuccess: async (next) => {
      await stored(next);
      setNotice(t('authoring.archived'));
    },
    onError: (error) => setErrors(problemsOf(t, error)),
  });
  const showPreview = useMutation({
    mutationFn: async (unitId: string) => {
      await saveAsked();
      const all = await authoringApi.preview(orgId, course.id);
      return all.units.find((u) => u.id === unitId) ?? null;
    },
    onSuccess: setPreview,
  });
  const busy = saveNow.isPending || publish.isPending || archive.isPending || showPreview.isPending;

  const index = draft.units.findIndex((u) => u.key === section);
  const unit = draft.units[index];
  const open = (next: string) => {
    setSection(next);
    setPreview(null);
  };
  const setUnits = (units: UnitDraft[]) => setDraft((d) => ({ ...d, units }));
  const move = (at: number, by: -1 | 1) => {
    const units = [...draft.units];
    const [moved] = units.splice(at, 1);
    if (moved) units.splice(at + by, 0, moved);
    setUnits(units);
  };
  const remove = (at: number) => {
    const units = draft.units.filter((_, i) => i !== at);
    setUnits(units);
    open(units[Math.min(at, units.length - 1)]?.key ?? DETAILS);
  };
  const add = (kind: UnitDraft['kind']) => {
    const added = newUnit(kind);
    setUnits([...draft.units, added]);
    open(added.key);
  };
  const set = (field: Exclude<keyof CourseDraft, 'units' | 'skills'>) => (value: string) =>
    setDraft((d) => ({ ...d, [field]: value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    saveNow.mutate();
  };

  // A problem's link opens the section its field is in, then focuses the field once it is on screen.
  const onSummaryClick = (event: MouseEvent) => {
    const href = (event.target as HTMLElement).closest('a')?.getAttribute('href') ?? '';
    if (!href.startsWith('#field-')) return;
    event.preventDefault();
    event.stopPropagation();
    const path = href.slice('#field-'.length);
    const at = unitIndexOf(path);
    open(at === null ? DETAILS : (draft.units[at]?.key ?? DETAILS));
    setFocusTarget(path);
  };
  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(fieldId(focusTarget))?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

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
      <LeaveGuard unsaved={autosave.dirty} onStay={() => saveAsked().catch(() => undefined)} />
      <SaveStatus state={autosave.state} onRetry={() => saveAsked().catch(() => undefined)} />
      {liveTermsChanged && <p className="status">{t('courseEditor.liveTermsWait')}</p>}
      <div aria-live="polite">{notice && <p className="status status--success">{notice}</p>}</div>
      <div className="course-editor">
        <CourseOutline
          units={draft.units}
          current={unit ? section : DETAILS}
          problems={problemCounts(errors.fields)}
          onSelect={open}
          onAdd={add}
        />
        <form className="course-editor__main" noValidate onSubmit={onSubmit}>
          <div onClickCapture={onSummaryClick}>
            <ErrorSummary problems={errors.summary} takeFocus={focusSummary} />
          </div>
          {unit ? (
            <>
              <UnitEditor
                key={unit.key}
                unit={unit}
                index={index}
                count={draft.units.length}
                imageTarget={{ orgId, courseId: initial.id }}
                errors={errors.fields}
                onChange={(changed) => setUnits(draft.units.map((u, i) => (i === index ? changed : u)))}
                onMove={(by) => move(index, by)}
                onRemove={() => remove(index)}
              />
              <div className="actions">
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={busy}
                  onClick={() => showPreview.mutate(unit.id ?? '')}
                >
                  {t('authoring.preview')}
                </button>
              </div>
              {showPreview.isError && <Status tone="error">{t('courseEditor.preview.failed')}</Status>}
              {preview && preview.id === unit.id && <UnitPreview unit={preview} settings={unit} />}
            </>
          ) : (
            <>
              <h2>{t('authoring.details')}</h2>
              <CourseDetailsFields
                draft={draft}
                published={course.latestRevision !== null}
                errors={errors.fields}
                set={set}
                onSkills={(skills) => setDraft((d) => ({ ...d, skills }))}
              />
              <CourseImageField orgId={orgId} course={course} onSaved={(next) => void stored(next)} />
              {draft.units.length === 0 && <p>{t('authoring.noUnits')}</p>}
              {errors.fields.units && <p className="field__error">{errors.fields.units}</p>}
            </>
          )}
          <div className="actions editor-actions">
            <button type="submit" disabled={busy}>
              {saveNow.isPending ? t('form.submitting') : t('authoring.save')}
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
      </div>
    </Page>
  );
}
