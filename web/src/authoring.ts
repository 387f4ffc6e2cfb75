// Course authoring in the app: the API's authored course, the editor's draft of it (strings as the inputs
// hold them), and the conversions both ways. The API's shapes come from the OpenAPI description.
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';
import type { EvidenceTask, QuestionType } from './learning.ts';
import { decimalText, type ParsedAmount, parseAmount } from './money.ts';
import { filledIn, type SkillDraft, skillDraft, skillInput } from './skills.ts';

/** A course as its authors see it: details, the units with their answers, the latest published revision. */
export type AuthoredCourse = ApiResult<'getOrgsByOrgIdCoursesByCourseId'>;
export type CourseState = AuthoredCourse['state'];
type ApiUnit = Item<AuthoredCourse['units']>;
type ApiQuestion = Item<Extract<ApiUnit, { kind: 'assessment' }>['questions']>;
export type NewCourseInput = Pick<
  ApiBody<'postOrgsByOrgIdCourses'>,
  'title' | 'summary' | 'estimatedMinutes'
>;

// The editor's drafts below are the app's own: every field as its input holds it (text), converted both ways.
export interface OptionDraft {
  key: string;
  id?: string;
  text: string;
  correct: boolean;
  feedback: string;
}

export interface QuestionDraft {
  key: string;
  id?: string;
  type: QuestionType;
  prompt: string;
  options: OptionDraft[];
  answer: string;
  tolerance: string;
  feedbackCorrect: string;
  feedbackIncorrect: string;
}

export interface LevelDraft {
  key: string;
  label: string;
  points: string;
}

export interface CriterionDraft {
  key: string;
  criterion: string;
  levels: LevelDraft[];
}

export interface UnitDraft {
  key: string;
  id?: string;
  kind: 'lesson' | 'assessment' | 'evidence';
  title: string;
  markdown: string;
  questions: QuestionDraft[];
  /** How many questions each attempt draws; empty: all of them. */
  draw: string;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  task: EvidenceTask;
  instructions: string;
  needsReview: boolean;
  attendanceCode: string;
  rubric: CriterionDraft[];
}

export interface CourseDraft {
  title: string;
  summary: string;
  estimatedMinutes: string;
  skills: SkillDraft[];
  accessDays: string;
  activityCodePrefix: string;
  /** A decimal ("45.00"); empty: free. */
  price: string;
  currency: string;
  units: UnitDraft[];
}

let nextKey = 0;
/** React keys for rows the author adds, moves and removes. */
export const newKey = () => `k${++nextKey}`;

/**
 * Ids for new units, questions and options, given here rather than by the server: an autosaved draft
 * then needs nothing back from the save, so the editor never replaces what the author is typing in.
 */
export function newContentId(prefix: 'u' | 'q' | 'o'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `${prefix}_${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')}`;
}

export const newOption = (): OptionDraft => ({
  key: newKey(),
  id: newContentId('o'),
  text: '',
  correct: false,
  feedback: '',
});
export const newQuestion = (): QuestionDraft => ({
  key: newKey(),
  id: newContentId('q'),
  type: 'single-choice',
  prompt: '',
  options: [newOption(), newOption()],
  answer: '',
  tolerance: '0',
  feedbackCorrect: '',
  feedbackIncorrect: '',
});
export const newLevel = (): LevelDraft => ({ key: newKey(), label: '', points: '' });
export const newCriterion = (): CriterionDraft => ({
  key: newKey(),
  criterion: '',
  levels: [newLevel(), newLevel()],
});
export const newUnit = (kind: UnitDraft['kind']): UnitDraft => ({
  key: newKey(),
  id: newContentId('u'),
  kind,
  title: '',
  markdown: '',
  questions: kind === 'assessment' ? [newQuestion()] : [],
  draw: '',
  shuffleQuestions: false,
  shuffleOptions: false,
  task: 'essay',
  instructions: '',
  needsReview: true,
  attendanceCode: '',
  rubric: [],
});

