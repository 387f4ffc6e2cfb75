// Related occupations from skills: an in-memory index of each framework's occupation–skill ratings and the
// ranking over it. Pure (no SQL, no HTTP): occupations-load.ts fills it from the database.
//
// A skill counts for an occupation by how distinctive it is there, not by how common it is. Each rating is
// a strength r in (0, 1] (O*NET: importance IM / 5; ESCO: essential 1, optional 0.5) and its weight is
//   w(o, s) = r(o, s) × max(0, z(o, s)),  z = (r(o, s) − mean_s) / sd_s
// where mean_s and sd_s run over every occupation of the framework (0 where it does not rate s). In O*NET,
// which rates every skill for every occupation, z says how much more this occupation relies on the skill
// than most do (Active Listening matters everywhere, so it weighs little); in ESCO, where a skill belongs to
// a share p of the occupations, z ≈ √((1 − p) / p), an inverse-frequency weight. An occupation scores the
// weighted overlap with the query, each query skill counted fully when its level is at or above the level
// the occupation needs and partially below it, divided by √‖w_o‖ so that occupations with many
// distinctive skills do not win on volume alone.
import type { FrameworkId } from './tables.ts';

export interface OccupationRecord {
  code: string;
  title: string;
  jobZone: number | null;
  iscoGroup: string | null;
  notation: string | null;
}

export interface ConceptRecord {
  code: string;
  label: string;
}

export interface RatingRecord {
  occupationCode: string;
  conceptCode: string;
  importance: number | null;
  level: number | null;
  relation: 'essential' | 'optional' | null;
}

export interface FrameworkData {
  id: FrameworkId;
  /** "O*NET 29.3", "ESCO 1.1.1". */
  source: string;
  occupations: OccupationRecord[];
  concepts: ConceptRecord[];
  ratings: RatingRecord[];
}

export interface Rating {
  concept: string;
  importance: number | null;
  level: number | null;
  relation: 'essential' | 'optional' | null;
  weight: number;
}

export interface IndexedOccupation extends OccupationRecord {
  framework: FrameworkId;
  source: string;
  ratings: Map<string, Rating>;
  /** √‖w_o‖: what a score is divided by. */
  damping: number;
}

interface Posting {
  occupation: number;
  rating: Rating;
}

export interface FrameworkIndex {
  id: FrameworkId;
  source: string;
  occupations: IndexedOccupation[];
  byCode: Map<string, IndexedOccupation>;
  concepts: Map<string, ConceptRecord>;
  postings: Map<string, Posting[]>;
}

export type OccupationIndex = Map<FrameworkId, FrameworkIndex>;

export interface QuerySkill {
  framework: FrameworkId;
  code: string;
  /** On the framework's level scale (O*NET LV 0–7); absent = counted fully. */
  level?: number;
}

export interface Contribution {
  concept: string;
  rating: Rating;
  /** What this skill added to the score (before damping). */
  amount: number;
  queryLevel: number | null;
}

export interface RankedOccupation {
  occupation: IndexedOccupation;
  score: number;
  matched: Contribution[];
}

/** How strongly an occupation relies on a concept, in (0, 1]; 0 when the rating says nothing. */
export function strength(rating: Pick<RatingRecord, 'importance' | 'relation'>): number {
  if (rating.importance !== null) return Math.min(1, Math.max(0, rating.importance / 5));
  if (rating.relation === 'essential') return 1;
  if (rating.relation === 'optional') return 0.5;
  return 0;
}

/** A query level at or above the occupation's counts fully; below it, in proportion (0 still counts a little). */
export function levelFactor(queryLevel: number | null, needed: number | null): number {
  if (queryLevel === null || needed === null || queryLevel >= needed) return 1;
  return (queryLevel + 1) / (needed + 1);
}

