import { describe, expect, it } from 'vitest';
import type { Question } from '../catalog/index.ts';
import { gradeAnswer } from './grading.ts';
import { assessmentPassed, type ProgressFacts } from './model.ts';
import {
  type AssessmentUnit,
  applyDraw,
  askedQuestionIds,
  drawAssessment,
  drawSeed,
  isVaried,
  seededRandom,
  shuffled,
} from './pool.ts';

const choice = (n: number): Question => ({
  id: `q${n}`,
  type: 'single-choice',
  prompt: `Question ${n}?`,
  options: ['a', 'b', 'c', 'd'].map((letter) => ({
    id: `q${n}${letter}`,
    text: `${letter}`,
    correct: letter === 'a',
    feedback: null,
  })),
});

const pool = (overrides: Partial<AssessmentUnit> = {}): AssessmentUnit => ({
  id: 'quiz',
  kind: 'assessment',
  title: 'Check yourself',
  questions: Array.from({ length: 12 }, (_, i) => choice(i + 1)),
  ...overrides,
});

const facts = (drawn: Record<string, string[]>, correct: string[]): ProgressFacts => ({
  opened: new Set(),
  latestCorrect: new Map(correct.map((id) => [id, true])),
  evidence: new Map(),
  drawn: new Map(Object.entries(drawn)),
});

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = seededRandom('enrolment-1/quiz');
    const b = seededRandom('enrolment-1/quiz');
    const c = seededRandom('enrolment-2/quiz');
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const n of first) expect(n >= 0 && n < 1).toBe(true);
  });

  it('shuffles into a permutation of the same items, each order about equally often', () => {
    const counts = new Map<string, number>();
    const random = seededRandom('fairness');
    for (let i = 0; i < 6000; i++) {
      const order = shuffled(['x', 'y', 'z'], random).join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['xyz', 'xzy', 'yxz', 'yzx', 'zxy', 'zyx']);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});

describe('drawing questions from a pool', () => {
  it('asks every question in the author’s order when nothing is pooled or shuffled', () => {
    const unit = pool();
    expect(isVaried(unit)).toBe(false);
    const draw = drawAssessment(unit, 'seed');
    expect(draw.questionIds).toEqual(unit.questions.map((q) => q.id));
    expect(draw.optionOrder.q1).toEqual(['q1a', 'q1b', 'q1c', 'q1d']);
  });

  it('draws 5 distinct questions of 12, kept in the author’s order unless shuffled', () => {
    const draw = drawAssessment(pool({ draw: 5 }), drawSeed('e1', 'quiz'));
    expect(draw.questionIds).toHaveLength(5);
    expect(new Set(draw.questionIds).size).toBe(5);
    const positions = draw.questionIds.map((id) => Number(id.slice(1)));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  });

  it('draws the same set for the same attempt and other sets for other attempts', () => {
    const unit = pool({ draw: 5, shuffleQuestions: true, shuffleOptions: true });
    expect(drawAssessment(unit, drawSeed('e1', 'quiz'))).toEqual(
      drawAssessment(unit, drawSeed('e1', 'quiz')),
    );
    const sets = new Set(
      Array.from({ length: 20 }, (_, i) =>
        drawAssessment(unit, drawSeed(`e${i}`, 'quiz')).questionIds.join(),
      ),
    );
    expect(sets.size).toBeGreaterThan(15);
  });

  it('shuffles question order and answer choices when asked', () => {
    const unit = pool({ shuffleQuestions: true, shuffleOptions: true });
    const draws = Array.from({ length: 10 }, (_, i) => drawAssessment(unit, `s${i}`));
    expect(draws.some((d) => d.questionIds.join() !== unit.questions.map((q) => q.id).join())).toBe(true);
    expect(draws.some((d) => d.optionOrder.q1?.join() !== 'q1a,q1b,q1c,q1d')).toBe(true);
    for (const d of draws) expect([...(d.optionOrder.q1 ?? [])].sort()).toEqual(['q1a', 'q1b', 'q1c', 'q1d']);
  });

  it('presents the drawn questions in their order with their options in theirs', () => {
    const unit = pool({ draw: 3, shuffleQuestions: true, shuffleOptions: true });
    const draw = drawAssessment(unit, 'present');
    const asked = applyDraw(unit, draw);
    expect(asked.questions.map((q) => q.id)).toEqual(draw.questionIds);
    const first = asked.questions[0];
    if (first?.type !== 'single-choice') throw new Error('expected a choice question');
    expect(first.options.map((o) => o.id)).toEqual(draw.optionOrder[first.id]);
  });
});

describe('grading a pooled assessment', () => {
  it('counts only the drawn questions: passed when every drawn one is answered right', () => {
    const unit = pool({ draw: 2 });
    expect(assessmentPassed(unit, facts({ quiz: ['q3', 'q7'] }, ['q3']))).toBe(false);
    expect(assessmentPassed(unit, facts({ quiz: ['q3', 'q7'] }, ['q3', 'q7']))).toBe(true);
  });

  it('is not passed before anything was drawn, even with no answers to check', () => {
    expect(askedQuestionIds(pool({ draw: 2 }), undefined)).toBeNull();
    expect(assessmentPassed(pool({ draw: 2 }), facts({}, []))).toBe(false);
  });

  it('asks every question of a shuffled assessment without a draw', () => {
    const unit = pool({ shuffleQuestions: true });
    expect(askedQuestionIds(unit, undefined)).toHaveLength(12);
  });

  it('grades a shuffled choice question by option id, not by position', () => {
    const unit = pool({ shuffleOptions: true });
    const asked = applyDraw(unit, drawAssessment(unit, 'grading'));
    const question = asked.questions.find((q) => q.id === 'q1') as Question;
    expect(gradeAnswer(question, { optionIds: ['q1a'] }).correct).toBe(true);
    expect(gradeAnswer(question, { optionIds: ['q1b'] }).correct).toBe(false);
  });
});
