// What a badge's requirements point at: the organization's own courses, badges and LMS line items they
// name, read together for a set of requirements; their names and minutes for the badge's narrative and
// estimate, and the problems of targets that a draft or a published version may not name.
import { type CourseForBadge, coursesForBadges } from '../catalog/index.ts';
import type { Executor } from '../db/database.ts';
import type { FieldProblem } from '../errors.ts';
import { type LineItemView, lineItemsByIds } from '../gradebook/index.ts';
import { type BadgeRow, type BadgeVersionRow, badgesByIds, versionsByIds } from './definition-store.ts';
import {
  type NarrativeNames,
  type Requirement,
  type Requirements,
  type SingleRequirement,
  singleRequirements,
} from './model.ts';

/** The courses, badges and LMS line items some requirements name, limited to this organization's own. */
export interface Targets {
  courses: Map<string, CourseForBadge>;
  badges: Map<string, { badge: BadgeRow; version: BadgeVersionRow | undefined }>;
  lineItems: Map<string, LineItemView>;
}

export async function targetsOf(db: Executor, orgId: string, sets: Requirements[]): Promise<Targets> {
  const items = sets.flatMap(singleRequirements);
  const courseIds = items.flatMap((r) => ('courseId' in r ? [r.courseId] : []));
  const badgeIds = items.flatMap((r) => (r.kind === 'badge' ? [r.badgeId] : []));
  const lineItemIds = [...new Set(items.flatMap((r) => (r.kind === 'grade' ? [r.lineItemId] : [])))];
  const lineItems = (await lineItemsByIds(db, lineItemIds)).filter((l) => l.orgId === orgId);
  const courses = [...(await coursesForBadges(db, courseIds)).values()].filter((c) => c.orgId === orgId);
  const badges = (await badgesByIds(db, badgeIds)).filter((b) => b.orgId === orgId);
  const versions = await versionsByIds(
    db,
    badges.flatMap((b) => (b.latestVersionId ? [b.latestVersionId] : [])),
  );
  const versionById = new Map(versions.map((v) => [v.id, v]));
  return {
    courses: new Map(courses.map((c) => [c.id, c])),
    badges: new Map(
      badges.map((b) => [
        b.id,
        { badge: b, version: b.latestVersionId ? versionById.get(b.latestVersionId) : undefined },
      ]),
    ),
    lineItems: new Map(lineItems.map((l) => [l.id, l])),
  };
}

export function namesOf(targets: Targets): NarrativeNames {
  return {
    course: (courseId) => targets.courses.get(courseId)?.title ?? 'an unknown course',
    unit: (courseId, unitId) =>
      targets.courses.get(courseId)?.evidenceUnits?.find((u) => u.id === unitId)?.title ?? unitId,
    badge: (badgeId) => {
      const target = targets.badges.get(badgeId);
      return target?.version?.name ?? target?.badge.name ?? 'an unknown badge';
    },
    lineItem: (lineItemId) => targets.lineItems.get(lineItemId)?.label ?? 'an unknown LMS grade item',
  };
}

/** Courses count with their newest estimate (an evidence task: its course's); badges with their version's;
 * grades (work in the LMS) with none; a group with all its items, or its quickest one. */
export const minutesOf =
  (targets: Targets) =>
  (req: Requirement): number => {
    if (req.kind === 'group') {
      const each = req.items.map(minutesOf(targets));
      return req.mode === 'all' ? each.reduce((a, b) => a + b, 0) : Math.min(...each);
    }
    if (req.kind === 'grade') return 0;
    return req.kind === 'badge'
      ? (targets.badges.get(req.badgeId)?.version?.estimatedMinutes ?? 0)
      : (targets.courses.get(req.courseId)?.estimatedMinutes ?? 0);
  };

/** Problems of the targets: a draft may name its organization's own courses and badges only; a
 * published version only published ones, and evidence tasks of the course's newest revision. */
export function targetProblems(reqs: Requirements, targets: Targets, publishing: boolean): FieldProblem[] {
  return reqs.items.flatMap((req, i): FieldProblem[] =>
    req.kind === 'group'
      ? req.items.flatMap((item, j) =>
          targetProblemsOf(item, `requirements.items.${i}.items.${j}`, targets, publishing),
        )
      : targetProblemsOf(req, `requirements.items.${i}`, targets, publishing),
  );
}

function targetProblemsOf(
  req: SingleRequirement,
  path: string,
  targets: Targets,
  publishing: boolean,
): FieldProblem[] {
  if (req.kind === 'grade') {
    return targets.lineItems.has(req.lineItemId)
      ? []
      : [{ path, message: 'no such LMS line item in this organization', code: 'unknown-line-item' }];
  }
  if (req.kind === 'badge') {
    const target = targets.badges.get(req.badgeId)?.badge;
    if (!target) return [{ path, message: 'no such badge in this organization', code: 'unknown-badge' }];
    if (publishing && target.state !== 'published')
      return [
        {
          path,
          message: `the badge "${target.name}" is not published`,
          code: 'badge-not-published',
          params: { name: target.name },
        },
      ];
    return [];
  }
  const course = targets.courses.get(req.courseId);
  if (!course) return [{ path, message: 'no such course in this organization', code: 'unknown-course' }];
  if (!publishing) return [];
  if (course.state !== 'published')
    return [
      {
        path,
        message: `the course "${course.title}" is not published`,
        code: 'course-not-published',
        params: { title: course.title },
      },
    ];
  if (req.kind === 'evidence' && !course.evidenceUnits?.some((u) => u.id === req.unitId))
    return [
      {
        path,
        message: `the course "${course.title}" has no evidence task "${req.unitId}"`,
        code: 'no-such-evidence-task',
        params: { title: course.title, unitId: req.unitId },
      },
    ];
  return [];
}
