// Badges as pure rules: requirements (courses, evidence tasks, other badges; all or "n of m"), whether a
// learner's record satisfies them, progress per requirement, time left, validity and renewal windows,
// and the criteria narrative generated from the requirements. No HTTP, no SQL.

import type { FieldProblem } from '../errors.ts';
import { type Skill, sameSkill } from '../skills/index.ts';
import { barProblems, barText, type GradeBar, type LearnerGrade, reachesBar } from './grade-rules.ts';

/** A badge's skill: the one skill shape of Tessera (src/skills/alignment.ts), shared with courses. */
export type { Skill } from '../skills/index.ts';

export interface BadgeColors {
  /** #rrggbb */
  primary: string;
  secondary: string;
}

/** One thing to do; 'grade': a grade on an LMS line item reaching a bar (grade-rules.ts). */
export type SingleRequirement =
  | { kind: 'course'; courseId: string }
  | { kind: 'evidence'; courseId: string; unitId: string }
  | { kind: 'badge'; badgeId: string }
  | { kind: 'grade'; lineItemId: string; min: GradeBar };

/** "All of" or "any of" a few single requirements (one level: groups do not nest). */
export interface GroupRequirement {
  kind: 'group';
  mode: 'all' | 'any';
  items: SingleRequirement[];
}

export type Requirement = SingleRequirement | GroupRequirement;

export interface Requirements {
  items: Requirement[];
  /** How many of the items are needed; null: all of them. */
  required: number | null;
}

/** Three years: stored as days, read as calendar years (see validUntilOf). */
export const DEFAULT_VALIDITY_DAYS = 1095;
/** A stored validity that is a whole multiple of this many days means that many calendar years. */
const DAYS_PER_YEAR = 365;
/** Renewal opens this many days before expiry (and stays open after it). */
export const RENEWAL_WINDOW_DAYS = 90;
export const REMINDER_DAYS_BEFORE = [90, 30] as const;
const DAY_MS = 86_400_000;

export function requirementKey(req: Requirement): string {
  switch (req.kind) {
    case 'course':
      return `course:${req.courseId}`;
    case 'evidence':
      return `evidence:${req.courseId}:${req.unitId}`;
    case 'badge':
      return `badge:${req.badgeId}`;
    case 'grade':
      return `grade:${req.lineItemId}`;
    case 'group':
      return `group:${req.mode}(${req.items.map(requirementKey).join(',')})`;
  }
}

/** The single requirements of a set, groups opened up (what the engine's index and target checks see). */
export function singleRequirements(reqs: Requirements): SingleRequirement[] {
  return reqs.items.flatMap((req) => (req.kind === 'group' ? req.items : [req]));
}

export function neededCount(reqs: Requirements): number {
  return reqs.required ?? reqs.items.length;
}

/** What a learner has, as far as requirements are concerned. Dates let renewals count only recent work. */
export interface LearnerRecord {
  /** Course id → completion dates (a course can be completed again after re-enrolment). */
  completions: ReadonlyMap<string, readonly Date[]>;
  /** `courseId:unitId` → dates evidence was accepted. */
  acceptedEvidence: ReadonlyMap<string, readonly Date[]>;
  /** Badge ids the learner holds (a current, not revoked, not expired award). */
  heldBadges: ReadonlySet<string>;
  /** LMS line item id → the learner's latest grade on it (absent: no grades known). */
  grades?: ReadonlyMap<string, LearnerGrade>;
}

function doneSince(dates: readonly Date[] | undefined, since: Date | null): boolean {
  if (!dates || dates.length === 0) return false;
  return since === null || dates.some((d) => d.getTime() >= since.getTime());
}

/** Is this one requirement met? `since`: for renewals, only work from that moment on counts. */
export function isRequirementMet(
  req: Requirement,
  record: LearnerRecord,
  since: Date | null = null,
): boolean {
  switch (req.kind) {
    case 'course':
      return doneSince(record.completions.get(req.courseId), since);
    case 'evidence':
      return (
        doneSince(record.acceptedEvidence.get(`${req.courseId}:${req.unitId}`), since) ||
        doneSince(record.completions.get(req.courseId), since)
      );
    case 'badge':
      // A held badge counts whenever it was earned: stacking does not ask for it again on renewal.
      return record.heldBadges.has(req.badgeId);
    case 'grade': {
      const grade = record.grades?.get(req.lineItemId);
      if (!grade || (since !== null && grade.gradedAt.getTime() < since.getTime())) return false;
      return reachesBar(grade, req.min);
    }
    case 'group':
      return req.mode === 'all'
        ? req.items.length > 0 && req.items.every((item) => isRequirementMet(item, record, since))
        : req.items.some((item) => isRequirementMet(item, record, since));
  }
}

