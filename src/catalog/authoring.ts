// Authoring use-cases: issuer owners, admins and staff write a course as a draft, publish it as an
// immutable revision (n+1 each time), and archive it out of the catalog.
import type { Deps } from '../deps.ts';
import { ConflictError, InvalidError, NotFoundError } from '../errors.ts';
import { requireScope } from '../identity/index.ts';
import { type ActorOrSystem, type MembershipRole, requireMembership } from '../orgs/index.ts';
import { resolveSkills, type Skill, type SkillInput, sameSkill } from '../skills/index.ts';
import { renderMarkdown } from './markdown.ts';
import {
  newContentId,
  type PublicUnit,
  publicUnit,
  publishProblems,
  type Question,
  type Unit,
  unitProblems,
} from './model.ts';
import type { UnitInput } from './schema.ts';
import {
  type CourseRow,
  coursesOf,
  findCourse,
  insertCourse,
  insertRevision,
  lockCourse,
  revisionNumbers,
  updateCourse,
} from './store.ts';

export const AUTHORS: readonly MembershipRole[] = ['owner', 'admin', 'staff'];

export interface CourseDetails {
  title: string;
  summary: string;
  estimatedMinutes: number;
  /** Skill objects as authors write them (a concept is resolved on save). */
  skills: SkillInput[];
  accessDays: number;
  activityCodePrefix: string | null;
  price: { amountMinor: number; currency: string } | null;
}

export interface AuthoredCourse {
  course: CourseRow;
  latestRevision: number | null;
}

type QuestionInput = Extract<UnitInput, { kind: 'assessment' }>['questions'][number];

function toQuestion(q: QuestionInput): Question {
  const id = q.id ?? newContentId('q');
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return {
        id,
        type: q.type,
        prompt: q.prompt,
        options: q.options.map((o) => ({
          id: o.id ?? newContentId('o'),
          text: o.text,
          correct: o.correct,
          feedback: o.feedback,
        })),
      };
    case 'true-false':
      return { id, type: q.type, prompt: q.prompt, answer: q.answer, feedback: q.feedback };
    case 'numeric':
      return {
        id,
        type: q.type,
        prompt: q.prompt,
        answer: q.answer,
        tolerance: q.tolerance,
        feedback: q.feedback,
      };
    case 'short-text':
      return { id, type: q.type, prompt: q.prompt, acceptedAnswers: q.acceptedAnswers, feedback: q.feedback };
  }
}

/** Gives new units, questions and options their ids and renders lessons once, at save time. */
export function toUnits(inputs: UnitInput[]): Unit[] {
  const units = inputs.map((u): Unit => {
    const id = u.id ?? newContentId('u');
    if (u.kind === 'lesson') return { ...u, id, html: renderMarkdown(u.markdown) };
    if (u.kind === 'assessment') return { ...u, id, questions: u.questions.map(toQuestion) };
    return { ...u, id };
  });
  const problems = unitProblems(units);
  if (problems.length > 0) throw new InvalidError(`The units have ${problems.length} problem(s).`, problems);
  return units;
}

/** Each skill once: a later one with the same concept or name (any case) is dropped. */
const distinctSkills = (skills: readonly Skill[]): Skill[] =>
  skills.filter((skill, i) => !skills.slice(0, i).some((earlier) => sameSkill(earlier, skill)));

/** The columns of the details given; `skills` already resolved. */
const detailsColumns = (d: Omit<Partial<CourseDetails>, 'skills'> & { skills?: Skill[] }) => ({
  ...(d.title !== undefined ? { title: d.title } : {}),
  ...(d.summary !== undefined ? { summary: d.summary } : {}),
  ...(d.estimatedMinutes !== undefined ? { estimatedMinutes: d.estimatedMinutes } : {}),
  ...(d.skills !== undefined ? { skills: JSON.stringify(distinctSkills(d.skills)) } : {}),
  ...(d.accessDays !== undefined ? { accessDays: d.accessDays } : {}),
  ...(d.activityCodePrefix !== undefined ? { activityCodePrefix: d.activityCodePrefix } : {}),
  ...(d.price !== undefined
    ? { priceMinor: d.price?.amountMinor ?? null, currency: d.price?.currency ?? null }
    : {}),
});

/** Seed data acts as 'system': no person, no permission checks. */
type Author = ActorOrSystem | null;

function authorize(actor: Author, orgId: string, write: boolean): void {
  if (actor === 'system') return;
  requireMembership(actor, orgId, AUTHORS);
  if (write) requireScope(actor, 'catalog:write');
}

async function withRevision(deps: Deps, course: CourseRow): Promise<AuthoredCourse> {
  const numbers = await revisionNumbers(deps.db, course.latestRevisionId ? [course.latestRevisionId] : []);
  return {
    course,
    latestRevision: course.latestRevisionId ? (numbers.get(course.latestRevisionId) ?? null) : null,
  };
}

