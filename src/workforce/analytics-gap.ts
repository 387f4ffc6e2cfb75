// The skill-gap heat map of an employer: the people in scope who hold a role profile (or one given role), the
// union of their roles' skills (most important first), each person's required and evidenced level per skill
// and the gap between them, the team's average, and — for each skill someone falls short in — the published
// badges and courses that teach it (the insights closers), with the badge's bundle when it is on sale.
import { bundleOffer } from '../commerce/index.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/index.ts';
import { closersOf } from '../insights/index.ts';
import { bundleCandidates, closerDetails, evidenceOf, roleHoldings } from './analytics-gap-store.ts';
import { cellGap, evidencedLevel, teamCell } from './analytics-model.ts';
import { analyticsScope } from './analytics-service.ts';
import { orderSkills, type RoleFramework, type RoleSkill } from './role-model.ts';
import { findRoleProfile, listRoleProfiles } from './role-store.ts';

export interface HeatMapSkill {
  framework: RoleFramework;
  code: string;
  label: string;
  importance: number;
  requiredLevel: number;
}

export interface HeatMapCell {
  code: string;
  required: number | null;
  evidenced: number | null;
  gap: number | null;
}

export interface CloserItem {
  kind: 'course' | 'badge';
  id: string;
  name: string;
  issuer: string;
  level?: number;
  /**
   * Whether it closes the gap on its own: it teaches the skill at the level the skill is required at (or
   * without a level, which counts as fully shown, as in the heat map). Otherwise it only narrows it.
   */
  closes: boolean;
  bundle: { badgeId: string; priceMinor: number; currency: string } | null;
}

export interface GapHeatMap {
  skills: HeatMapSkill[];
  people: Array<{
    employeeId: string;
    name: string;
    roles: Array<{ id: string; name: string }>;
    cells: HeatMapCell[];
  }>;
  team: Array<{ code: string; averageGap: number; peopleWithGap: number }>;
  closers: Array<{ framework: RoleFramework; code: string; items: CloserItem[] }>;
}

const SEP = '\u001f';
const keyOf = (s: { framework: string; code: string }) => `${s.framework}${SEP}${s.code}`;

/** One entry per concept over every role: the highest importance and the highest level any role asks. */
function unionOf(skills: RoleSkill[]): RoleSkill[] {
  const union = new Map<string, RoleSkill>();
  for (const skill of skills) {
    const known = union.get(keyOf(skill));
    union.set(
      keyOf(skill),
      known
        ? {
            ...known,
            importance: Math.max(known.importance, skill.importance),
            level: Math.max(known.level, skill.level),
          }
        : { ...skill },
    );
  }
  return orderSkills([...union.values()]);
}

export async function gapHeatMap(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  query: { teamId?: string; roleId?: string },
): Promise<GapHeatMap> {
  const { scope } = await analyticsScope(deps, actor, orgId, query.teamId);
  if (query.roleId !== undefined && !(await findRoleProfile(deps.db, orgId, query.roleId)))
    throw new NotFoundError('role profile');
  // Role profiles are few: read once, whatever the number of people holding them.
  const [profiles, assigned] = await Promise.all([
    listRoleProfiles(deps.db, orgId),
    roleHoldings(deps.db, scope, query.roleId ?? null),
  ]);
  const roles = new Map(profiles.map((p) => [p.id, p]));
  const holdings = assigned.flatMap((a) => {
    const role = roles.get(a.roleId);
    return role ? [{ ...a, roleName: role.name, skills: role.skills }] : [];
  });
  const held = new Set(assigned.map((a) => a.roleId));
  const union = unionOf(profiles.filter((p) => held.has(p.id)).flatMap((p) => p.skills));
  const evidence = await evidenceOf(deps.db, scope, union.map(keyOf));
  const highest = new Map(evidence.map((e) => [`${e.employeeId}${SEP}${keyOf(e)}`, e.highest]));

  // Per person: their roles and, per concept, the highest level any of their roles needs.
  interface Holder {
    employeeId: string;
    name: string;
    roles: Array<{ id: string; name: string }>;
    needs: Map<string, number>;
  }
  const persons = new Map<string, Holder>();
  for (const h of holdings) {
    const person: Holder = persons.get(h.employeeId) ?? {
      employeeId: h.employeeId,
      name: h.name,
      roles: [],
      needs: new Map(),
    };
    person.roles.push({ id: h.roleId, name: h.roleName });
    for (const skill of h.skills)
      person.needs.set(keyOf(skill), Math.max(person.needs.get(keyOf(skill)) ?? 0, skill.level));
    persons.set(h.employeeId, person);
  }
  const people = [...persons.values()].map((p) => ({
    employeeId: p.employeeId,
    name: p.name,
    roles: [...p.roles].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)),
    cells: union.map((skill): HeatMapCell => {
      const key = `${p.employeeId}${SEP}${keyOf(skill)}`;
      const evidenced = evidencedLevel(highest.get(key) ?? null, highest.has(key), skill.level);
      const required = p.needs.get(keyOf(skill)) ?? null;
      return { code: skill.code, required, evidenced, gap: cellGap(required, evidenced) };
    }),
  }));
  const team = union.map((skill, i) => ({
    code: skill.code,
    ...teamCell(people.map((p) => p.cells[i]?.gap ?? null)),
  }));
  const short = union.filter((_, i) => (team[i]?.peopleWithGap ?? 0) > 0);
  return {
    skills: union.map((s) => ({
      framework: s.framework,
      code: s.code,
      label: s.label,
      importance: s.importance,
      requiredLevel: s.level,
    })),
    people,
    team,
    closers: await closersFor(deps, short),
  };
}

