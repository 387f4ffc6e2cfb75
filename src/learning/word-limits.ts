// An essay task's length, as its instructions state it ("300–500 words", "at least 200 words", "hasta 400
// palabras"): read from the instructions, so what the learner is told is what the server enforces, and shown
// to the learner as a live count. Pure rules: no HTTP, no SQL.

export interface WordLimits {
  min: number | null;
  max: number | null;
}

const WORDS = '(?:words?|palabras?)';
const NUMBER = String.raw`(\d{1,3}(?:[,.]\d{3})*|\d+)`;
const RANGE = new RegExp(
  String.raw`(?:between\s+|entre\s+)?${NUMBER}\s*(?:[–—-]|to|and|a|y)\s*${NUMBER}\s*${WORDS}`,
  'iu',
);
const AT_LEAST = new RegExp(
  String.raw`(?:at\s+least|no\s+fewer\s+than|minimum(?:\s+of)?|min\.?|al\s+menos|como\s+mínimo|mínimo(?:\s+de)?)\s*${NUMBER}\s*${WORDS}|${NUMBER}\s*${WORDS}\s*(?:or\s+more|minimum|como\s+mínimo|o\s+más)`,
  'iu',
);
const AT_MOST = new RegExp(
  String.raw`(?:at\s+most|up\s+to|no\s+more\s+than|maximum(?:\s+of)?|max\.?|hasta|como\s+máximo|máximo(?:\s+de)?)\s*${NUMBER}\s*${WORDS}|${NUMBER}\s*${WORDS}\s*(?:or\s+fewer|or\s+less|maximum|como\s+máximo|o\s+menos)`,
  'iu',
);

const toNumber = (text: string | undefined) =>
  text === undefined ? null : Number(text.replace(/[,.]/g, ''));

/** The word limits an essay's instructions state, or null when they state none. */
export function wordLimitsIn(instructions: string): WordLimits | null {
  const range = RANGE.exec(instructions);
  if (range) {
    const [a, b] = [toNumber(range[1]), toNumber(range[2])] as [number, number];
    if (a > 0 && b > 0) return { min: Math.min(a, b), max: Math.max(a, b) };
  }
  const least = AT_LEAST.exec(instructions);
  const most = AT_MOST.exec(instructions);
  const min = least ? toNumber(least[1] ?? least[2]) : null;
  const max = most ? toNumber(most[1] ?? most[2]) : null;
  if (min === null && max === null) return null;
  if (min !== null && max !== null && min > max) return null;
  return { min, max };
}

/** Words as a reader counts them: runs of letters or digits, with inner apostrophes and hyphens. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Why this text does not fit the limits ("has 2 words; this task asks for 300–500 words"), or null. */
export function wordLimitProblem(text: string, limits: WordLimits | null): string | null {
  if (!limits) return null;
  const words = countWords(text);
  const tooShort = limits.min !== null && words < limits.min;
  const tooLong = limits.max !== null && words > limits.max;
  if (!tooShort && !tooLong) return null;
  const asked =
    limits.min !== null && limits.max !== null
      ? `${limits.min}–${limits.max} words`
      : limits.min !== null
        ? `at least ${limits.min} words`
        : `at most ${limits.max} words`;
  return `has ${words} word${words === 1 ? '' : 's'}; this task asks for ${asked}`;
}
