// The gap between what a learner shows and a target occupation's core skills (O*NET importance ≥ 3, ESCO
// essential), most important first. A core skill is held when the learner shows it at the level the
// occupation needs or above (or either side gives no level); shown below that level, or not at all, it is a
// gap. Coverage is the importance-weighted share of core skills held. Pure: no SQL, no HTTP.
import { type OccupationSkill, strength } from '../skills/index.ts';
import type { HeldBadge } from './held-skills.ts';

export interface Shown {
  /** The level shown; null when none was given. */
  level: number | null;
  badges: HeldBadge[];
}

export interface HaveEntry {
  code: string;
  label: string;
  importance: number | null;
  needed: number | null;
  shown: number | null;
  badges: HeldBadge[];
}

export interface GapEntry {
  code: string;
  label: string;
  importance: number | null;
  relation: 'essential' | 'optional' | null;
  needed: number | null;
  /** The level shown below the one needed; null when the skill is not shown at all. */
  shown: number | null;
}

export interface Gap {
  have: HaveEntry[];
  gaps: GapEntry[];
  coverage: number;
}

/** `core` must be ordered most important first (occupationDetail's order); `shown` is keyed by concept code. */
export function gapTo(core: OccupationSkill[], shown: Map<string, Shown>): Gap {
  const have: HaveEntry[] = [];
  const gaps: GapEntry[] = [];
  let total = 0;
  let held = 0;
  for (const skill of core) {
    const weight = strength(skill);
    total += weight;
    const s = shown.get(skill.code);
    const enough = s !== undefined && (s.level === null || skill.level === null || s.level >= skill.level);
    if (s && enough) {
      held += weight;
      have.push({
        code: skill.code,
        label: skill.label,
        importance: skill.importance,
        needed: skill.level,
        shown: s.level,
        badges: s.badges,
      });
    } else {
      gaps.push({
        code: skill.code,
        label: skill.label,
        importance: skill.importance,
        relation: skill.relation,
        needed: skill.level,
        shown: s?.level ?? null,
      });
    }
  }
  return { have, gaps, coverage: total === 0 ? 0 : Math.round((held / total) * 1000) / 1000 };
}
