// The seam commerce uses to sell access: a paid purchase opens (or extends) an enrolment for a window of
// days, a refund ends it, and "held" courses (open access or completed) are never sold twice.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { latestEnrolment } from './store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CourseHolding {
  /** Access has not ended yet. */
  open: boolean;
  /** The learner completed the course (in any enrolment). */
  completed: boolean;
  accessUntil: Date | null;
  /** The newest enrolment, if any. */
  enrolmentId: string | null;
  firstOpenedAt: Date | null;
}

/**
 * Opens access for `accessDays` from `now` (the moment of payment). An enrolment whose access is still
 * open is extended (never shortened) instead of opening a second one; otherwise a new attempt starts on
 * the course's newest revision — even when the course was archived after the sale: the money was taken.
 */
export async function grantCourseAccess(
  trx: Executor,
  grant: { userId: string; courseId: string; now: Date; accessDays: number },
): Promise<{ enrolmentId: string; accessUntil: Date }> {
  const until = new Date(grant.now.getTime() + grant.accessDays * DAY_MS);
  const previous = await latestEnrolment(trx, grant.userId, grant.courseId);
  if (previous && previous.accessUntil > grant.now) {
    const extended = await trx
      .updateTable('enrolments')
      .set({ accessUntil: sql<Date>`greatest(access_until, ${until})` })
      .where('id', '=', previous.id)
      .returning(['id', 'accessUntil'])
      .executeTakeFirstOrThrow();
    return { enrolmentId: extended.id, accessUntil: extended.accessUntil };
  }
  // Read here rather than through the catalog's published view: an archived course still opens.
  const course = await trx
    .selectFrom('courses')
    .select(['orgId', 'latestRevisionId'])
    .where('id', '=', grant.courseId)
    .executeTakeFirst();
  if (!course?.latestRevisionId) throw new NotFoundError('published course');
  const enrolment = await trx
    .insertInto('enrolments')
    .values({
      userId: grant.userId,
      courseId: grant.courseId,
      orgId: course.orgId,
      revisionId: course.latestRevisionId,
      attempt: (previous?.attempt ?? 0) + 1,
      enrolledAt: grant.now,
      accessUntil: until,
      firstOpenedAt: null,
      positionUnitId: null,
    })
    .returning(['id', 'accessUntil'])
    .executeTakeFirstOrThrow();
  return { enrolmentId: enrolment.id, accessUntil: enrolment.accessUntil };
}

/** Ends access now (a refund); an enrolment that already ended keeps its earlier end. */
export async function endCourseAccess(trx: Executor, enrolmentId: string, now: Date): Promise<void> {
  await trx
    .updateTable('enrolments')
    .set({ accessUntil: sql<Date>`least(access_until, ${now})` })
    .where('id', '=', enrolmentId)
    .execute();
}

/** What the learner holds of each course: one entry per asked course id, held or not. */
export async function courseHoldings(
  db: Executor,
  userId: string,
  courseIds: string[],
  now: Date,
): Promise<Map<string, CourseHolding>> {
  const ids = [...new Set(courseIds)];
  const holdings = new Map<string, CourseHolding>(
    ids.map((id) => [
      id,
      { open: false, completed: false, accessUntil: null, enrolmentId: null, firstOpenedAt: null },
    ]),
  );
  if (ids.length === 0) return holdings;
  const [latest, completed] = await Promise.all([
    db
      .selectFrom('enrolments')
      .select(['id', 'courseId', 'accessUntil', 'firstOpenedAt'])
      .distinctOn('courseId')
      .where('userId', '=', userId)
      .where('courseId', 'in', ids)
      .orderBy('courseId')
      .orderBy('attempt', 'desc')
      .execute(),
    db
      .selectFrom('completions')
      .select('courseId')
      .distinct()
      .where('userId', '=', userId)
      .where('courseId', 'in', ids)
      .execute(),
  ]);
  for (const e of latest) {
    holdings.set(e.courseId, {
      open: e.accessUntil > now,
      completed: false,
      accessUntil: e.accessUntil,
      enrolmentId: e.id,
      firstOpenedAt: e.firstOpenedAt,
    });
  }
  for (const c of completed) {
    const holding = holdings.get(c.courseId);
    if (holding) holding.completed = true;
  }
  return holdings;
}

/** Access facts of enrolments (refund rules: was it ever opened; the window shown on orders). */
export async function enrolmentAccess(
  db: Executor,
  enrolmentIds: string[],
): Promise<Map<string, { firstOpenedAt: Date | null; accessUntil: Date }>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('enrolments')
    .select(['id', 'firstOpenedAt', 'accessUntil'])
    .where('id', 'in', [...new Set(enrolmentIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { firstOpenedAt: r.firstOpenedAt, accessUntil: r.accessUntil }]));
}