/** The level a skills json gives a concept (as held-skills.ts reads it), when it gives one. */
function levelIn(skills: unknown, skill: RoleSkill): number | undefined {
  if (!Array.isArray(skills)) return undefined;
  let best: number | undefined;
  for (const s of skills as Array<Record<string, unknown>>) {
    const concept = s?.concept as Record<string, unknown> | undefined;
    if (concept?.framework !== skill.framework || concept?.code !== skill.code) continue;
    const level = s.level;
    if (typeof level === 'number' && Number.isFinite(level) && level >= 0 && level <= 7)
      best = Math.max(best ?? level, level);
  }
  return best;
}

/**
 * The insights closers of each skill (up to three badges and three courses), with issuer, level and bundle;
 * those that close the gap on their own first, then those that only narrow it.
 */
async function closersFor(deps: Deps, skills: RoleSkill[]): Promise<GapHeatMap['closers']> {
  if (skills.length === 0) return [];
  const found = new Map<string, Awaited<ReturnType<typeof closersOf>>[number]>();
  for (const framework of ['onet', 'esco'] as const) {
    const ofFramework = skills.filter((s) => s.framework === framework);
    if (ofFramework.length === 0) continue;
    const closers = await closersOf(deps, framework, ofFramework);
    ofFramework.forEach((s, i) => {
      const c = closers[i];
      if (c) found.set(keyOf(s), c);
    });
  }
  const badgeIds = [...new Set([...found.values()].flatMap((c) => c.badges.map((b) => b.id)))];
  const courseIds = [...new Set([...found.values()].flatMap((c) => c.courses.map((x) => x.id)))];
  const [details, candidates] = await Promise.all([
    closerDetails(deps.db, courseIds, badgeIds),
    bundleCandidates(deps.db, badgeIds),
  ]);
  const bundles = new Map<string, CloserItem['bundle']>();
  for (const badgeId of candidates) {
    // Commerce decides what a bundle costs; a badge it does not sell as one (or not now) has none.
    const offer = await bundleOffer(deps.db, badgeId).catch((error: unknown) => {
      if (error instanceof NotFoundError || error instanceof ConflictError) return null;
      throw error;
    });
    if (offer?.onSale)
      bundles.set(badgeId, { badgeId, priceMinor: offer.priceMinor, currency: offer.currency });
  }
  return skills.map((skill) => {
    const c = found.get(keyOf(skill)) ?? { badges: [], courses: [] };
    const withLevel = (skillsJson: unknown) => {
      const level = levelIn(skillsJson, skill);
      return level === undefined ? { closes: true } : { level, closes: level >= skill.level };
    };
    return {
      framework: skill.framework,
      code: skill.code,
      items: closingFirst([
        ...c.badges.map(
          (b): CloserItem => ({
            kind: 'badge',
            id: b.id,
            name: b.name,
            issuer: b.issuer,
            ...withLevel(details.badges.get(b.id)),
            bundle: bundles.get(b.id) ?? null,
          }),
        ),
        ...c.courses.map(
          (x): CloserItem => ({
            kind: 'course',
            id: x.id,
            name: x.title,
            issuer: details.courses.get(x.id)?.issuer ?? '',
            ...withLevel(details.courses.get(x.id)?.skills),
            bundle: null,
          }),
        ),
      ]),
    };
  });
}

/** The items that close the gap first; otherwise the order insights gave (a stable sort). */
const closingFirst = (items: CloserItem[]): CloserItem[] =>
  [...items].sort((a, b) => Number(b.closes) - Number(a.closes));
