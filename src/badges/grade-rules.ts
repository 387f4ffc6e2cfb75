// Grade requirements as pure rules: the bar a learner's grade on an LMS line item must reach (points,
// percent, or a letter on the issuer's scale), whether a grade reaches it, and how the bar reads.
// No HTTP, no SQL.
import type { FieldProblem } from '../errors.ts';

/** One step of a letter scale: the letter and the lowest percent that earns it. Scales list the best first. */
export interface LetterStep {
  letter: string;
  minPercent: number;
}

export type GradeBar = { points: number } | { percent: number } | { letter: string; scale: LetterStep[] };

/** A learner's latest grade on a line item, as the gradebook stores it. */
export interface LearnerGrade {
  /** null: the LMS has a result but no score yet. */
  scoreGiven: number | null;
  scoreMaximum: number;
  letterGrade: string | null;
  gradedAt: Date;
}

const sameLetter = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

export function percentOf(grade: LearnerGrade): number | null {
  if (grade.scoreGiven === null || !(grade.scoreMaximum > 0)) return null;
  return (grade.scoreGiven / grade.scoreMaximum) * 100;
}

/**
 * The grade's place on the scale (0 = best): the letter the LMS gave when the scale knows it, else the
 * best letter whose minimum percent the score reaches. null: no letter and no score, or below every step.
 */
export function scaleRankOf(grade: LearnerGrade, scale: readonly LetterStep[]): number | null {
  if (grade.letterGrade) {
    const given = scale.findIndex((step) => sameLetter(step.letter, grade.letterGrade as string));
    if (given >= 0) return given;
  }
  const percent = percentOf(grade);
  if (percent === null) return null;
  const reached = scale.findIndex((step) => percent >= step.minPercent);
  return reached >= 0 ? reached : null;
}

/** Does the grade reach the bar? A small tolerance keeps 0.1 + 0.2 style sums from missing by a hair. */
export function reachesBar(grade: LearnerGrade, bar: GradeBar): boolean {
  const EPSILON = 1e-9;
  if ('points' in bar) return grade.scoreGiven !== null && grade.scoreGiven + EPSILON >= bar.points;
  if ('percent' in bar) {
    const percent = percentOf(grade);
    return percent !== null && percent + EPSILON >= bar.percent;
  }
  const wanted = bar.scale.findIndex((step) => sameLetter(step.letter, bar.letter));
  const rank = scaleRankOf(grade, bar.scale);
  return wanted >= 0 && rank !== null && rank <= wanted;
}

const number = (n: number) => String(Number(n.toFixed(2)));

/** The bar in words, for the generated criteria ("at least 80 points", "a grade of B or better"). */
export function barText(bar: GradeBar): string {
  if ('points' in bar) return `at least ${number(bar.points)} points`;
  if ('percent' in bar) return `at least ${number(bar.percent)}%`;
  const step = bar.scale.find((s) => sameLetter(s.letter, bar.letter));
  const best = bar.scale[0];
  const orBetter = best && !sameLetter(best.letter, bar.letter) ? ' or better' : '';
  return `a grade of ${bar.letter}${orBetter}${step ? ` (${number(step.minPercent)}% or more)` : ''}`;
}

/** Problems of a bar (at `path`) as an issuer wrote it: a letter bar names a letter of its scale, best first. */
export function barProblems(bar: GradeBar, path = 'min'): FieldProblem[] {
  if (!('letter' in bar)) return [];
  const problems: FieldProblem[] = [];
  const letters = bar.scale.map((s) => s.letter.trim().toUpperCase());
  if (new Set(letters).size !== letters.length)
    problems.push({ path, message: 'the scale lists a letter twice', code: 'scale-letter-twice' });
  if (!bar.scale.some((s) => sameLetter(s.letter, bar.letter)))
    problems.push({
      path,
      message: `the letter "${bar.letter}" is not on the scale`,
      code: 'letter-not-on-scale',
      params: { letter: bar.letter },
    });
  if (bar.scale.some((s, i) => i > 0 && s.minPercent >= (bar.scale[i - 1] as LetterStep).minPercent))
    problems.push({
      path,
      message:
        'the scale must list the best letter first, each with a lower minimum percent than the one before',
      code: 'scale-order',
    });
  return problems;
}
