// Progress through a course, as pure rules: which units are done, how far a learner may go, whether the
// course is complete, and the readable activity code of a completion.
import { randomBytes } from 'node:crypto';
import type { Unit } from '../catalog/index.ts';
import { askedQuestionIds } from './pool.ts';
import type { EvidenceStatus } from './tables.ts';

export interface ProgressFacts {
  /** Units opened (lessons count as read once opened). */
  opened: ReadonlySet<string>;
  /** Latest answer per question id: was it correct? */
  latestCorrect: ReadonlyMap<string, boolean>;
  /** Status of the live (or, failing that, the latest) submission per evidence unit id. */
  evidence: ReadonlyMap<string, EvidenceStatus>;
  /** The questions drawn for this attempt, per assessment that draws from a pool. */
  drawn: ReadonlyMap<string, readonly string[]>;
}

/** An assessment is passed when the latest answer to every question this attempt asks is right. */
export function assessmentPassed(unit: Extract<Unit, { kind: 'assessment' }>, facts: ProgressFacts): boolean {
  const asked = askedQuestionIds(unit, facts.drawn.get(unit.id));
  if (asked === null) return false;
  return asked.every((id) => facts.latestCorrect.get(id) === true);
}

/** Where a learner stands in a unit, as the player and the course outline show it. */
export const UNIT_STATUSES = [
  'locked',
  'available',
  'in-progress',
  'awaiting-supervisor',
  'submitted',
  'returned',
  'done',
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** A unit lets the learner move on when read, answered all correctly, or handed in (review may follow). */
function letsLearnerMoveOn(unit: Unit, facts: ProgressFacts): boolean {
  switch (unit.kind) {
    case 'lesson':
      return facts.opened.has(unit.id);
    case 'assessment':
      return assessmentPassed(unit, facts);
    case 'evidence': {
      const status = facts.evidence.get(unit.id);
      return status === 'attesting' || status === 'pending' || status === 'accepted';
    }
  }
}

function isDone(unit: Unit, facts: ProgressFacts): boolean {
  return unit.kind === 'evidence'
    ? facts.evidence.get(unit.id) === 'accepted'
    : letsLearnerMoveOn(unit, facts);
}

/** Index of the furthest unit the learner may open: the first one not yet moved past. */
export function furthestReachable(units: readonly Unit[], facts: ProgressFacts): number {
  const blocking = units.findIndex((unit) => !letsLearnerMoveOn(unit, facts));
  return blocking === -1 ? units.length - 1 : blocking;
}

export function unitStatuses(units: readonly Unit[], facts: ProgressFacts): UnitStatus[] {
  const reach = furthestReachable(units, facts);
  return units.map((unit, i) => {
    if (i > reach) return 'locked';
    if (isDone(unit, facts)) return 'done';
    if (unit.kind === 'evidence') {
      const status = facts.evidence.get(unit.id);
      if (status === 'attesting') return 'awaiting-supervisor';
      if (status === 'pending') return 'submitted';
      if (status === 'returned') return 'returned';
    }
    return facts.opened.has(unit.id) ? 'in-progress' : 'available';
  });
}

/** Complete: every lesson read, every question's latest answer correct, every evidence task accepted. */
export function isCourseComplete(units: readonly Unit[], facts: ProgressFacts): boolean {
  return units.every((unit) => isDone(unit, facts));
}

// Crockford's base32 without I, L, O, U: readable aloud and on paper.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** e.g. HRCI-PAY-7K3QD-9M2XA: 50 random bits, so collisions are for the unique key to catch, not to expect. */
export function newActivityCode(prefix: string | null): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
  return `${prefix ?? 'TSR'}-${chars.slice(0, 5)}-${chars.slice(5, 10)}`;
}

/** Hours of continuing-education credit, to the quarter hour (professional bodies count in 0.25 h). */
export function creditHours(estimatedMinutes: number): number {
  return Math.max(0.25, Math.round(estimatedMinutes / 15) / 4);
}