function questionDraft(q: ApiQuestion): QuestionDraft {
  const draft: QuestionDraft = { ...newQuestion(), id: q.id, type: q.type, prompt: q.prompt, options: [] };
  if ('options' in q) {
    return {
      ...draft,
      options: q.options.map((o) => ({
        key: newKey(),
        id: o.id,
        text: o.text,
        correct: o.correct,
        feedback: o.feedback ?? '',
      })),
    };
  }
  return {
    ...draft,
    answer: q.type === 'short-text' ? q.acceptedAnswers.join('\n') : String(q.answer),
    tolerance: String(q.type === 'numeric' ? q.tolerance : 0),
    feedbackCorrect: q.feedback.correct ?? '',
    feedbackIncorrect: q.feedback.incorrect ?? '',
  };
}

function unitDraft(u: ApiUnit): UnitDraft {
  const draft: UnitDraft = { ...newUnit(u.kind), id: u.id, title: u.title };
  switch (u.kind) {
    case 'lesson':
      return { ...draft, markdown: u.markdown };
    case 'assessment':
      return {
        ...draft,
        questions: u.questions.map(questionDraft),
        draw: u.draw ? String(u.draw) : '',
        shuffleQuestions: u.shuffleQuestions ?? false,
        shuffleOptions: u.shuffleOptions ?? false,
      };
    case 'evidence':
      return {
        ...draft,
        task: u.task,
        instructions: u.instructions,
        needsReview: u.needsReview,
        attendanceCode: u.attendanceCode ?? '',
        rubric: u.rubric.map((c) => ({
          key: newKey(),
          criterion: c.criterion,
          levels: c.levels.map((l) => ({ key: newKey(), label: l.label, points: String(l.points) })),
        })),
      };
  }
}

export function toDraft(course: AuthoredCourse): CourseDraft {
  return {
    title: course.title,
    summary: course.summary,
    estimatedMinutes: String(course.estimatedMinutes),
    skills: course.skills.map(skillDraft),
    accessDays: String(course.accessDays),
    activityCodePrefix: course.activityCodePrefix ?? '',
    price: decimalPriceOf(course),
    currency: course.price?.currency ?? 'EUR',
    units: course.units.map(unitDraft),
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));

function questionInput(q: QuestionDraft): Record<string, unknown> {
  const base = { ...(q.id ? { id: q.id } : {}), type: q.type, prompt: q.prompt };
  const feedback = { correct: orNull(q.feedbackCorrect), incorrect: orNull(q.feedbackIncorrect) };
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return {
        ...base,
        options: q.options.map((o) => ({
          ...(o.id ? { id: o.id } : {}),
          text: o.text,
          correct: o.correct,
          feedback: orNull(o.feedback),
        })),
      };
    case 'true-false':
      return { ...base, answer: q.answer === 'true', feedback };
    case 'numeric':
      return { ...base, answer: numberOf(q.answer), tolerance: numberOf(q.tolerance) || 0, feedback };
    case 'short-text':
      return {
        ...base,
        acceptedAnswers: q.answer
          .split('\n')
          .map((a) => a.trim())
          .filter(Boolean),
        feedback,
      };
  }
}

function unitInput(u: UnitDraft): Record<string, unknown> {
  const base = { ...(u.id ? { id: u.id } : {}), kind: u.kind, title: u.title };
  if (u.kind === 'lesson') return { ...base, markdown: u.markdown };
  if (u.kind === 'assessment') {
    const draw = numberOf(u.draw);
    return {
      ...base,
      questions: u.questions.map(questionInput),
      // Not a number: sent as typed, so the API names the field instead of the draft turning to "all".
      draw: u.draw.trim() === '' ? null : Number.isFinite(draw) ? draw : u.draw,
      shuffleQuestions: u.shuffleQuestions,
      shuffleOptions: u.shuffleOptions,
    };
  }
  return {
    ...base,
    task: u.task,
    instructions: u.instructions,
    needsReview: u.needsReview,
    attendanceCode: u.task === 'attendance-code' ? orNull(u.attendanceCode) : null,
    // File uploads take PDFs and images up to 10 MB from this editor; the API allows finer rules.
    upload: u.task === 'file-upload' ? { types: ['pdf', 'png', 'jpeg'], maxMegabytes: 10 } : null,
    rubric: u.rubric.map((c) => ({
      criterion: c.criterion,
      levels: c.levels.map((l) => ({ label: l.label, points: numberOf(l.points) })),
    })),
  };
}

