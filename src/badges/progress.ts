// The badge progress page: for each badge a learner works toward (a badge requiring a course they are
// enrolled in or completed, or a badge they hold) and each held badge whose renewal window is open,
// where each requirement stands and the estimated time left; a badge earned but waiting for its issuance
// fee stays listed (done, with the fee to pay) until it is issued. Pure rules first, then the use-case; its
// reads are in progress-store.ts.
import type { Deps } from '../deps.ts';
import { gradesOfUser, lineItemsByIds } from '../gradebook/index.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope, verifiedEmailsOf } from '../identity/index.ts';
import { type AwardView, currentAwardsOf } from './award-queries.ts';
import { type GradeBar, percentOf } from './grade-rules.ts';
import {
  type CourseAccess,
  estimatedMinutes,
  isRenewalOpen,
  type LearnerRecord,
  neededCount,
  type Requirement,
  type RequirementStatus,
  type Requirements,
  renewalOpensAt,
  requirementStatus,
  type SingleRequirement,
  singleRequirements,
} from './model.ts';
import {
  badgesInfo,
  type CandidateBadge,
  candidateBadges,
  coursesInfo,
  learnerFacts,
} from './progress-store.ts';

// ---- pure rules ---------------------------------------------------------------------------------

/** Only work done since `since` counts (renewal); held badges count whenever they were earned. */
export function recordSince(record: LearnerRecord, since: Date | null): LearnerRecord {
  if (since === null) return record;
  const recent = (dates: ReadonlyMap<string, readonly Date[]>) =>
    new Map([...dates].map(([key, list]) => [key, list.filter((d) => d.getTime() >= since.getTime())]));
  return {
    completions: recent(record.completions),
    acceptedEvidence: recent(record.acceptedEvidence),
    heldBadges: record.heldBadges,
    ...(record.grades && {
      grades: new Map([...record.grades].filter(([, g]) => g.gradedAt.getTime() >= since.getTime())),
    }),
  };
}

/** A course's estimate scaled by the share of its units not completed yet. */
export function remainingMinutes(estimate: number, unitsDone: number, unitsTotal: number): number {
  if (unitsTotal <= 0) return estimate;
  const left = Math.max(0, unitsTotal - unitsDone) / unitsTotal;
  return Math.ceil(estimate * left);
}

export interface RequirementProgress {
  requirement: Requirement;
  status: RequirementStatus;
  /** Minutes still to spend on it: 0 when done. */
  minutes: number;
}

export interface ProgressSummary {
  requirements: RequirementProgress[];
  needed: number;
  doneCount: number;
  /** The quickest way to the badge: "n of m" counts only the quickest available requirements still needed. */
  minutesLeft: number;
}

export function progressOf(
  reqs: Requirements,
  record: LearnerRecord,
  access: (courseId: string) => CourseAccess,
  minutesOf: (req: Requirement, status: RequirementStatus) => number,
): ProgressSummary {
  const requirements = reqs.items.map((requirement) => {
    const status = requirementStatus(requirement, record, access);
    return { requirement, status, minutes: status === 'done' ? 0 : minutesOf(requirement, status) };
  });
  const minutes = new Map(requirements.map((r) => [r.requirement, r.minutes]));
  const needed = neededCount(reqs);
  // The quickest way counts on courses one can take: not-available ones only when nothing else is left.
  const usable = requirements.filter((r) => r.status !== 'not-available').map((r) => r.requirement);
  const route = usable.length >= needed ? { items: usable, required: needed } : reqs;
  return {
    requirements,
    needed,
    doneCount: requirements.filter((r) => r.status === 'done').length,
    minutesLeft: estimatedMinutes(route, (req) => minutes.get(req) ?? 0),
  };
}

// ---- the use-case -------------------------------------------------------------------------------