export function buildFrameworkIndex(data: FrameworkData): FrameworkIndex {
  const occupations: IndexedOccupation[] = data.occupations.map((o) => ({
    ...o,
    framework: data.id,
    source: data.source,
    ratings: new Map(),
    damping: 1,
  }));
  const byCode = new Map(occupations.map((o) => [o.code, o]));
  const concepts = new Map(data.concepts.map((c) => [c.code, c]));
  const sums = new Map<string, { sum: number; squares: number }>();
  const rated: { occupation: IndexedOccupation; rating: Rating; r: number }[] = [];
  for (const record of data.ratings) {
    const occupation = byCode.get(record.occupationCode);
    const r = strength(record);
    if (!occupation || !concepts.has(record.conceptCode) || r <= 0) continue;
    const rating: Rating = {
      concept: record.conceptCode,
      importance: record.importance,
      level: record.level,
      relation: record.relation,
      weight: 0,
    };
    occupation.ratings.set(record.conceptCode, rating);
    rated.push({ occupation, rating, r });
    const s = sums.get(record.conceptCode) ?? { sum: 0, squares: 0 };
    s.sum += r;
    s.squares += r * r;
    sums.set(record.conceptCode, s);
  }
  const n = Math.max(1, occupations.length);
  const postings = new Map<string, Posting[]>();
  const position = new Map(occupations.map((o, i) => [o, i]));
  for (const { occupation, rating, r } of rated) {
    const s = sums.get(rating.concept)!;
    const mean = s.sum / n;
    const sd = Math.sqrt(Math.max(s.squares / n - mean * mean, 0)) || 1;
    rating.weight = r * Math.max(0, (r - mean) / sd);
    if (rating.weight <= 0) continue;
    const list = postings.get(rating.concept) ?? [];
    list.push({ occupation: position.get(occupation)!, rating });
    postings.set(rating.concept, list);
  }
  for (const occupation of occupations) {
    let squares = 0;
    for (const rating of occupation.ratings.values()) squares += rating.weight * rating.weight;
    occupation.damping = Math.sqrt(Math.sqrt(squares)) || 1;
  }
  return { id: data.id, source: data.source, occupations, byCode, concepts, postings };
}

export function buildOccupationIndex(frameworks: FrameworkData[]): OccupationIndex {
  return new Map(frameworks.map((f) => [f.id, buildFrameworkIndex(f)]));
}

/** The query's concepts that the index does not know. */
export function unknownSkills(index: OccupationIndex, skills: QuerySkill[]): QuerySkill[] {
  return skills.filter((s) => !index.get(s.framework)?.concepts.has(s.code));
}

/** One entry per concept: a repeated concept keeps its highest level (absent = highest). */
function distinct(skills: QuerySkill[]): QuerySkill[] {
  const byKey = new Map<string, QuerySkill>();
  for (const skill of skills) {
    const key = `${skill.framework}\u0000${skill.code}`;
    const earlier = byKey.get(key);
    if (!earlier || skill.level === undefined) byKey.set(key, skill);
    else if (earlier.level !== undefined && skill.level > earlier.level) byKey.set(key, skill);
  }
  return [...byKey.values()];
}

/**
 * Occupations ranked by the weighted overlap of their distinctive skills with the query, best first.
 * Touches only the postings of the query's concepts, never the whole table. `exclude` leaves occupations
 * out (the benchmark's leave-one-out).
 */
export function rankOccupations(
  index: OccupationIndex,
  skills: QuerySkill[],
  limit: number,
  exclude?: (occupation: IndexedOccupation) => boolean,
): RankedOccupation[] {
  const query = distinct(skills);
  const norm = Math.sqrt(query.length) || 1;
  // Damping keeps occupations with many distinctive skills from winning on volume; with one skill there is
  // no volume, and damping would only favour occupations with few distinctive skills: "where does this skill
  // matter most" is then the occupation's own weight for it.
  const damped = query.length > 1;
  const ranked: RankedOccupation[] = [];
  for (const framework of index.values()) {
    const totals = new Map<number, { sum: number; matched: Contribution[] }>();
    for (const skill of query) {
      if (skill.framework !== framework.id) continue;
      const queryLevel = skill.level ?? null;
      for (const posting of framework.postings.get(skill.code) ?? []) {
        const amount = posting.rating.weight * levelFactor(queryLevel, posting.rating.level);
        const total = totals.get(posting.occupation) ?? { sum: 0, matched: [] };
        total.sum += amount;
        total.matched.push({ concept: skill.code, rating: posting.rating, amount, queryLevel });
        totals.set(posting.occupation, total);
      }
    }
    for (const [position, total] of totals) {
      const occupation = framework.occupations[position]!;
      if (exclude?.(occupation)) continue;
      total.matched.sort((a, b) => b.amount - a.amount);
      ranked.push({
        occupation,
        score: total.sum / (damped ? occupation.damping : 1) / norm,
        matched: total.matched,
      });
    }
  }
  ranked.sort((a, b) => b.score - a.score || a.occupation.title.localeCompare(b.occupation.title));
  return ranked.slice(0, limit);
}

/** The occupation's core concepts (O*NET importance ≥ 3, ESCO essential) that the query lacks, most important first. */
export function missingSkills(occupation: IndexedOccupation, skills: QuerySkill[], limit: number): Rating[] {
  const asked = new Set(skills.filter((s) => s.framework === occupation.framework).map((s) => s.code));
  return [...occupation.ratings.values()]
    .filter(
      (r) =>
        !asked.has(r.concept) && (r.importance !== null ? r.importance >= 3 : r.relation === 'essential'),
    )
    .sort((a, b) => strength(b) - strength(a) || b.weight - a.weight)
    .slice(0, limit);
}
