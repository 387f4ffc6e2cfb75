// The reads behind the badge progress page (progress.ts): what the learner did (enrolments with their units
// done, completions, accepted evidence), the published badges that count any of it, and the titles and
// estimates of the courses and badges those badges require.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

interface EnrolmentFacts {
  courseId: string;
  accessUntil: Date;
  firstOpenedAt: Date | null;
  unitsDone: number;
  unitsTotal: number;
}

interface LearnerFacts {
  completions: Map<string, Date[]>;
  acceptedEvidence: Map<string, Date[]>;
  /** The newest enrolment per course. */
  latestEnrolment: Map<string, EnrolmentFacts>;
}

function push(map: Map<string, Date[]>, key: string, date: Date): void {
  map.set(key, [...(map.get(key) ?? []), date]);
}

export async function learnerFacts(db: Executor, userId: string): Promise<LearnerFacts> {
  const [enrolments, completions, evidence] = await Promise.all([
    db
      .selectFrom('enrolments as e')
      .innerJoin('courseRevisions as r', 'r.id', 'e.revisionId')
      .select(['e.courseId', 'e.accessUntil', 'e.firstOpenedAt', 'e.attempt'])
      .select(sql<number>`jsonb_array_length(r.units)`.as('unitsTotal'))
      .select((eb) =>
        eb
          .selectFrom('unitProgress as p')
          .select((x) => x.fn.countAll<number>().as('n'))
          .whereRef('p.enrolmentId', '=', 'e.id')
          .where('p.completedAt', 'is not', null)
          .as('unitsDone'),
      )
      .where('e.userId', '=', userId)
      .orderBy('e.attempt')
      .execute(),
    db.selectFrom('completions').select(['courseId', 'completedAt']).where('userId', '=', userId).execute(),
    db
      .selectFrom('evidenceSubmissions as s')
      .innerJoin('enrolments as e', 'e.id', 's.enrolmentId')
      .select(['e.courseId', 's.unitId', 's.reviewedAt', 's.submittedAt'])
      .where('s.userId', '=', userId)
      .where('s.status', '=', 'accepted')
      .execute(),
  ]);
  const facts: LearnerFacts = {
    completions: new Map(),
    acceptedEvidence: new Map(),
    latestEnrolment: new Map(),
  };
  for (const e of enrolments) {
    facts.latestEnrolment.set(e.courseId, {
      ...e,
      unitsDone: Number(e.unitsDone ?? 0),
      unitsTotal: Number(e.unitsTotal),
    });
  }
  for (const c of completions) push(facts.completions, c.courseId, c.completedAt);
  for (const s of evidence)
    push(facts.acceptedEvidence, `${s.courseId}:${s.unitId}`, s.reviewedAt ?? s.submittedAt);
  return facts;
}

/** Published badges (their latest version) counting a course of the learner or a badge they hold. */
export async function candidateBadges(
  db: Executor,
  courseIds: string[],
  heldIds: string[],
  listedIds: string[],
  gradedLineItemIds: string[] = [],
) {
  if (courseIds.length + heldIds.length + listedIds.length + gradedLineItemIds.length === 0) return [];
  const none = ['00000000-0000-0000-0000-000000000000'];
  const or = (ids: string[]) => (ids.length > 0 ? ids : none);
  return db
    .selectFrom('badges as b')
    .innerJoin('badgeVersions as v', 'v.id', 'b.latestVersionId')
    .innerJoin('organizations as o', 'o.id', 'b.orgId')
    .selectAll('v')
    .select(['o.name as issuerName', 'o.slug as issuerSlug'])
    .where('b.state', '=', 'published')
    .where((eb) =>
      eb.or([
        eb('b.id', 'in', or(listedIds)),
        eb.exists(
          eb
            .selectFrom('badgeRequirementIndex as i')
            .select('i.badgeVersionId')
            .whereRef('i.badgeVersionId', '=', 'v.id')
            .where((x) =>
              x.or([
                x.and([x('i.kind', 'in', ['course', 'evidence']), x('i.targetId', 'in', or(courseIds))]),
                x.and([x('i.kind', '=', 'badge'), x('i.targetId', 'in', or(heldIds))]),
                x.and([x('i.kind', '=', 'grade'), x('i.targetId', 'in', or(gradedLineItemIds))]),
              ]),
            ),
        ),
      ]),
    )
    .orderBy('v.name')
    .execute();
}

export async function coursesInfo(db: Executor, courseIds: string[]) {
  if (courseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('courses as c')
    .leftJoin('courseRevisions as r', 'r.id', 'c.latestRevisionId')
    .select(['c.id', 'c.state', 'c.title as draftTitle', 'r.title', 'r.estimatedMinutes', 'r.units'])
    .where('c.id', 'in', courseIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export async function badgesInfo(db: Executor, badgeIds: string[]) {
  if (badgeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('badges as b')
    .leftJoin('badgeVersions as v', 'v.id', 'b.latestVersionId')
    .select(['b.id', 'b.name', 'v.name as publishedName', 'v.estimatedMinutes'])
    .where('b.id', 'in', badgeIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export type CandidateBadge = Awaited<ReturnType<typeof candidateBadges>>[number];