export function isSatisfied(reqs: Requirements, record: LearnerRecord, since: Date | null = null): boolean {
  if (reqs.items.length === 0) return false;
  const met = reqs.items.filter((req) => isRequirementMet(req, record, since)).length;
  return met >= neededCount(reqs);
}

/** Problems with a requirements set as an issuer wrote it (before any lookup of the targets). */
export function requirementProblems(reqs: Requirements, selfId?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  reqs.items.forEach((req, i) => {
    const key = requirementKey(req);
    if (seen.has(key))
      problems.push({ path: `requirements.items.${i}`, message: 'is listed twice', code: 'listed-twice' });
    seen.add(key);
    const path = `requirements.items.${i}`;
    problems.push(...singleProblems(req, path, selfId));
    if (req.kind !== 'group') return;
    const inGroup = new Set<string>();
    req.items.forEach((item, j) => {
      const itemKey = requirementKey(item);
      if (inGroup.has(itemKey))
        problems.push({ path: `${path}.items.${j}`, message: 'is listed twice', code: 'listed-twice' });
      inGroup.add(itemKey);
      problems.push(...singleProblems(item, `${path}.items.${j}`, selfId));
    });
  });
  if (reqs.required !== null && (reqs.required < 1 || reqs.required > reqs.items.length)) {
    problems.push({
      path: 'requirements.required',
      message: `must be between 1 and ${reqs.items.length}`,
      code: 'between',
      params: { min: 1, max: reqs.items.length },
    });
  }
  return problems;
}

function singleProblems(req: Requirement, path: string, selfId?: string): FieldProblem[] {
  if (req.kind === 'badge' && req.badgeId === selfId)
    return [{ path, message: 'a badge cannot require itself', code: 'requires-itself' }];
  if (req.kind === 'grade') return barProblems(req.min, `${path}.min`);
  return [];
}

/** Badge-of-badges cycles: `edges` maps a badge id to the badge ids its latest version requires. */
export function createsCycle(
  badgeId: string,
  requires: string[],
  edges: ReadonlyMap<string, string[]>,
): boolean {
  const stack = [...requires];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (next === badgeId) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(edges.get(next) ?? []));
  }
  return false;
}

/** Minutes to earn: each requirement's estimate; "n of m" takes the n quickest. */
export function estimatedMinutes(reqs: Requirements, minutesOf: (req: Requirement) => number): number {
  const each = reqs.items.map(minutesOf).sort((a, b) => a - b);
  return each.slice(0, neededCount(reqs)).reduce((sum, m) => sum + m, 0);
}

export interface NarrativeNames {
  course: (courseId: string) => string;
  unit: (courseId: string, unitId: string) => string;
  badge: (badgeId: string) => string;
  /** An LMS line item's label (default: a generic name). */
  lineItem?: (lineItemId: string) => string;
}

/** What one requirement asks, in words (no list marker). */
export function requirementText(req: Requirement, names: NarrativeNames): string {
  switch (req.kind) {
    case 'course':
      return `Complete the course "${names.course(req.courseId)}".`;
    case 'badge':
      return `Earn the badge "${names.badge(req.badgeId)}".`;
    case 'evidence':
      return `Have the evidence task "${names.unit(req.courseId, req.unitId)}" of "${names.course(req.courseId)}" accepted by an assessor.`;
    case 'grade':
      return `Reach ${barText(req.min)} in "${names.lineItem?.(req.lineItemId) ?? 'a graded activity'}" (graded in your learning platform).`;
    case 'group':
      return req.mode === 'all' ? 'Meet all of these:' : 'Meet at least one of these:';
  }
}

function requirementLine(req: Requirement, names: NarrativeNames): string {
  const line = `- ${requirementText(req, names)}`;
  if (req.kind !== 'group') return line;
  return [line, ...req.items.map((item) => `  - ${requirementText(item, names)}`)].join('\n');
}

function nameOf(req: Requirement, names: NarrativeNames): string {
  switch (req.kind) {
    case 'course':
      return names.course(req.courseId);
    case 'badge':
      return names.badge(req.badgeId);
    case 'evidence':
      return names.unit(req.courseId, req.unitId);
    case 'grade':
      return names.lineItem?.(req.lineItemId) ?? req.lineItemId;
    case 'group':
      return req.items.map((item) => nameOf(item, names)).join(req.mode === 'all' ? ' + ' : ' / ');
  }
}

/** Names by requirement key; a group's items are named too (the editor shows them inside the group). */
export function requirementNamesOf(reqs: Requirements, names: NarrativeNames): Record<string, string> {
  return Object.fromEntries(
    [...reqs.items, ...reqs.items.flatMap((req) => (req.kind === 'group' ? req.items : []))].map((req) => [
      requirementKey(req),
      nameOf(req, names),
    ]),
  );
}

