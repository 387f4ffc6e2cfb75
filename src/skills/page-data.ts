// What the public skill pages show, read for one request: the imported frameworks' versions (attribution
// pages), one concept with its jobs (/skills/{framework}/{code}), and a badge's related jobs, ranked on the
// in-memory occupation index without touching the tables (so a busy badge page stays cheap).
import type { Executor } from '../db/database.ts';
import { type QuerySkill, rankOccupations, unknownSkills } from './occupations.ts';
import { occupationIndex } from './occupations-load.ts';
import { type RelatedOccupation, relatedOccupations } from './occupations-service.ts';
import type { FrameworkId } from './tables.ts';

export const FRAMEWORKS: readonly FrameworkId[] = ['onet', 'esco'];

export const isFramework = (value: string): value is FrameworkId =>
  (FRAMEWORKS as readonly string[]).includes(value);

export interface FrameworkRelease {
  id: FrameworkId;
  /** "O*NET", "ESCO". */
  name: string;
  version: string;
  /** An import was started and has not finished: its data is not shown yet. */
  importing: boolean;
  importedAt: Date | null;
}

/** The framework's release as recorded by its import, or null when it was never imported. */
export async function frameworkRelease(db: Executor, id: FrameworkId): Promise<FrameworkRelease | null> {
  const row = await db
    .selectFrom('skillFrameworks')
    .select(['id', 'name', 'version', 'status', 'importedAt'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    importing: row.status !== 'complete',
    importedAt: row.importedAt ? new Date(row.importedAt) : null,
  };
}

export interface ConceptPage {
  framework: FrameworkId;
  code: string;
  label: string;
  kind: 'skill' | 'knowledge';
  description: string;
  altLabels: string[];
  /** ESCO's reuse level (transversal, cross-sector …); null in O*NET. */
  reuseLevel: string | null;
  /** "O*NET 29.3", "ESCO 1.1.1". */
  source: string;
  /** The occupations where this concept weighs most, best first. */
  jobs: RelatedOccupation[];
}

const SKILL_JOBS = 10;

function parseLabels(value: unknown): string[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

/** The concept of a completely imported framework with its top occupations, or null when there is none. */
export async function conceptPage(
  db: Executor,
  framework: string,
  code: string,
): Promise<ConceptPage | null> {
  if (!isFramework(framework)) return null;
  const [release, concept] = await Promise.all([
    frameworkRelease(db, framework),
    db
      .selectFrom('skillConcepts')
      .select(['code', 'kind', 'label', 'description', 'altLabels', 'reuseLevel'])
      .where('framework', '=', framework)
      .where('code', '=', code)
      .executeTakeFirst(),
  ]);
  if (!release || release.importing || !concept) return null;
  const index = await occupationIndex(db);
  const query: QuerySkill[] = [{ framework, code }];
  const jobs = unknownSkills(index, query).length > 0 ? [] : await relatedOccupations(db, query, SKILL_JOBS);
  return {
    framework,
    code: concept.code,
    label: concept.label,
    kind: concept.kind,
    description: concept.description,
    altLabels: parseLabels(concept.altLabels),
    reuseLevel: concept.reuseLevel,
    source: `${release.name} ${release.version}`,
    jobs,
  };
}

/** A skill a badge asserts, aligned to a framework concept (H1's `Skill.concept`), with its level if given. */
export interface AlignedSkill {
  concept: { framework: FrameworkId; code: string };
  level?: number;
}

/** Why an occupation relates to a badge: its strongest matched skills and how the occupation rates the first. */
export interface RelatedJob {
  framework: FrameworkId;
  code: string;
  title: string;
  source: string;
  /** The badge's skills that count there, strongest first (at most three). */
  matched: { label: string; level: number | null }[];
  /** How the occupation rates the strongest one: O*NET importance 1–5, or ESCO essential/optional. */
  importance: number | null;
  relation: 'essential' | 'optional' | null;
}

const BADGE_JOBS = 5;

/**
 * The occupations a badge's aligned skills lead to, best first, from the in-memory index only. Concepts
 * whose framework is not (or no longer) imported are left out rather than refused: the page still shows.
 */
export async function badgeRelatedJobs(
  db: Executor,
  skills: AlignedSkill[],
  limit = BADGE_JOBS,
): Promise<RelatedJob[]> {
  if (skills.length === 0) return [];
  const index = await occupationIndex(db);
  const query: QuerySkill[] = skills.map((s) => ({
    framework: s.concept.framework,
    code: s.concept.code,
    ...(s.level !== undefined ? { level: s.level } : {}),
  }));
  const unknown = new Set(unknownSkills(index, query));
  const known = query.filter((s) => !unknown.has(s));
  if (known.length === 0) return [];
  return rankOccupations(index, known, limit).map((ranked) => {
    const o = ranked.occupation;
    const concepts = index.get(o.framework)?.concepts;
    const strongest = ranked.matched.slice(0, 3);
    return {
      framework: o.framework,
      code: o.code,
      title: o.title,
      source: o.source,
      matched: strongest.map((c) => ({
        label: concepts?.get(c.concept)?.label ?? c.concept,
        level: c.queryLevel,
      })),
      importance: strongest[0]?.rating.importance ?? null,
      relation: strongest[0]?.rating.relation ?? null,
    };
  });
}
