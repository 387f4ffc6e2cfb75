// The framework skills a learner's badges assert: each badge version's skills that carry a `concept`
// (`{framework: 'onet' | 'esco', code}`, with an optional level 0–7), merged over several badges. Pure: the
// rows come from store.ts. Skills without a concept (free text) do not count.
import type { QuerySkill } from '../skills/index.ts';

/** A badge a learner holds, as insights name it. */
export interface HeldBadge {
  awardId: string;
  name: string;
}

/** One concept the badges assert, at the highest level any of them gives (null: none gives a level). */
export interface HeldSkill {
  framework: 'onet' | 'esco';
  code: string;
  level: number | null;
  /** The skill's name as the badge states it. */
  name: string;
  /** Every badge asserting it; the one asserting the highest level first. */
  badges: (HeldBadge & { level: number | null })[];
}

export interface AwardSkills {
  awardId: string;
  badgeName: string;
  /** The badge version's `skills` json, as stored. */
  skills: unknown;
}

interface Concept {
  framework: 'onet' | 'esco';
  code: string;
  level: number | null;
  name: string;
}

/** The concept skills of one badge version's json, read defensively (anything malformed is skipped). */
export function conceptsOf(skills: unknown): Concept[] {
  if (!Array.isArray(skills)) return [];
  const concepts: Concept[] = [];
  for (const skill of skills) {
    if (typeof skill !== 'object' || skill === null) continue;
    const { concept, level, name } = skill as Record<string, unknown>;
    if (typeof concept !== 'object' || concept === null) continue;
    const { framework, code } = concept as Record<string, unknown>;
    if ((framework !== 'onet' && framework !== 'esco') || typeof code !== 'string' || code === '') continue;
    const valid = typeof level === 'number' && Number.isFinite(level) && level >= 0 && level <= 7;
    concepts.push({
      framework,
      code,
      level: valid ? level : null,
      name: typeof name === 'string' ? name : code,
    });
  }
  return concepts;
}

const key = (framework: string, code: string) => `${framework}\u0000${code}`;

const higher = (a: number | null, b: number | null) => (a ?? -1) - (b ?? -1);

/** Every concept the awards' badges assert, the highest level where several do; in the order first asserted. */
export function heldSkills(awards: AwardSkills[]): HeldSkill[] {
  const held = new Map<string, HeldSkill>();
  for (const award of awards) {
    for (const concept of conceptsOf(award.skills)) {
      const k = key(concept.framework, concept.code);
      const badge = { awardId: award.awardId, name: award.badgeName, level: concept.level };
      const earlier = held.get(k);
      if (!earlier) {
        held.set(k, { ...concept, badges: [badge] });
        continue;
      }
      if (earlier.badges.some((b) => b.awardId === award.awardId)) {
        const same = earlier.badges.find((b) => b.awardId === award.awardId)!;
        if (higher(concept.level, same.level) > 0) same.level = concept.level;
      } else earlier.badges.push(badge);
      if (higher(concept.level, earlier.level) > 0) earlier.level = concept.level;
      earlier.badges.sort((a, b) => higher(b.level, a.level));
    }
  }
  return [...held.values()];
}

/** The held skills as a ranking query (levels used exactly as a query's). */
export function asQuery(held: HeldSkill[]): QuerySkill[] {
  return held.map((h) => ({
    framework: h.framework,
    code: h.code,
    ...(h.level !== null ? { level: h.level } : {}),
  }));
}

export function heldByKey(held: HeldSkill[]): Map<string, HeldSkill> {
  return new Map(held.map((h) => [key(h.framework, h.code), h]));
}

export { key as conceptKey };
