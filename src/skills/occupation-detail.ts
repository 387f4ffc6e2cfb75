// One occupation of an imported framework, as a page or the API shows it: its description, Job Zone, a few
// titles, its core skills (O*NET importance ≥ 3, ESCO essential) most important first, and the technology
// skills used there (hot and in-demand first). Read straight from the tables, for one occupation only.
import type { Executor } from '../db/database.ts';
import type { FrameworkId } from './tables.ts';

/** Titles of each kind and technology skills an answer lists at most. */
export const DETAIL_LIMITS = { titles: 20, technologies: 20 } as const;

export interface OccupationSkill {
  code: string;
  label: string;
  kind: 'skill' | 'knowledge';
  /** O*NET importance 1–5; null in ESCO. */
  importance: number | null;
  /** The level the occupation needs, O*NET 0–7; null in ESCO. */
  level: number | null;
  /** ESCO's essential/optional; null in O*NET. */
  relation: 'essential' | 'optional' | null;
}

export interface OccupationDetail {
  framework: FrameworkId;
  code: string;
  title: string;
  description: string;
  jobZone: number | null;
  iscoGroup: string | null;
  titles: { alternate: string[]; reported: string[] };
  /** The core skills and knowledge: O*NET importance ≥ 3, ESCO essential; most important first. */
  skills: OccupationSkill[];
  technologies: { name: string; hot: boolean; inDemand: boolean }[];
  /** "O*NET 29.3", "ESCO 1.1.1": attribution is due where this shows. */
  source: string;
}

/** A rating is core when O*NET rates its importance 3 or more of 5, or ESCO calls it essential. */
export function isCore(rating: {
  importance: number | null;
  relation: 'essential' | 'optional' | null;
}): boolean {
  return rating.importance !== null ? rating.importance >= 3 : rating.relation === 'essential';
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** The occupation, or null when the framework is not completely imported or has no such occupation. */
export async function occupationDetail(
  db: Executor,
  framework: string,
  code: string,
): Promise<OccupationDetail | null> {
  if (framework !== 'onet' && framework !== 'esco') return null;
  const [source, occupation] = await Promise.all([
    db
      .selectFrom('skillFrameworks')
      .select(['name', 'version'])
      .where('id', '=', framework)
      .where('status', '=', 'complete')
      .executeTakeFirst(),
    db
      .selectFrom('skillOccupations')
      .select(['code', 'title', 'description', 'jobZone', 'iscoGroup'])
      .where('framework', '=', framework)
      .where('code', '=', code)
      .executeTakeFirst(),
  ]);
  if (!source || !occupation) return null;
  const [titles, ratings, technologies] = await Promise.all([
    db
      .selectFrom('skillOccupationTitles')
      .select(['kind', 'title'])
      .where('framework', '=', framework)
      .where('occupationCode', '=', code)
      .orderBy('title')
      .execute(),
    db
      .selectFrom('skillOccupationConcepts as r')
      .innerJoin('skillConcepts as c', (join) =>
        join.onRef('c.framework', '=', 'r.framework').onRef('c.code', '=', 'r.conceptCode'),
      )
      .select(['r.conceptCode', 'c.label', 'c.kind', 'r.importance', 'r.level', 'r.relation'])
      .where('r.framework', '=', framework)
      .where('r.occupationCode', '=', code)
      .execute(),
    db
      .selectFrom('skillTechnologies')
      .select(['example', 'hot', 'inDemand'])
      .where('framework', '=', framework)
      .where('occupationCode', '=', code)
      .orderBy('inDemand', 'desc')
      .orderBy('hot', 'desc')
      .orderBy('example')
      .execute(),
  ]);
  const alternate: string[] = [];
  const reported: string[] = [];
  for (const t of titles) {
    const list = t.kind === 'alternate' ? alternate : reported;
    if (list.length < DETAIL_LIMITS.titles && !list.includes(t.title)) list.push(t.title);
  }
  const skills = ratings
    .map((r) => ({
      code: r.conceptCode,
      label: r.label,
      kind: r.kind,
      importance: numberOrNull(r.importance),
      level: numberOrNull(r.level),
      relation: r.relation,
    }))
    .filter(isCore)
    .sort(
      (a, b) =>
        (b.importance ?? 0) - (a.importance ?? 0) ||
        (b.level ?? 0) - (a.level ?? 0) ||
        a.label.localeCompare(b.label),
    );
  const tech: OccupationDetail['technologies'] = [];
  for (const t of technologies) {
    if (tech.length >= DETAIL_LIMITS.technologies) break;
    if (!tech.some((x) => x.name === t.example))
      tech.push({ name: t.example, hot: t.hot, inDemand: t.inDemand });
  }
  return {
    framework,
    code: occupation.code,
    title: occupation.title,
    description: occupation.description,
    jobZone: numberOrNull(occupation.jobZone),
    iscoGroup: occupation.iscoGroup,
    titles: { alternate, reported },
    skills,
    technologies: tech,
    source: `${source.name} ${source.version}`,
  };
}