export async function createCourse(
  deps: Deps,
  actor: Author,
  orgId: string,
  input: CourseDetails & { units: UnitInput[] },
): Promise<AuthoredCourse> {
  authorize(actor, orgId, true);
  const units = toUnits(input.units);
  const skills = distinctSkills(await resolveSkills(deps.db, input.skills));
  const course = await insertCourse(deps.db, {
    orgId,
    title: input.title,
    summary: input.summary,
    estimatedMinutes: input.estimatedMinutes,
    accessDays: input.accessDays,
    ...detailsColumns({ ...input, skills }),
    skills: JSON.stringify(skills),
    units: JSON.stringify(units),
    updatedAt: deps.now(),
  });
  return { course, latestRevision: null };
}

/** Edits always go to the draft; learners see them only after the next publish. */
export async function editCourse(
  deps: Deps,
  actor: Author,
  orgId: string,
  courseId: string,
  input: Partial<CourseDetails> & { units?: UnitInput[] },
): Promise<AuthoredCourse> {
  authorize(actor, orgId, true);
  const existing = await findCourse(deps.db, orgId, courseId);
  if (!existing) throw new NotFoundError('course');
  const units = input.units && toUnits(input.units);
  const skills = input.skills && (await resolveSkills(deps.db, input.skills));
  const course = await updateCourse(deps.db, courseId, {
    ...detailsColumns({ ...input, skills }),
    ...(units ? { units: JSON.stringify(units) } : {}),
    updatedAt: deps.now(),
  });
  return withRevision(deps, course);
}

/** The draft, for its authors (read, or write when about to change it). */
export async function authoredCourse(
  deps: Deps,
  actor: Author,
  orgId: string,
  courseId: string,
  write = false,
): Promise<AuthoredCourse> {
  authorize(actor, orgId, write);
  const course = await findCourse(deps.db, orgId, courseId);
  if (!course) throw new NotFoundError('course');
  return withRevision(deps, course);
}

export async function coursesOfIssuer(deps: Deps, actor: Author, orgId: string): Promise<AuthoredCourse[]> {
  authorize(actor, orgId, false);
  const courses = await coursesOf(deps.db, orgId);
  const numbers = await revisionNumbers(
    deps.db,
    courses.flatMap((c) => (c.latestRevisionId ? [c.latestRevisionId] : [])),
  );
  return courses.map((course) => ({
    course,
    latestRevision: course.latestRevisionId ? (numbers.get(course.latestRevisionId) ?? null) : null,
  }));
}

/** The draft as a learner would see it once published: no answers, no feedback, no codes. */
export async function previewCourse(
  deps: Deps,
  actor: Author,
  orgId: string,
  courseId: string,
): Promise<{ course: CourseRow; units: PublicUnit[] }> {
  const { course } = await authoredCourse(deps, actor, orgId, courseId);
  return { course, units: course.units.map(publicUnit) };
}

/** Snapshots the draft as revision n+1; enrolments already started keep the revision they pinned. */
export async function publishCourse(
  deps: Deps,
  actor: Author,
  orgId: string,
  courseId: string,
): Promise<AuthoredCourse> {
  authorize(actor, orgId, true);
  return deps.db.transaction().execute(async (trx) => {
    const draft = await lockCourse(trx, orgId, courseId);
    if (!draft) throw new NotFoundError('course');
    const problems = publishProblems(draft.units);
    if (problems.length > 0) throw new InvalidError('The course is not ready to publish.', problems);
    const revision = await insertRevision(trx, {
      courseId,
      orgId,
      title: draft.title,
      summary: draft.summary,
      estimatedMinutes: draft.estimatedMinutes,
      skills: JSON.stringify(draft.skills),
      units: JSON.stringify(draft.units),
      publishedAt: deps.now(),
    });
    const course = await updateCourse(trx, courseId, {
      state: 'published',
      latestRevisionId: revision.id,
      updatedAt: deps.now(),
    });
    return { course, latestRevision: revision.number };
  });
}

/** Hides the course from the catalog and from new enrolments; learners in progress may finish. */
export async function archiveCourse(
  deps: Deps,
  actor: Author,
  orgId: string,
  courseId: string,
): Promise<AuthoredCourse> {
  authorize(actor, orgId, true);
  const existing = await findCourse(deps.db, orgId, courseId);
  if (!existing) throw new NotFoundError('course');
  if (existing.state === 'draft') {
    throw new ConflictError(
      'A course never published cannot be archived; edit or publish it.',
      'course-not-published',
    );
  }
  return withRevision(
    deps,
    await updateCourse(deps.db, courseId, { state: 'archived', updatedAt: deps.now() }),
  );
}