/** The criteria narrative (Markdown) generated from the requirements; issuers may edit it. */
export function generatedCriteria(reqs: Requirements, names: NarrativeNames): string {
  const lines = reqs.items.map((req) => requirementLine(req, names));
  const n = neededCount(reqs);
  const head =
    n === reqs.items.length
      ? reqs.items.length === 1
        ? 'To earn this badge:'
        : 'To earn this badge, meet all of the following:'
      : `To earn this badge, meet ${n} of the following ${reqs.items.length}:`;
  return [head, '', ...lines].join('\n');
}

/** issuedAt plus whole calendar years (UTC); 29 February falls back to 28 February in a common year. */
export function addCalendarYears(issuedAt: Date, years: number): Date {
  const until = new Date(issuedAt.getTime());
  until.setUTCFullYear(issuedAt.getUTCFullYear() + years, issuedAt.getUTCMonth(), 1);
  const lastDay = new Date(Date.UTC(until.getUTCFullYear(), issuedAt.getUTCMonth() + 1, 0)).getUTCDate();
  until.setUTCDate(Math.min(issuedAt.getUTCDate(), lastDay));
  return until;
}

/**
 * When an award issued at issuedAt expires. Validity is stored in days; the badge editor speaks in years
 * and stores n years as n × 365 days, so a whole multiple of 365 days is read as that many calendar years
 * (a badge earned on 5 Dec 2026 with "3 years" is valid until 5 Dec 2029, not 4 Dec). Any other number
 * of days is exact days.
 */
export function validUntilOf(issuedAt: Date, validityDays: number | null): Date | null {
  if (validityDays === null) return null;
  if (validityDays % DAYS_PER_YEAR === 0) return addCalendarYears(issuedAt, validityDays / DAYS_PER_YEAR);
  return new Date(issuedAt.getTime() + validityDays * DAY_MS);
}

/** Renewal opens RENEWAL_WINDOW_DAYS before expiry; a badge that never expires is never renewed. */
export function renewalOpensAt(validUntil: Date | null): Date | null {
  return validUntil === null ? null : new Date(validUntil.getTime() - RENEWAL_WINDOW_DAYS * DAY_MS);
}

export function isRenewalOpen(validUntil: Date | null, now: Date): boolean {
  const opens = renewalOpensAt(validUntil);
  return opens !== null && now.getTime() >= opens.getTime();
}

/** The reminder due now for an award expiring at validUntil (the most urgent one), or null. */
export function reminderDue(validUntil: Date, now: Date): (typeof REMINDER_DAYS_BEFORE)[number] | null {
  const daysLeft = (validUntil.getTime() - now.getTime()) / DAY_MS;
  if (daysLeft <= 0) return null;
  if (daysLeft <= 30) return 30;
  if (daysLeft <= 90) return 90;
  return null;
}

export type RequirementStatus = 'done' | 'in-progress' | 'purchased' | 'not-started' | 'not-available';

export interface CourseAccess {
  /** Enrolled with access now; opened: the learner has opened any unit. */
  enrolled: boolean;
  opened: boolean;
  /** The course is published and may be taken (false: archived, or not published yet). */
  available: boolean;
}

/** Where a learner stands on one requirement, for the badge progress page. */
export function requirementStatus(
  req: Requirement,
  record: LearnerRecord,
  access: (courseId: string) => CourseAccess,
): RequirementStatus {
  if (isRequirementMet(req, record)) return 'done';
  if (req.kind === 'group') {
    const statuses = req.items.map((item) => requirementStatus(item, record, access));
    if (statuses.some((s) => s !== 'not-started' && s !== 'not-available')) return 'in-progress';
    return statuses.every((s) => s === 'not-available') ? 'not-available' : 'not-started';
  }
  if (req.kind === 'badge' || req.kind === 'grade') return 'not-started';
  const course = access(req.courseId);
  if (course.enrolled) return course.opened ? 'in-progress' : 'purchased';
  return course.available ? 'not-started' : 'not-available';
}

/**
 * The skills a badge's courses teach that the badge does not list yet (course and evidence requirements name
 * courses), in requirement order, each once: a skill is the same by concept, or by name whatever its case.
 */
export function courseSkillsOffered(
  reqs: Requirements,
  badgeSkills: readonly Skill[],
  skillsOfCourse: (courseId: string) => readonly Skill[],
): Skill[] {
  const offered: Skill[] = [];
  const courseIds = new Set(
    singleRequirements(reqs).flatMap((req) => ('courseId' in req ? [req.courseId] : [])),
  );
  for (const courseId of courseIds) {
    for (const skill of skillsOfCourse(courseId)) {
      if ([...badgeSkills, ...offered].some((known) => sameSkill(known, skill))) continue;
      offered.push(skill);
    }
  }
  return offered;
}
