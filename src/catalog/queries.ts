// Reading the published catalog (anyone) and revisions (for the learning context).
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { organizationById, organizationBySlug } from '../orgs/index.ts';
import type { Skill } from '../skills/index.ts';
import type { Unit } from './model.ts';
import {
  type CatalogFilter,
  coursesWithLatestRevision,
  findCourseById,
  findRevision,
  type PublishedCourseRow,
  publishedCourses,
  type RevisionRow,
} from './store.ts';
import type { CourseState } from './tables.ts';

export interface CatalogSearch {
  q?: string;
  skill?: string;
  /** The issuer's slug. */
  issuer?: string;
  maxMinutes?: number;
  free?: boolean;
  limit: number;
}

async function withIssuers(
  executor: Executor,
  rows: Awaited<ReturnType<typeof publishedCourses>>,
): Promise<PublishedCourseRow[]> {
  const orgIds = [...new Set(rows.map((r) => r.orgId))];
  const orgs = new Map(
    (await Promise.all(orgIds.map((id) => organizationById(executor, id)))).flatMap((o) =>
      o ? [[o.id, o]] : [],
    ),
  );
  return rows.map((row) => ({
    ...row,
    issuerSlug: orgs.get(row.orgId)?.slug ?? '',
    issuerName: orgs.get(row.orgId)?.name ?? '',
  }));
}

export async function searchCatalog(deps: Deps, search: CatalogSearch): Promise<PublishedCourseRow[]> {
  const filter: CatalogFilter = { ...search };
  if (search.issuer) {
    const org = await organizationBySlug(deps.db, search.issuer);
    if (!org) return [];
    filter.orgId = org.id;
  }
  return withIssuers(deps.db, await publishedCourses(deps.db, filter));
}

/** The course page: the newest published revision with its units (content stays with the caller). */
export async function publishedCourse(executor: Executor, courseId: string): Promise<PublishedCourseRow> {
  const rows = await withIssuers(executor, await publishedCourses(executor, { courseId, limit: 1 }));
  const row = rows[0];
  if (!row) throw new NotFoundError('course');
  return row;
}

/** The course's prefix for activity codes, whatever its state (an archived course's learners still finish). */
export async function activityCodePrefixOf(executor: Executor, courseId: string): Promise<string | null> {
  const course = await findCourseById(executor, courseId);
  if (!course) throw new NotFoundError('course');
  return course.activityCodePrefix;
}

export interface RevisionContent {
  id: string;
  courseId: string;
  orgId: string;
  number: number;
  title: string;
  estimatedMinutes: number;
  units: Unit[];
}

/** A revision's full content (answers included): for grading, never for a reply as is. */
export async function revisionContent(executor: Executor, revisionId: string): Promise<RevisionContent> {
  const row: RevisionRow | undefined = await findRevision(executor, revisionId);
  if (!row) throw new NotFoundError('course revision');
  return {
    id: row.id,
    courseId: row.courseId,
    orgId: row.orgId,
    number: row.number,
    title: row.title,
    estimatedMinutes: row.estimatedMinutes,
    units: row.units,
  };
}

/** A course as badge requirements see it: its state and, once published, its newest revision's facts. */
export interface CourseForBadge {
  id: string;
  orgId: string;
  state: CourseState;
  /** The newest published title, else the draft's. */
  title: string;
  /** The newest published estimate, else the draft's. */
  estimatedMinutes: number;
  /** Evidence units of the newest published revision; null when never published. */
  evidenceUnits: Array<{ id: string; title: string }> | null;
  /** The skills it teaches: the newest published revision's, else the draft's. */
  skills: Skill[];
}

/** Courses by id, of any organization: the caller checks `orgId`. */
export async function coursesForBadges(
  executor: Executor,
  courseIds: string[],
): Promise<Map<string, CourseForBadge>> {
  const rows = await coursesWithLatestRevision(executor, [...new Set(courseIds)]);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        orgId: row.orgId,
        state: row.state,
        title: row.revisionTitle ?? row.title,
        estimatedMinutes: row.revisionMinutes ?? row.estimatedMinutes,
        evidenceUnits: row.revisionUnits
          ? row.revisionUnits.flatMap((u) => (u.kind === 'evidence' ? [{ id: u.id, title: u.title }] : []))
          : null,
        skills: row.revisionSkills ?? row.skills,
      },
    ]),
  );
}
