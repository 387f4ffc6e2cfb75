// The skills summary of a public profile: the framework skills (O*NET, ESCO) its public badges align, each
// with the badges that evidence it, the best-evidenced first. The merging is the insights context's own
// (the learner's "Where my skills lead" reads the same); expired badges evidence nothing.
import { type HeldSkill, heldSkills } from '../insights/index.ts';
import { FRAMEWORK_LABELS } from '../skills/index.ts';

export const TOP_SKILLS = 8;

interface BadgeWithSkills {
  id: string;
  name: string;
  skills: unknown;
  validUntil: Date | null;
}

export interface ProfileSkill {
  name: string;
  framework: string;
  code: string;
  level: number | null;
  badges: { awardId: string; name: string }[];
}

const rank = (a: HeldSkill, b: HeldSkill) =>
  b.badges.length - a.badges.length || (b.level ?? -1) - (a.level ?? -1);

export function topSkillsOf(badges: BadgeWithSkills[], now: Date): { top: ProfileSkill[]; total: number } {
  const current = badges.filter((b) => b.validUntil === null || b.validUntil.getTime() > now.getTime());
  const held = heldSkills(current.map((b) => ({ awardId: b.id, badgeName: b.name, skills: b.skills })));
  const top = [...held]
    .sort(rank)
    .slice(0, TOP_SKILLS)
    .map((skill) => ({
      name: skill.name,
      framework: FRAMEWORK_LABELS[skill.framework],
      code: skill.code,
      level: skill.level,
      badges: skill.badges.map((b) => ({ awardId: b.awardId, name: b.name })),
    }));
  return { top, total: held.length };
}
