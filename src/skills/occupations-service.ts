// Related occupations for a list of skills: the ranking (occupations.ts) over the cached index, with each
// result's matched and missing skills, a few titles, the technology skills in demand and one sentence
// saying why it ranks. Unknown concepts are refused by name.
import type { Executor } from '../db/database.ts';
import { InvalidError } from '../errors.ts';
import {
  type Contribution,
  type FrameworkIndex,
  missingSkills,
  type QuerySkill,
  type RankedOccupation,
  rankOccupations,
  unknownSkills,
} from './occupations.ts';
import { occupationDetails, occupationIndex } from './occupations-load.ts';
import type { FrameworkId } from './tables.ts';

const MISSING = 8;
const FEW = { titles: 5, technologies: 8 };

export interface SkillRef {
  code: string;
  label: string;
  importance: number | null;
  level: number | null;
  /** ESCO's essential/optional; null for O*NET, which rates importance instead. */
  relation: 'essential' | 'optional' | null;
}

export interface RelatedOccupation {
  framework: FrameworkId;
  code: string;
  title: string;
  score: number;
  matched: SkillRef[];
  missing: Omit<SkillRef, 'level'>[];
  titles: { alternate: string[]; reported: string[] };
  jobZone: number | null;
  iscoGroup: string | null;
  technologies: { name: string; hot: boolean; inDemand: boolean }[];
  source: string;
  because: string;
}

function listed(labels: string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

function phrase(framework: FrameworkIndex, c: Contribution): string {
  const label = framework.concepts.get(c.concept)?.label ?? c.concept;
  if (c.queryLevel !== null) return `${label} at level ${c.queryLevel}`;
  return label;
}

/** One sentence naming the strongest matched skills. */
export function because(framework: FrameworkIndex, ranked: RankedOccupation): string {
  const strongest = ranked.matched.slice(0, 3);
  const asserted = listed(strongest.map((c) => phrase(framework, c)));
  const needs =
    strongest[0]?.rating.importance !== null && strongest[0]?.rating.importance !== undefined
      ? ` (importance ${strongest[0].rating.importance.toFixed(1)} of 5 here, more than in most occupations)`
      : strongest[0]?.rating.relation === 'essential'
        ? ' (essential here, and not common to most occupations)'
        : ' (distinctive for this occupation)';
  return `Because your skills include ${asserted}${needs}.`;
}

export async function relatedOccupations(
  db: Executor,
  skills: QuerySkill[],
  limit: number,
): Promise<RelatedOccupation[]> {
  const index = await occupationIndex(db);
  const unknown = unknownSkills(index, skills);
  if (unknown.length > 0) {
    const names = unknown.map((s) => `${s.framework} ${s.code}`);
    throw new InvalidError(
      `Unknown skill concept${unknown.length > 1 ? 's' : ''}: ${names.join(', ')}.`,
      unknown.map((s) => ({
        path: `skills[${skills.indexOf(s)}].code`,
        message: `No ${s.framework} concept "${s.code}" has been imported.`,
        code: 'concept-not-imported',
        params: { framework: s.framework, code: s.code },
      })),
    );
  }
  const ranked = rankOccupations(index, skills, limit);
  const details = new Map<FrameworkId, Awaited<ReturnType<typeof occupationDetails>>>();
  for (const id of new Set(ranked.map((r) => r.occupation.framework))) {
    const codes = ranked.filter((r) => r.occupation.framework === id).map((r) => r.occupation.code);
    details.set(id, await occupationDetails(db, id, codes, FEW));
  }
  return ranked.map((r) => {
    const o = r.occupation;
    const framework = index.get(o.framework)!;
    const label = (code: string) => framework.concepts.get(code)?.label ?? code;
    const d = details.get(o.framework)?.get(o.code);
    return {
      framework: o.framework,
      code: o.code,
      title: o.title,
      score: Math.round(r.score * 1000) / 1000,
      matched: r.matched.map((c) => ({
        code: c.concept,
        label: label(c.concept),
        importance: c.rating.importance,
        level: c.rating.level,
        relation: c.rating.relation,
      })),
      missing: missingSkills(o, skills, MISSING).map((m) => ({
        code: m.concept,
        label: label(m.concept),
        importance: m.importance,
        relation: m.relation,
      })),
      titles: { alternate: d?.alternate ?? [], reported: d?.reported ?? [] },
      jobZone: o.jobZone,
      iscoGroup: o.iscoGroup,
      technologies: d?.technologies ?? [],
      source: o.source,
      because: because(framework, r),
    };
  });
}
