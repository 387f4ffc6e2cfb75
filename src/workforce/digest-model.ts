// Pure rules of the weekly digest (docs/endorsements.md): which week a moment belongs to, and what the week
// brought among an employer's people — badges earned and shared, role skills newly evidenced at the level
// the role needs, shared badges expiring soon. No I/O.
import type { RoleSkill } from './role-model.ts';

const DAY_MS = 86_400_000;
export const DIGEST_WINDOW_DAYS = 7;
export const RENEWAL_HORIZON_DAYS = 30;

/** The Monday (UTC) of the week `now` falls in, YYYY-MM-DD: one digest per employer and week. */
export function weekOf(now: Date): string {
  const day = (now.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day));
  return monday.toISOString().slice(0, 10);
}

/** A badge an active person shares with the employer, with the skills its version asserts. */
export interface DigestAward {
  employeeId: string;
  person: string;
  awardId: string;
  badge: string;
  issuedAt: Date;
  validUntil: Date | null;
  /** The badge version's `skills` json, as stored. */
  skills: unknown;
}

/** A role an active person holds. */
export interface DigestRole {
  employeeId: string;
  role: string;
  skills: RoleSkill[];
}

export interface DigestSections {
  newBadges: Array<{ person: string; badge: string }>;
  gapsClosed: Array<{ person: string; skill: string; level: number; role: string; badge: string }>;
  renewals: Array<{ person: string; badge: string; validUntil: Date }>;
}

export const isEmptyDigest = (d: DigestSections) =>
  d.newBadges.length + d.gapsClosed.length + d.renewals.length === 0;

/** The level a badge asserts for a framework concept; null when it does not assert one. */
export function assertedLevel(skills: unknown, framework: string, code: string): number | null {
  if (!Array.isArray(skills)) return null;
  let best: number | null = null;
  for (const skill of skills) {
    if (typeof skill !== 'object' || skill === null) continue;
    const { concept, level } = skill as {
      concept?: { framework?: unknown; code?: unknown };
      level?: unknown;
    };
    if (concept?.framework !== framework || concept?.code !== code) continue;
    if (typeof level !== 'number' || !Number.isFinite(level)) continue;
    if (best === null || level > best) best = level;
  }
  return best;
}

const byPersonThen =
  <T extends { person: string }>(key: (item: T) => string) =>
  (a: T, b: T) =>
    a.person.localeCompare(b.person) || key(a).localeCompare(key(b));

/**
 * The week to `now` (from the previous digest when that was sooner): badges issued in the last 7 days; a role skill "closed" when a badge issued in the last
 * 7 days asserts at least the level the role needs and no badge shared from before did; badges whose
 * validity ends within the next 30 days.
 */
export function digestSections(
  awards: DigestAward[],
  roles: DigestRole[],
  now: Date,
  /** The previous digest's moment: what it reported is not reported again. */
  previous?: Date,
): DigestSections {
  const start = Math.max(now.getTime() - DIGEST_WINDOW_DAYS * DAY_MS, previous?.getTime() ?? 0);
  const horizon = now.getTime() + RENEWAL_HORIZON_DAYS * DAY_MS;
  const inWeek = (award: DigestAward) =>
    award.issuedAt.getTime() > start && award.issuedAt.getTime() <= now.getTime();

  const newBadges = awards
    .filter(inWeek)
    .map(({ person, badge }) => ({ person, badge }))
    .sort(byPersonThen((i) => i.badge));

  const renewals = awards
    .filter(
      (a) => a.validUntil && a.validUntil.getTime() > now.getTime() && a.validUntil.getTime() <= horizon,
    )
    .map(({ person, badge, validUntil }) => ({ person, badge, validUntil: validUntil as Date }))
    .sort((a, b) => a.validUntil.getTime() - b.validUntil.getTime() || a.person.localeCompare(b.person));

  const gapsClosed: DigestSections['gapsClosed'] = [];
  for (const role of roles) {
    const theirs = awards.filter((a) => a.employeeId === role.employeeId);
    for (const need of role.skills) {
      const levelOf = (a: DigestAward) => assertedLevel(a.skills, need.framework, need.code);
      const before = theirs.filter((a) => a.issuedAt.getTime() <= start);
      if (before.some((a) => (levelOf(a) ?? -1) >= need.level)) continue;
      const closer = theirs
        .filter((a) => inWeek(a) && (levelOf(a) ?? -1) >= need.level)
        .sort((a, b) => (levelOf(b) ?? 0) - (levelOf(a) ?? 0))[0];
      if (!closer) continue;
      gapsClosed.push({
        person: closer.person,
        skill: need.label,
        level: need.level,
        role: role.role,
        badge: closer.badge,
      });
    }
  }
  gapsClosed.sort(byPersonThen((i) => `${i.role}\u0000${i.skill}`));
  return { newBadges, gapsClosed, renewals };
}
