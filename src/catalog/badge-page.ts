// A badge's public page before anyone earns it (issue #18 item 11): what it says, which skills it aligns to,
// what it takes (courses with their price and time, evidence tasks, other badges), how long it stays valid,
// and who issues it. Published badges only: a draft or archived badge is "not found" to everyone. The
// learner-specific parts (held, in progress, in the cart) are the caller's: this reply is the same for all.
import { latestPublishedVersion, singleRequirements, versionImageUrl } from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { organizationBranding, organizationById } from '../orgs/index.ts';
import type { Skill } from '../skills/index.ts';
import { renderMarkdown } from './markdown.ts';
import { coursesForBadges } from './queries.ts';
import { publishedCourses } from './store.ts';

export interface BadgePageCourse {
  courseId: string;
  title: string;
  estimatedMinutes: number;
  price: { amountMinor: number; currency: string } | null;
  accessDays: number | null;
  /** In the catalog now (published, not archived): a learner can enrol or buy it. */
  available: boolean;
}

export type BadgePageRequirement =
  | ({ kind: 'course' } & BadgePageCourse)
  | { kind: 'evidence'; courseId: string; courseTitle: string; taskTitle: string; available: boolean }
  | { kind: 'badge'; badgeId: string; name: string | null; available: boolean };

export interface BadgePage {
  id: string;
  name: string;
  description: string;
  /** The criteria narrative (Markdown) and the same rendered to safe HTML. */
  criteria: string;
  criteriaHtml: string;
  imageUrl: string;
  version: number;
  level: string | null;
  publishedAt: Date;
  skills: Skill[];
  requirements: { required: number | null; items: BadgePageRequirement[] };
  /** Sum of the required courses' estimates (n of m: the n shortest), as published. */
  estimatedMinutes: number;
  /** null: never expires; renewable by retaking the courses whenever it expires. */
  validityDays: number | null;
  issuer: {
    id: string;
    slug: string;
    name: string;
    websiteUrl: string | null;
    description: string | null;
    logoUrl: string | null;
  };
}

export async function badgePage(deps: Deps, badgeId: string): Promise<BadgePage> {
  const version = await latestPublishedVersion(deps.db, badgeId);
  const org = version ? await organizationById(deps.db, version.orgId) : undefined;
  if (!version || !org) throw new NotFoundError('badge');
  // Grade requirements (work in an LMS) show in the criteria only; groups list their courses, tasks and badges.
  const items = singleRequirements(version.requirements).flatMap((req) =>
    req.kind === 'grade' ? [] : [req],
  );
  const courseIds = [...new Set(items.flatMap((req) => (req.kind === 'badge' ? [] : [req.courseId])))];
  const [facts, listed, requiredBadges] = await Promise.all([
    coursesForBadges(deps.db, courseIds),
    Promise.all(courseIds.map((courseId) => publishedCourses(deps.db, { courseId, limit: 1 }))),
    Promise.all(
      items.flatMap((req) => (req.kind === 'badge' ? [latestPublishedVersion(deps.db, req.badgeId)] : [])),
    ),
  ]);
  const inCatalog = new Map(listed.flat().map((row) => [row.courseId, row]));
  const badgeNames = new Map(requiredBadges.flatMap((v) => (v ? [[v.badgeId, v.name]] : [])));
  const requirements = items.map((req): BadgePageRequirement => {
    if (req.kind === 'badge') {
      const name = badgeNames.get(req.badgeId) ?? null;
      return { kind: 'badge', badgeId: req.badgeId, name, available: name !== null };
    }
    const course = facts.get(req.courseId);
    const row = inCatalog.get(req.courseId);
    const title = row?.title ?? course?.title ?? '';
    if (req.kind === 'evidence') {
      const task = course?.evidenceUnits?.find((unit) => unit.id === req.unitId);
      return {
        kind: 'evidence',
        courseId: req.courseId,
        courseTitle: title,
        taskTitle: task?.title ?? '',
        available: row !== undefined,
      };
    }
    return {
      kind: 'course',
      courseId: req.courseId,
      title,
      estimatedMinutes: row?.estimatedMinutes ?? course?.estimatedMinutes ?? 0,
      price:
        row && row.priceMinor !== null && row.currency !== null
          ? { amountMinor: row.priceMinor, currency: row.currency }
          : null,
      accessDays: row?.accessDays ?? null,
      available: row !== undefined,
    };
  });
  return {
    id: version.badgeId,
    name: version.name,
    description: version.description,
    criteria: version.criteriaNarrative,
    criteriaHtml: renderMarkdown(version.criteriaNarrative),
    imageUrl: versionImageUrl(deps, version),
    version: version.number,
    level: version.level,
    publishedAt: version.publishedAt,
    skills: version.skills,
    requirements: { required: version.requirements.required, items: requirements },
    estimatedMinutes: version.estimatedMinutes,
    validityDays: version.validityDays,
    issuer: {
      id: org.id,
      slug: org.slug,
      name: org.name,
      websiteUrl: org.websiteUrl,
      description: org.description,
      logoUrl: organizationBranding.present(org).logoUrl,
    },
  };
}
