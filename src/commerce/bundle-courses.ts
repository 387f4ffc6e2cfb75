// Which courses make up a badge's bundle: the courses its latest published version requires (course and
// evidence requirements) and, for a pathway badge, the courses of the badges it requires, recursively —
// each course once, in the order the requirements name them.
import { type BadgeVersionRow, latestPublishedVersion, singleRequirements } from '../badges/index.ts';
import type { Executor } from '../db/database.ts';
import { type CoursePriceRow, publishedCoursePrices } from './offers-store.ts';

/** Publishing refuses cycles; this bounds the walk anyway (the depth badges allow for pathways). */
const MAX_DEPTH = 8;

/**
 * The course ids a badge version needs, its required badges' courses included. A required badge of
 * another organization, or one no longer published, adds nothing: an issuer sells only its own courses.
 */
export async function requiredCourseIds(db: Executor, version: BadgeVersionRow): Promise<string[]> {
  const courseIds = new Set<string>();
  const visited = new Set<string>([version.badgeId]);
  const walk = async (current: BadgeVersionRow, depth: number): Promise<void> => {
    for (const req of singleRequirements(current.requirements)) {
      if (req.kind === 'grade') continue;
      if (req.kind !== 'badge') {
        courseIds.add(req.courseId);
        continue;
      }
      if (visited.has(req.badgeId) || depth >= MAX_DEPTH) continue;
      visited.add(req.badgeId);
      const required = await latestPublishedVersion(db, req.badgeId);
      if (required && required.orgId === version.orgId) await walk(required, depth + 1);
    }
  };
  await walk(version, 0);
  return [...courseIds];
}

/** The published courses of a published badge's bundle, in order; undefined when the badge is not published. */
export async function badgeCourses(
  db: Executor,
  badgeId: string,
): Promise<{ version: BadgeVersionRow; courses: CoursePriceRow[] } | undefined> {
  const version = await latestPublishedVersion(db, badgeId);
  if (!version) return undefined;
  const courseIds = await requiredCourseIds(db, version);
  const rows = new Map((await publishedCoursePrices(db, courseIds)).map((row) => [row.id, row]));
  return { version, courses: courseIds.flatMap((id) => rows.get(id) ?? []) };
}
