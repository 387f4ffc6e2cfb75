// Pure rules of employer analytics: the skill-gap arithmetic of the heat map and the list sizes. The period
// rules (defaults, limits, buckets, medians, rates) are the shared ones of src/periods. No I/O.
import { round1 } from '../periods/index.ts';

export {
  bounds,
  bucketLabel,
  bucketLabels,
  DAY_MS,
  dayOf,
  daysBetween,
  EXPIRING_SOON_DAYS,
  fillBuckets,
  INTERVALS,
  type Interval,
  MAX_PERIOD_YEARS,
  median,
  type Period,
  parseDay,
  rate,
  resolvePeriod,
  round1,
} from '../periods/index.ts';

/** How many skills the "top skills" list holds at most. */
export const TOP_SKILLS = 20;
/** How many people the figures rank by badges (the rest: the paged ranking or the CSV download). */
export const TOP_PEOPLE = 50;
/** How many of the badges expiring soon the figures list, soonest first (all: the CSV download). */
export const EXPIRING_LISTED = 50;
/** The paged ranking of people by badges: the page size by default and at most. */
export const PEOPLE_PAGE = { default: 100, max: 1000 } as const;

// --- the heat map

/**
 * The level a person's shared badges evidence for one concept. As in the learner's gap (insights/gap.ts,
 * held-skills.ts): the highest level any badge gives counts; when the badges align the concept without any
 * level, the skill counts as fully shown — here, as `ceiling`, the highest level the heat map asks for it.
 * null: no shared badge evidences the concept.
 */
export function evidencedLevel(highest: number | null, aligned: boolean, ceiling: number): number | null {
  if (highest !== null) return highest;
  return aligned ? ceiling : null;
}

/** required − evidenced (nothing evidenced counts as 0), never below 0, to one decimal; null if not required. */
export function cellGap(required: number | null, evidenced: number | null): number | null {
  if (required === null) return null;
  return round1(Math.max(0, required - (evidenced ?? 0)));
}

/** The team row of one skill: the mean gap of the people whose roles need it, and how many fall short. */
export function teamCell(gaps: ReadonlyArray<number | null>): { averageGap: number; peopleWithGap: number } {
  const needed = gaps.filter((gap): gap is number => gap !== null);
  const sum = needed.reduce((total, gap) => total + gap, 0);
  return {
    averageGap: needed.length === 0 ? 0 : round1(sum / needed.length),
    peopleWithGap: needed.filter((gap) => gap > 0).length,
  };
}
