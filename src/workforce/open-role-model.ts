// Pure rules of open roles: the limits of what an employer publishes and a learner sends, how well a
// learner's badges fit a role, and the order open roles are offered in. No I/O.
//
// Fit is the insights gap's coverage (src/insights/gap.ts, `gapTo`) over the role profile's skills instead of
// an occupation's core skills: a skill is held when a badge asserts its concept at the level the role needs or
// above (or the badge gives no level), and each skill weighs its importance (importance / 5, the weight the
// insights gap gives an O*NET importance). So a learner reads the same verdict on a role as on a target
// occupation with the same skills.
import { gapTo, type HeldSkill, type Shown } from '../insights/index.ts';
import type { RoleFramework, RoleSkill } from './role-model.ts';

export const OPEN_ROLE_LIMITS = {
  title: 120,
  description: 4000,
  location: 120,
  message: 2000,
  /** Badges one application may show. */
  sharedBadges: 20,
} as const;

/** How many open roles a learner is shown at most, best fit first (and the default). */
export const MATCH_LIMITS = { max: 100, default: 50 } as const;

interface MatchSkillBase {
  framework: RoleFramework;
  code: string;
  label: string;
  importance: number;
  /** The level the role needs (O*NET 0–7). */
  needed: number;
}

export interface HeldMatch extends MatchSkillBase {
  /** The level the badges show; null when they assert the skill without a level. */
  shown: number | null;
  badges: { awardId: string; name: string }[];
}

export interface BelowMatch extends MatchSkillBase {
  /** The level shown, below the one needed. */
  shown: number;
}

export type MissingMatch = MatchSkillBase;

export interface RoleMatch {
  /** 0–1: the importance-weighted share of the role's skills held at the level needed. */
  fit: number;
  held: HeldMatch[];
  below: BelowMatch[];
  missing: MissingMatch[];
}

const key = (framework: string, code: string) => `${framework}\u0000${code}`;

/**
 * How the held skills (from the learner's badges) cover the role's skills, most important first. Only held
 * concepts of the role's own frameworks count, so an O*NET code never stands in for an ESCO one.
 */
export function matchRole(skills: readonly RoleSkill[], held: readonly HeldSkill[]): RoleMatch {
  const wanted = new Map(skills.map((skill) => [key(skill.framework, skill.code), skill]));
  const shown = new Map<string, Shown>();
  for (const h of held) {
    if (!wanted.has(key(h.framework, h.code))) continue;
    shown.set(h.code, {
      level: h.level,
      badges: h.badges.map((b) => ({ awardId: b.awardId, name: b.name })),
    });
  }
  const ordered = [...skills].sort(
    (a, b) => b.importance - a.importance || b.level - a.level || a.label.localeCompare(b.label),
  );
  const byCode = new Map(ordered.map((skill) => [skill.code, skill]));
  const gap = gapTo(
    ordered.map((skill) => ({
      code: skill.code,
      label: skill.label,
      kind: 'skill' as const,
      importance: skill.importance,
      level: skill.level,
      relation: null,
    })),
    shown,
  );
  const base = (code: string): MatchSkillBase => {
    const skill = byCode.get(code) as RoleSkill;
    return {
      framework: skill.framework,
      code,
      label: skill.label,
      importance: skill.importance,
      needed: skill.level,
    };
  };
  return {
    fit: gap.coverage,
    held: gap.have.map((h) => ({ ...base(h.code), shown: h.shown, badges: h.badges })),
    below: gap.gaps.flatMap((g) => (g.shown === null ? [] : [{ ...base(g.code), shown: g.shown }])),
    missing: gap.gaps.flatMap((g) => (g.shown === null ? [base(g.code)] : [])),
  };
}

/** Best fit first; then the newest; then by title and id, so the order never wobbles. */
export function byFit<T extends { fit: number; publishedAt: Date; title: string; id: string }>(
  a: T,
  b: T,
): number {
  return (
    b.fit - a.fit ||
    b.publishedAt.getTime() - a.publishedAt.getTime() ||
    a.title.localeCompare(b.title) ||
    a.id.localeCompare(b.id)
  );
}

/** An applicant is named to the employer by a verified address: the primary one when verified. */
export function verifiedAddress(contact: {
  primaryEmail: string | null;
  verifiedEmails: readonly string[];
}): string | null {
  if (contact.primaryEmail && contact.verifiedEmails.includes(contact.primaryEmail))
    return contact.primaryEmail;
  return contact.verifiedEmails[0] ?? null;
}
