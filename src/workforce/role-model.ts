// Pure rules of role profiles: a profile started from an occupation's core skills, the levels and importance
// a skill may carry, and one entry per framework concept (duplicates merged). No I/O.
import type { FieldProblem } from '../errors.ts';

export type RoleFramework = 'onet' | 'esco';

/** One skill a role needs: a framework concept, the level needed (O*NET 0–7) and how much it matters (1–5). */
export interface RoleSkill {
  framework: RoleFramework;
  code: string;
  label: string;
  level: number;
  importance: number;
}

/** The occupation a profile was started from. */
export interface RoleSource {
  framework: RoleFramework;
  code: string;
  title: string;
  version: string;
}

export const ROLE_SKILL_LIMITS = { min: 1, max: 60 } as const;
export const ROLE_LEVEL = { min: 0, max: 7 } as const;
export const ROLE_IMPORTANCE = { min: 1, max: 5 } as const;
/** A profile started from an occupation keeps the skills at least this important unless told otherwise. */
export const DEFAULT_MIN_IMPORTANCE = 3;
/** ESCO rates no importance or level: an essential skill counts as important (4) and needs level 4. */
export const ESSENTIAL_IMPORTANCE = 4;
export const DEFAULT_LEVEL = 4;

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** Levels are kept to one decimal (O*NET publishes two; a profile does not need them). */
export const roundLevel = (level: number): number => round(level, 1);

const key = (skill: Pick<RoleSkill, 'framework' | 'code'>) => `${skill.framework}\u0000${skill.code}`;

/** Most important first, then the higher level, then by label. */
export function orderSkills(skills: readonly RoleSkill[]): RoleSkill[] {
  return [...skills].sort(
    (a, b) => b.importance - a.importance || b.level - a.level || a.label.localeCompare(b.label),
  );
}

/** One entry per concept: a concept listed twice keeps the higher level and the higher importance. */
export function mergeSkills(skills: readonly RoleSkill[]): RoleSkill[] {
  const merged = new Map<string, RoleSkill>();
  for (const skill of skills) {
    const known = merged.get(key(skill));
    merged.set(
      key(skill),
      known
        ? {
            ...known,
            level: Math.max(known.level, skill.level),
            importance: Math.max(known.importance, skill.importance),
          }
        : { ...skill },
    );
  }
  return orderSkills([...merged.values()]);
}

/** The problems of a list of skills (count, level and importance ranges), at `<path>.<i>.<field>`. */
export function roleSkillProblems(skills: readonly RoleSkill[], path = 'skills'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (skills.length < ROLE_SKILL_LIMITS.min || skills.length > ROLE_SKILL_LIMITS.max)
    problems.push({
      path,
      message: `A role profile needs ${ROLE_SKILL_LIMITS.min} to ${ROLE_SKILL_LIMITS.max} skills (${skills.length} given).`,
      code: 'role-skill-count',
      params: { min: ROLE_SKILL_LIMITS.min, max: ROLE_SKILL_LIMITS.max, count: skills.length },
    });
  skills.forEach((skill, i) => {
    if (!(Number.isFinite(skill.level) && skill.level >= ROLE_LEVEL.min && skill.level <= ROLE_LEVEL.max))
      problems.push({
        path: `${path}.${i}.level`,
        message: `The level runs from ${ROLE_LEVEL.min} to ${ROLE_LEVEL.max} (O*NET's level scale).`,
        code: 'role-level-range',
        params: { min: ROLE_LEVEL.min, max: ROLE_LEVEL.max },
      });
    if (
      !(
        Number.isFinite(skill.importance) &&
        skill.importance >= ROLE_IMPORTANCE.min &&
        skill.importance <= ROLE_IMPORTANCE.max
      )
    )
      problems.push({
        path: `${path}.${i}.importance`,
        message: `The importance runs from ${ROLE_IMPORTANCE.min} to ${ROLE_IMPORTANCE.max}.`,
        code: 'role-importance-range',
        params: { min: ROLE_IMPORTANCE.min, max: ROLE_IMPORTANCE.max },
      });
  });
  return problems;
}

/** Levels rounded, duplicates merged, most important first: the form a profile's skills are stored in. */
export function normalizeSkills(skills: readonly RoleSkill[]): RoleSkill[] {
  return mergeSkills(skills.map((skill) => ({ ...skill, level: roundLevel(skill.level) })));
}

/** A core skill of an occupation as the skills context gives it. */
export interface OccupationSkillInput {
  code: string;
  label: string;
  importance: number | null;
  level: number | null;
  relation: 'essential' | 'optional' | null;
}

/**
 * The skills of a profile started from an occupation: its core skills at least `minImportance` important
 * (ESCO essential → 4, no level → 4), levels rounded to one decimal, most important first, at most 60.
 */
export function skillsFromOccupation(
  framework: RoleFramework,
  skills: readonly OccupationSkillInput[],
  minImportance = DEFAULT_MIN_IMPORTANCE,
): RoleSkill[] {
  const rated = skills.flatMap((skill): RoleSkill[] => {
    const importance = skill.importance ?? (skill.relation === 'essential' ? ESSENTIAL_IMPORTANCE : null);
    if (importance === null || importance < minImportance) return [];
    return [
      {
        framework,
        code: skill.code,
        label: skill.label,
        level: Math.min(ROLE_LEVEL.max, Math.max(ROLE_LEVEL.min, skill.level ?? DEFAULT_LEVEL)),
        importance: Math.min(ROLE_IMPORTANCE.max, Math.max(ROLE_IMPORTANCE.min, importance)),
      },
    ];
  });
  return normalizeSkills(rated).slice(0, ROLE_SKILL_LIMITS.max);
}

/** The framework version out of the skills context's attribution ("O*NET 29.3" → "29.3"). */
export function versionOf(attribution: string): string {
  const space = attribution.lastIndexOf(' ');
  return space === -1 ? attribution : attribution.slice(space + 1);
}
