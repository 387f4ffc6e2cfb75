// Question pools and shuffling, as pure rules: an attempt at an assessment asks `draw` questions drawn at
// random from the pool (or all of them), in the author's order or shuffled, with the options of choice
// questions shuffled when the author asks. The draw is a function of a seed, so it is the same on every
// reload; it is stored with the attempt (draws.ts) so that grading counts exactly the questions asked.
import type { Question, Unit } from '../catalog/index.ts';

export type AssessmentUnit = Extract<Unit, { kind: 'assessment' }>;

export interface AssessmentDraw {
  /** The questions asked, in the order asked. */
  questionIds: string[];
  /** Option ids of each choice question, in the order shown. */
  optionOrder: Record<string, string[]>;
}

/** cyrb128: four 32-bit words from a string, to seed the generator below. */
function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** A seeded generator of numbers in [0, 1) (sfc32): the same seed gives the same sequence, everywhere. */
export function seededRandom(seed: string): () => number {
  let [a, b, c, d] = hashSeed(seed);
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates): every order equally likely for a uniform generator. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Attempts at this assessment differ from one another: it draws from a pool or shuffles. */
export function isVaried(unit: AssessmentUnit): boolean {
  return Boolean(unit.draw) || unit.shuffleQuestions === true || unit.shuffleOptions === true;
}

/** One attempt is one enrolment: a re-enrolment (a new attempt) draws anew, a reload never does. */
export const drawSeed = (enrolmentId: string, unitId: string): string => `${enrolmentId}/${unitId}`;

const isChoice = (q: Question): q is Extract<Question, { options: unknown }> =>
  q.type === 'single-choice' || q.type === 'multiple-choice';

export function drawAssessment(unit: AssessmentUnit, seed: string): AssessmentDraw {
  const random = seededRandom(seed);
  const count = unit.draw ? Math.min(unit.draw, unit.questions.length) : unit.questions.length;
  const picked = unit.draw ? shuffled(unit.questions, random).slice(0, count) : [...unit.questions];
  const ordered = unit.shuffleQuestions
    ? shuffled(picked, random)
    : picked.sort((x, y) => unit.questions.indexOf(x) - unit.questions.indexOf(y));
  const optionOrder: Record<string, string[]> = {};
  for (const question of ordered) {
    if (!isChoice(question)) continue;
    const ids = question.options.map((o) => o.id);
    optionOrder[question.id] = unit.shuffleOptions ? shuffled(ids, random) : ids;
  }
  return { questionIds: ordered.map((q) => q.id), optionOrder };
}

/** The assessment as this attempt asks it: the drawn questions in their order, options in theirs. */
export function applyDraw(unit: AssessmentUnit, draw: AssessmentDraw): AssessmentUnit {
  const byId = new Map(unit.questions.map((q) => [q.id, q]));
  const questions = draw.questionIds.flatMap((id): Question[] => {
    const question = byId.get(id);
    if (!question) return [];
    if (!isChoice(question)) return [question];
    const order = draw.optionOrder[id] ?? [];
    const rank = (optionId: string) => {
      const at = order.indexOf(optionId);
      return at === -1 ? order.length : at;
    };
    return [{ ...question, options: [...question.options].sort((x, y) => rank(x.id) - rank(y.id)) }];
  });
  return { ...unit, questions };
}

/**
 * The ids of the questions that count for this attempt: every question of an assessment without a draw;
 * the drawn ones otherwise, or null while nothing was drawn yet (the unit is then not done).
 */
export function askedQuestionIds(
  unit: AssessmentUnit,
  drawn: readonly string[] | undefined,
): string[] | null {
  if (!unit.draw) return unit.questions.map((q) => q.id);
  return drawn ? [...drawn] : null;
}