/** A grade requirement as the learner reads it: where the line item lives, the bar, their grade if known. */
export interface GradeDetail {
  lineItem: { label: string; platformName: string | null; contextTitle: string | null; scoreMaximum: number };
  bar: GradeBar;
  current: {
    scoreGiven: number | null;
    scoreMaximum: number;
    letterGrade: string | null;
    percent: number | null;
  } | null;
}

/** One requirement of a group ("all of" / "any of"), with its own status. */
export interface GroupItemLine {
  requirement: SingleRequirement;
  status: RequirementStatus;
  title: string;
  grade?: GradeDetail;
}

export interface RequirementLine extends RequirementProgress {
  title: string;
  grade?: GradeDetail;
  items?: GroupItemLine[];
}

export interface BadgeProgress extends Omit<ProgressSummary, 'requirements'> {
  badge: CandidateBadge;
  requirements: RequirementLine[];
  renewal: boolean;
  /** The held award's expiry, when renewing. */
  validUntil: Date | null;
  /** When renewing: the held award has expired already (renew now, there is no "before" date). */
  expired: boolean;
  /** The award earned and waiting for its issuance fee (not issued, not held yet), else null. */
  awaitingFeeAwardId: string | null;
}

const isHeld = (award: AwardView, now: Date) =>
  award.credentialState === 'active' && (award.validUntil === null || award.validUntil > now);

