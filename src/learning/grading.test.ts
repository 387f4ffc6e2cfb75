import { describe, expect, it } from 'vitest';
import type { Question } from '../catalog/index.ts';
import { gradeAnswer, normaliseText } from './grading.ts';

const feedback = { correct: 'Well done.', incorrect: 'Not quite.' };
const choice = (type: 'single-choice' | 'multiple-choice'): Question => ({
  id: 'q',
  type,
  prompt: 'Pick',
  options: [
    { id: 'a', text: 'A', correct: true, feedback: 'A is right.' },
    { id: 'b', text: 'B', correct: type === 'multiple-choice', feedback: 'About B.' },
    { id: 'c', text: 'C', correct: false, feedback: null },
  ],
});

describe('grading', () => {
  it('grades a single choice and returns the feedback of the chosen option only', () => {
    expect(gradeAnswer(choice('single-choice'), { optionIds: ['b'] })).toEqual({
      correct: false,
      feedback: ['About B.'],
    });
    expect(gradeAnswer(choice('single-choice'), { optionIds: ['a'] })).toEqual({
      correct: true,
      feedback: ['A is right.'],
    });
  });

  it('needs every correct option and no other in a select-all question', () => {
    const q = choice('multiple-choice');
    expect(gradeAnswer(q, { optionIds: ['a'] }).correct).toBe(false);
    expect(gradeAnswer(q, { optionIds: ['a', 'b', 'c'] }).correct).toBe(false);
    expect(gradeAnswer(q, { optionIds: ['b', 'a'] }).correct).toBe(true);
  });

  it('refuses options the question does not have and answers of the wrong shape', () => {
    expect(() => gradeAnswer(choice('single-choice'), { optionIds: ['z'] })).toThrow(
      /options the question does not have/,
    );
    expect(() => gradeAnswer(choice('single-choice'), { optionIds: ['a', 'b'] })).toThrow(
      /exactly one option/,
    );
    expect(() => gradeAnswer(choice('single-choice'), { text: 'a' })).toThrow(/answered with/);
  });

  it('grades true/false with the feedback of the outcome', () => {
    const q: Question = { id: 'q', type: 'true-false', prompt: 'True?', answer: false, feedback };
    expect(gradeAnswer(q, { value: true })).toEqual({ correct: false, feedback: ['Not quite.'] });
    expect(gradeAnswer(q, { value: false })).toEqual({ correct: true, feedback: ['Well done.'] });
  });

  it('accepts numbers within the tolerance', () => {
    const q: Question = { id: 'q', type: 'numeric', prompt: 'Pi?', answer: 3.14, tolerance: 0.01, feedback };
    expect(gradeAnswer(q, { number: 3.15 }).correct).toBe(true);
    expect(gradeAnswer(q, { number: 3.16 }).correct).toBe(false);
  });

  it('matches short text after normalising case, spacing and trailing punctuation', () => {
    const q: Question = {
      id: 'q',
      type: 'short-text',
      prompt: 'Law?',
      acceptedAnswers: ['Fair Labor Standards Act', 'FLSA'],
      feedback,
    };
    expect(gradeAnswer(q, { text: '  fair   labor standards ACT. ' }).correct).toBe(true);
    expect(gradeAnswer(q, { text: 'flsa' }).correct).toBe(true);
    expect(gradeAnswer(q, { text: 'FMLA' }).correct).toBe(false);
    expect(gradeAnswer(q, { text: '   ' }).correct).toBe(false);
    expect(normaliseText('Ｎóminas')).toBe('nóminas');
  });
});
