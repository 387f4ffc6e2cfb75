import { describe, expect, it } from 'vitest';
import { countWords, wordLimitProblem, wordLimitsIn } from './word-limits.ts';

describe('an essay’s word limits', () => {
  it('reads the range, minimum or maximum the instructions state, in English and Spanish', () => {
    expect(wordLimitsIn('Describe an interview you ran (300–500 words): which questions…')).toEqual({
      min: 300,
      max: 500,
    });
    expect(wordLimitsIn('Write between 1,000 and 1,500 words.')).toEqual({ min: 1000, max: 1500 });
    expect(wordLimitsIn('Write at least 200 words on it.')).toEqual({ min: 200, max: null });
    expect(wordLimitsIn('Keep it to no more than 250 words.')).toEqual({ min: null, max: 250 });
    expect(wordLimitsIn('Escribe de 300 a 500 palabras.')).toEqual({ min: 300, max: 500 });
    expect(wordLimitsIn('Escribe hasta 400 palabras.')).toEqual({ min: null, max: 400 });
    expect(wordLimitsIn('Describe your payroll cycle.')).toBeNull();
    expect(wordLimitsIn('List 3 steps of the cycle.')).toBeNull();
  });

  it('counts words as a reader does', () => {
    expect(countWords('  We run payroll twice a month.  ')).toBe(6);
    expect(countWords("Year-end isn't hard — 2 steps, ¡sí!")).toBe(6);
    expect(countWords('')).toBe(0);
  });

  it('says how many words the text has and what the task asks for when it does not fit', () => {
    const limits = { min: 300, max: 500 };
    expect(wordLimitProblem('Two words', limits)).toBe('has 2 words; this task asks for 300–500 words');
    expect(wordLimitProblem('word '.repeat(300), limits)).toBeNull();
    expect(wordLimitProblem('word '.repeat(501), limits)).toBe(
      'has 501 words; this task asks for 300–500 words',
    );
    expect(wordLimitProblem('One', { min: 2, max: null })).toBe(
      'has 1 word; this task asks for at least 2 words',
    );
    expect(wordLimitProblem('Two words', null)).toBeNull();
  });
});