export async function myBadgeProgress(deps: Deps, actor: Actor | null): Promise<BadgeProgress[]> {
  const me = requireScope(actor, 'read');
  const now = deps.now();
  const emails = await verifiedEmailsOf(deps, me.user.id);
  const [awards, facts, grades] = await Promise.all([
    currentAwardsOf(deps.db, me.user.id, emails),
    learnerFacts(deps.db, me.user.id),
    gradesOfUser(deps.db, me.user.id),
  ]);
  const current = new Map<string, AwardView>();
  for (const award of awards) if (!current.has(award.badgeId)) current.set(award.badgeId, award);
  const held = awards.filter((a) => isHeld(a, now)).map((a) => a.badgeId);
  const awaitingFee = new Map(
    [...current.values()].filter((a) => a.state === 'awaiting-fee').map((a) => [a.badgeId, a.id]),
  );
  const renewing = [...current.values()].filter(
    (a) => a.state !== 'awaiting-fee' && isRenewalOpen(a.validUntil, now),
  );
  const courseIds = [...new Set([...facts.latestEnrolment.keys(), ...facts.completions.keys()])];
  const candidates = (
    await candidateBadges(
      deps.db,
      courseIds,
      held,
      [...renewing.map((a) => a.badgeId), ...awaitingFee.keys()],
      grades.map((g) => g.lineItemId),
    )
  ).filter(
    (v) =>
      !current.has(v.badgeId) || awaitingFee.has(v.badgeId) || renewing.some((a) => a.badgeId === v.badgeId),
  );

  const items = candidates.flatMap((v) => singleRequirements(v.requirements));
  const [courses, badges, lineItems] = await Promise.all([
    coursesInfo(deps.db, [...new Set(items.flatMap((r) => ('courseId' in r ? [r.courseId] : [])))]),
    badgesInfo(deps.db, [...new Set(items.flatMap((r) => (r.kind === 'badge' ? [r.badgeId] : [])))]),
    lineItemsByIds(deps.db, [...new Set(items.flatMap((r) => (r.kind === 'grade' ? [r.lineItemId] : [])))]),
  ]);
  const labels = new Map(lineItems.map((l) => [l.id, l.label]));
  const lineItemsById = new Map(lineItems.map((l) => [l.id, l]));
  const record: LearnerRecord = {
    completions: facts.completions,
    acceptedEvidence: facts.acceptedEvidence,
    heldBadges: new Set(held),
    grades: new Map(grades.map((g) => [g.lineItemId, g])),
  };
  const access = (courseId: string): CourseAccess => {
    const e = facts.latestEnrolment.get(courseId);
    const enrolled = e !== undefined && e.accessUntil > now;
    return {
      enrolled,
      opened: enrolled && e?.firstOpenedAt != null,
      available: courses.get(courseId)?.state === 'published',
    };
  };
  const title = (req: Requirement): string => {
    if (req.kind === 'group') return req.items.map(title).join(req.mode === 'all' ? ' + ' : ' / ');
    if (req.kind === 'grade') return labels.get(req.lineItemId) ?? '';
    if (req.kind === 'badge') {
      const b = badges.get(req.badgeId);
      return b?.publishedName ?? b?.name ?? '';
    }
    const c = courses.get(req.courseId);
    const courseTitle = c?.title ?? c?.draftTitle ?? '';
    if (req.kind === 'course') return courseTitle;
    const unit = (c?.units as Array<{ id: string; title: string }> | null)?.find((u) => u.id === req.unitId);
    return unit ? `${unit.title} (${courseTitle})` : courseTitle;
  };
  const gradeDetail = (req: Requirement): GradeDetail | undefined => {
    if (req.kind !== 'grade') return undefined;
    const item = lineItemsById.get(req.lineItemId);
    const grade = record.grades?.get(req.lineItemId);
    return {
      lineItem: {
        label: item?.label ?? '',
        platformName: item?.platformName ?? null,
        contextTitle: item?.contextTitle ?? null,
        scoreMaximum: item?.scoreMaximum ?? 0,
      },
      bar: req.min,
      current: grade
        ? {
            scoreGiven: grade.scoreGiven,
            scoreMaximum: grade.scoreMaximum,
            letterGrade: grade.letterGrade,
            percent: percentOf(grade),
          }
        : null,
    };
  };
  const line = (r: RequirementProgress, since: LearnerRecord): RequirementLine => {
    const req = r.requirement;
    const grade = gradeDetail(req);
    return {
      ...r,
      title: title(req),
      ...(grade && { grade }),
      ...(req.kind === 'group' && {
        items: req.items.map((item) => {
          const detail = gradeDetail(item);
          return {
            requirement: item,
            status: requirementStatus(item, since, access),
            title: title(item),
            ...(detail && { grade: detail }),
          };
        }),
      }),
    };
  };
  const minutesOf = (req: Requirement, status: RequirementStatus): number => {
    if (req.kind === 'group') {
      const each = req.items.map((item) => minutesOf(item, status));
      return req.mode === 'all' ? each.reduce((a, b) => a + b, 0) : Math.min(...each);
    }
    if (req.kind === 'grade') return 0;
    if (req.kind === 'badge') return badges.get(req.badgeId)?.estimatedMinutes ?? 0;
    const c = courses.get(req.courseId);
    const estimate: number = c?.estimatedMinutes ?? 0;
    if (req.kind === 'evidence')
      return Math.ceil(estimate / Math.max(1, (c?.units as unknown[] | null)?.length ?? 1));
    const e = facts.latestEnrolment.get(req.courseId);
    return status === 'in-progress' && e ? remainingMinutes(estimate, e.unitsDone, e.unitsTotal) : estimate;
  };

  return candidates
    .map((badge) => {
      const awaitingFeeAwardId = awaitingFee.get(badge.badgeId) ?? null;
      const renewal = current.has(badge.badgeId) && awaitingFeeAwardId === null;
      const validUntil = renewal ? (current.get(badge.badgeId)?.validUntil ?? null) : null;
      const expired = validUntil !== null && validUntil.getTime() <= now.getTime();
      const since = renewal ? renewalOpensAt(validUntil) : null;
      const counted = recordSince(record, since);
      const summary = progressOf(badge.requirements, counted, access, minutesOf);
      const requirements = summary.requirements.map((r) => line(r, counted));
      return { ...summary, requirements, badge, renewal, validUntil, expired, awaitingFeeAwardId };
    })
    .sort((a, b) => Number(b.renewal) - Number(a.renewal) || a.minutesLeft - b.minutesLeft);
}
