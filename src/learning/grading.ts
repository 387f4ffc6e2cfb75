// Grading assessment answers: pure functions, no I/O. The feedback returned is only the author's words
// for what the learner chose (per option) or for a right/wrong answer — never the correct answer itself.
import type { Question } from '../catalog/index.ts';
import { InvalidError } from '../errors.ts';
import type { GivenAnswer } from './tables.ts';

export interface Grade {
  correct: boolean;
  feedback: string[];
}

/** Case, width, accents' composition, spacing and trailing punctuation do not make an answer wrong. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('und')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“”‘’]+|["'“”‘’.!?;:]+$/g, '')
    .trim();
}

const wrongShape = (question: Question, expected: string) =>
  new InvalidError(`A ${question.type} question is answered with ${expected}.`, [
    {
      path: 'body.answer',
      message: `must be ${expected}`,
      code: expected === 'exactly one option' ? 'exactly-one-option' : 'answer-shape',
      params: { expected },
    },
  ]);

const byOutcome = (
  correct: boolean,
  feedback: { correct: string | null; incorrect: string | null },
): Grade => {
  const words = correct ? feedback.correct : feedback.incorrect;
  return { correct, feedback: words ? [words] : [] };
};

export function gradeAnswer(question: Question, answer: GivenAnswer): Grade {
  switch (question.type) {
    case 'single-choice':
    case 'multiple-choice': {
      if (!('optionIds' in answer)) throw wrongShape(question, '{"optionIds": [...]}');
      const chosen = new Set(answer.optionIds);
      const known = new Set(question.options.map((o) => o.id));
      const unknown = [...chosen].filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new InvalidError('The answer names options the question does not have.', [
          {
            path: 'body.answer.optionIds',
            message: `unknown option(s): ${unknown.join(', ')}`,
            code: 'unknown-options',
            params: { options: unknown.join(', ') },
          },
        ]);
      }
      if (question.type === 'single-choice' && chosen.size !== 1)
        throw wrongShape(question, 'exactly one option');
      const correct = question.options.every((o) => o.correct === chosen.has(o.id));
      const feedback = question.options.flatMap((o) => (chosen.has(o.id) && o.feedback ? [o.feedback] : []));
      return { correct, feedback };
    }
    case 'true-false':
      if (!('value' in answer)) throw wrongShape(question, '{"value": true|false}');
      return byOutcome(answer.value === question.answer, question.feedback);
    case 'numeric':
      if (!('number' in answer)) throw wrongShape(question, '{"number": n}');
      // A tiny epsilon so that 0.1 + 0.2 style answers are not refused at the edge of the tolerance.
      return byOutcome(
        Math.abs(answer.number - question.answer) <= question.tolerance + 1e-9,
        question.feedback,
      );
    case 'short-text': {
      if (!('text' in answer)) throw wrongShape(question, '{"text": "..."}');
      const given = normaliseText(answer.text);
      return byOutcome(
        given.length > 0 && question.acceptedAnswers.some((a) => normaliseText(a) === given),
        question.feedback,
      );
    }
  }
}
