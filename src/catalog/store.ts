// SQL of the catalog context: courses (drafts), their revisions, and the published catalog.
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CourseRevisionsTable, CoursesTable } from './tables.ts';

export type CourseRow = Selectable<CoursesTable>;
export type RevisionRow = Selectable<CourseRevisionsTable>;

/** A published course as the catalog shows it: its newest revision plus the course's sale terms. */
export interface PublishedCourseRow extends RevisionRow {
  accessDays: number;
  activityCodePrefix: string | null;
  priceMinor: number | null;
  currency: string | null;
  imageKey: string | null;
  imageAlt: string | null;
  issuerSlug: string;
  issuerName: string;
}

export async function insertCourse(db: Executor, course: Insertable<CoursesTable>): Promise<CourseRow> {
  return db.insertInto('courses').values(course).returningAll().executeTakeFirstOrThrow();
}

export async function findCourse(
  db: Executor,
  orgId: string,
  courseId: string,
): Promise<CourseRow | undefined> {
  return db
    .selectFrom('courses')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', courseId)
    .executeTakeFirst();
}

export async function lockCourse(
  db: Executor,
  orgId: string,
  courseId: string,
): Promise<CourseRow | undefined> {
  return db
    .selectFrom('courses')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', courseId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findCourseById(db: Executor, courseId: string): Promise<CourseRow | undefined> {
  return db.selectFrom('courses').selectAll().where('id', '=', courseId).executeTakeFirst();
}

export async function coursesOf(db: Executor, orgId: string): Promise<CourseRow[]> {
  return db
    .selectFrom('courses')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt', 'desc')
    .execute();
}

export async function updateCourse(
  db: Executor,
  courseId: string,
  changes: Updateable<CoursesTable>,
): Promise<CourseRow> {
  return db
    .updateTable('courses')
    .set(changes)
    .where('id', '=', courseId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertRevision(
  db: Executor,
  revision: Omit<Insertable<CourseRevisionsTable>, 'number'>,
): Promise<RevisionRow> {
  return db
    .insertInto('courseRevisions')
    .values({
      ...revision,
      number: sql<number>`(select coalesce(max(number), 0) + 1 from course_revisions where course_id = ${revision.courseId})`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findRevision(db: Executor, revisionId: string): Promise<RevisionRow | undefined> {
  return db.selectFrom('courseRevisions').selectAll().where('id', '=', revisionId).executeTakeFirst();
}

export async function revisionNumbers(db: Executor, revisionIds: string[]): Promise<Map<string, number>> {
  if (revisionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('courseRevisions')
    .select(['id', 'number'])
    .where('id', 'in', revisionIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}

export interface CatalogFilter {
  q?: string;
  skill?: string;
  orgId?: string;
  maxMinutes?: number;
  free?: boolean;
  limit: number;
  courseId?: string;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Published (not archived, not draft-only) courses, newest revision of each; issuer names joined by the caller. */
export async function publishedCourses(
  db: Executor,
  filter: CatalogFilter,
): Promise<
  Array<
    RevisionRow &
      Pick<
        CourseRow,
        'accessDays' | 'activityCodePrefix' | 'priceMinor' | 'currency' | 'imageKey' | 'imageAlt'
      >
  >
> {
  let query = db
    .selectFrom('courses')
    .innerJoin('courseRevisions as r', 'r.id', 'courses.latestRevisionId')
    .selectAll('r')
    .select([
      'courses.accessDays',
      'courses.activityCodePrefix',
      'courses.priceMinor',
      'courses.currency',
      'courses.imageKey',
      'courses.imageAlt',
    ])
    .where('courses.state', '=', 'published');
  if (filter.courseId) query = query.where('courses.id', '=', filter.courseId);
  if (filter.orgId) query = query.where('courses.orgId', '=', filter.orgId);
  if (filter.maxMinutes) query = query.where('r.estimatedMinutes', '<=', filter.maxMinutes);
  if (filter.free !== undefined) {
    query = query.where('courses.priceMinor', filter.free ? 'is' : 'is not', null);
  }
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) => eb.or([eb('r.title', 'ilike', pattern), eb('r.summary', 'ilike', pattern)]));
  }
  if (filter.skill) {
    const skill = filter.skill.toLowerCase();
    query = query.where(
      sql<boolean>`exists (select 1 from jsonb_array_elements(r.skills) as s(skill) where lower(s.skill ->> 'name') = ${skill})`,
    );
  }
  return query.orderBy('r.title').orderBy('r.id').limit(filter.limit).execute();
}

/** Courses by id with their newest published revision (null columns when never published). */
export async function coursesWithLatestRevision(db: Executor, courseIds: string[]) {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('courses')
    .leftJoin('courseRevisions as r', 'r.id', 'courses.latestRevisionId')
    .select([
      'courses.id',
      'courses.orgId',
      'courses.state',
      'courses.title',
      'courses.estimatedMinutes',
      'courses.skills',
      'r.title as revisionTitle',
      'r.estimatedMinutes as revisionMinutes',
      'r.skills as revisionSkills',
      'r.units as revisionUnits',
    ])
    .where('courses.id', 'in', courseIds)
    .execute();
}
