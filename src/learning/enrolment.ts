// Enrolling in a course and the learner's own list of courses ("my learning").
import type { RevisionContent } from '../catalog/index.ts';
import { publishedCourse, revisionContent } from '../catalog/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor } from '../identity/index.ts';
import { drawsOf } from './draws.ts';
import { type ProgressFacts, unitStatuses } from './model.ts';
import {
  type AnswerRow,
  type CompletionRow,
  completionsOf,
  type EnrolmentRow,
  enrolmentsOfUser,
  findEnrolment,
  insertEnrolment,
  latestAnswers,
  latestEnrolment,
  latestSubmissions,
  openedUnits,
  type SubmissionRow,
} from './store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface EnrolmentView {
  enrolment: EnrolmentRow;
  revision: RevisionContent;
  facts: ProgressFacts;
  completion: CompletionRow | null;
  expired: boolean;
  /** The newest answer per question and the newest submission per evidence task, as given. */
  answers: AnswerRow[];
  submissions: SubmissionRow[];
}

/**
 * Free courses only; a paid one answers `payment-required`: buying it (commerce) opens access through
 * grantCourseAccess (access.ts), never through this route.
 */
export async function enrol(deps: Deps, actor: Actor | null, courseId: string): Promise<EnrolmentView> {
  const me = requireActor(actor);
  return enrolUser(deps, me.user.id, courseId, null);
}

export interface RenewalEntry {
  /** The badge allows re-entering a paid course without buying it again once access ended. */
  freeAfterAccessEnded: boolean;
}

/**
 * Re-entering a course to renew a badge (the badges context checks the renewal is open): a completed
 * course may be retaken while access lasts, and after access ended the course opens again — without
 * payment when the badge allows it.
 */
export async function enrolForRenewal(
  deps: Deps,
  userId: string,
  courseId: string,
  entry: RenewalEntry,
): Promise<EnrolmentView> {
  return enrolUser(deps, userId, courseId, entry);
}

async function enrolUser(
  deps: Deps,
  userId: string,
  courseId: string,
  renewal: RenewalEntry | null,
): Promise<EnrolmentView> {
  const view = await deps.db
    .transaction()
    .execute(async (trx) => {
      const course = await publishedCourse(trx, courseId);
      const now = deps.now();
      const previous = await latestEnrolment(trx, userId, courseId);
      const open = previous !== undefined && previous.accessUntil > now;
      const free = renewal !== null && previous !== undefined && (open || renewal.freeAfterAccessEnded);
      // Checked before the price: a learner who bought the course is told where their enrolment is.
      if (open && !(renewal && (await completionsOf(trx, { enrolmentIds: [previous.id] })).length > 0)) {
        throw new ConflictError(
          `You are already enrolled in this course (enrolment ${previous.id}).`,
          'already-enrolled',
        );
      }
      if (course.priceMinor !== null && !free) {
        throw new RuleError(
          'payment-required',
          `This course costs ${course.priceMinor} ${course.currency} (minor units); buy it first.`,
        );
      }
      const enrolment = await insertEnrolment(trx, {
        userId,
        courseId,
        attempt: (previous?.attempt ?? 0) + 1,
        orgId: course.orgId,
        // The catalog row is the newest revision: new enrolments pin it.
        revisionId: course.id,
        enrolledAt: now,
        accessUntil: new Date(now.getTime() + course.accessDays * DAY_MS),
        firstOpenedAt: null,
        positionUnitId: null,
      });
      return enrolmentViews(trx, deps.now(), [enrolment]);
    })
    .catch((error: unknown) => {
      // Two enrolments at the same moment compute the same attempt number: the unique key lets one through.
      if ((error as { code?: unknown }).code === '23505') {
        throw new ConflictError('You are already enrolled in this course.', 'already-enrolled');
      }
      throw error;
    });
  return view[0] as EnrolmentView;
}

/** Progress of several enrolments at once (my learning). */
export async function enrolmentViews(
  db: Executor,
  now: Date,
  enrolments: EnrolmentRow[],
): Promise<EnrolmentView[]> {
  const ids = enrolments.map((e) => e.id);
  const [opened, answers, submissions, completions, draws] = await Promise.all([
    openedUnits(db, ids),
    latestAnswers(db, ids),
    latestSubmissions(db, ids),
    completionsOf(db, { enrolmentIds: ids }),
    drawsOf(db, ids),
  ]);
  const revisions = new Map<string, RevisionContent>();
  for (const e of enrolments) {
    if (!revisions.has(e.revisionId)) revisions.set(e.revisionId, await revisionContent(db, e.revisionId));
  }
  return enrolments.map((enrolment) => ({
    enrolment,
    revision: revisions.get(enrolment.revisionId) as RevisionContent,
    facts: {
      opened: new Set(opened.filter((o) => o.enrolmentId === enrolment.id).map((o) => o.unitId)),
      latestCorrect: new Map(
        answers.filter((a) => a.enrolmentId === enrolment.id).map((a) => [a.questionId, a.correct]),
      ),
      evidence: new Map(
        submissions.filter((s) => s.enrolmentId === enrolment.id).map((s) => [s.unitId, s.status]),
      ),
      drawn: new Map(
        draws.filter((d) => d.enrolmentId === enrolment.id).map((d) => [d.unitId, d.questionIds]),
      ),
    },
    completion: completions.find((c) => c.enrolmentId === enrolment.id) ?? null,
    expired: enrolment.accessUntil <= now,
    answers: answers.filter((a) => a.enrolmentId === enrolment.id),
    submissions: submissions.filter((s) => s.enrolmentId === enrolment.id),
  }));
}

export async function myLearning(deps: Deps, actor: Actor | null): Promise<EnrolmentView[]> {
  const me = requireActor(actor);
  return enrolmentViews(deps.db, deps.now(), await enrolmentsOfUser(deps.db, me.user.id));
}

export async function myEnrolment(
  deps: Deps,
  actor: Actor | null,
  enrolmentId: string,
): Promise<EnrolmentView> {
  const me = requireActor(actor);
  const enrolment = await findEnrolment(deps.db, me.user.id, enrolmentId);
  if (!enrolment) throw new NotFoundError('enrolment');
  return (await enrolmentViews(deps.db, deps.now(), [enrolment]))[0] as EnrolmentView;
}

export function progressOf(view: EnrolmentView): { done: number; total: number } {
  const statuses = unitStatuses(view.revision.units, view.facts);
  return { done: statuses.filter((s) => s === 'done').length, total: statuses.length };
}