/** The course's price as the editor's price field shows it ("45.00"; empty: free). */
export function decimalPriceOf(course: AuthoredCourse): string {
  return course.price ? decimalText(course.price.amountMinor, course.price.currency) : '';
}

/** The draft's price read without floats: null when empty or zero (a free course). */
export function priceOfDraft(
  draft: CourseDraft,
):
  | { ok: true; price: { amountMinor: number; currency: string } | null }
  | Extract<ParsedAmount, { ok: false }> {
  if (!draft.price.trim()) return { ok: true, price: null };
  const currency = draft.currency.trim().toUpperCase();
  const parsed = parseAmount(draft.price, currency);
  if (!parsed.ok) return parsed;
  return { ok: true, price: parsed.minor > 0 ? { amountMinor: parsed.minor, currency } : null };
}

/**
 * The PATCH body: details and the whole ordered list of units (a price that does not parse is left out). Not
 * typed as the API's body on purpose: a value the author mistyped goes as typed, so the API names its field.
 */
export function toCourseInput(draft: CourseDraft): Record<string, unknown> {
  const price = priceOfDraft(draft);
  return {
    ...(price.ok ? { price: price.price } : {}),
    title: draft.title,
    summary: draft.summary,
    estimatedMinutes: numberOf(draft.estimatedMinutes),
    skills: draft.skills.filter(filledIn).map(skillInput),
    accessDays: numberOf(draft.accessDays),
    activityCodePrefix: orNull(draft.activityCodePrefix.toUpperCase()),
    units: draft.units.map(unitInput),
  };
}

/** A unit as the preview shows it: what a learner sees (questions without answers). */
export type CoursePreview = ApiResult<'getOrgsByOrgIdCoursesByCourseIdPreview'>;
export type PreviewUnit = Item<CoursePreview['units']>;

const base = (orgId: string) => `/api/v1/orgs/${orgId}/courses`;

export const authoringApi = {
  list: (orgId: string) => api<ApiResult<'getOrgsByOrgIdCourses'>>(base(orgId)),
  create: (orgId: string, input: NewCourseInput) =>
    api<AuthoredCourse>(base(orgId), { method: 'POST', body: { ...input, units: [] } }),
  get: (orgId: string, courseId: string) => api<AuthoredCourse>(`${base(orgId)}/${courseId}`),
  save: (orgId: string, courseId: string, body: Record<string, unknown>) =>
    api<AuthoredCourse>(`${base(orgId)}/${courseId}`, { method: 'PATCH', body }),
  preview: (orgId: string, courseId: string) => api<CoursePreview>(`${base(orgId)}/${courseId}/preview`),
  publish: (orgId: string, courseId: string) =>
    api<AuthoredCourse>(`${base(orgId)}/${courseId}/publish`, { method: 'POST' }),
  archive: (orgId: string, courseId: string) =>
    api<AuthoredCourse>(`${base(orgId)}/${courseId}/archive`, { method: 'POST' }),
};

export const authoringKeys = {
  list: (orgId: string) => ['authoring', orgId] as const,
  course: (orgId: string, courseId: string) => ['authoring', orgId, courseId] as const,
};

/** A copy of `list` with the item at `index` replaced (editor state is never mutated in place). */
export function replaceAt<T>(list: T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}
