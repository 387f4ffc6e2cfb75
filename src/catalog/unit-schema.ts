// Reply shapes of course units (model.ts): the authored unit with its answers (authors only), the public unit a
// learner or a preview sees (never an answer) and the course page's outline. Replies are checked against them.
import { z } from 'zod';
import { EVIDENCE_TASKS, UPLOAD_FILE_TYPES } from './model.ts';

export const unitKindSchema = z.enum(['lesson', 'assessment', 'evidence']);
export const evidenceTaskSchema = z.enum(EVIDENCE_TASKS);

export const rubricCriterionSchema = z.object({
  criterion: z.string(),
  levels: z.array(z.object({ label: z.string(), points: z.number() })),
});

const uploadRulesSchema = z
  .object({ types: z.array(z.enum(UPLOAD_FILE_TYPES)), maxMegabytes: z.number().int() })
  .nullable()
  .meta({ description: 'Only for file-upload tasks: the file types taken and the size limit' });

const answerFeedbackSchema = z.object({ correct: z.string().nullable(), incorrect: z.string().nullable() });

const authoredQuestionSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.string(),
    type: z.enum(['single-choice', 'multiple-choice']),
    prompt: z.string(),
    options: z.array(
      z.object({ id: z.string(), text: z.string(), correct: z.boolean(), feedback: z.string().nullable() }),
    ),
  }),
  z.object({
    id: z.string(),
    type: z.literal('true-false'),
    prompt: z.string(),
    answer: z.boolean(),
    feedback: answerFeedbackSchema,
  }),
  z.object({
    id: z.string(),
    type: z.literal('numeric'),
    prompt: z.string(),
    answer: z.number(),
    tolerance: z.number(),
    feedback: answerFeedbackSchema,
  }),
  z.object({
    id: z.string(),
    type: z.literal('short-text'),
    prompt: z.string(),
    acceptedAnswers: z.array(z.string()),
    feedback: answerFeedbackSchema,
  }),
]);

/** A unit as its authors edit it: answers, feedback and attendance codes included. */
export const authoredUnitSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    kind: z.literal('lesson'),
    title: z.string(),
    markdown: z.string(),
    html: z.string().meta({ description: 'The Markdown rendered at save time' }),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('assessment'),
    title: z.string(),
    questions: z.array(authoredQuestionSchema),
    draw: z.number().int().nullable().optional().meta({
      description: 'Questions drawn at random per attempt; null or absent: every question',
    }),
    shuffleQuestions: z.boolean().optional(),
    shuffleOptions: z.boolean().optional(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('evidence'),
    title: z.string(),
    task: evidenceTaskSchema,
    instructions: z.string(),
    needsReview: z.boolean(),
    attendanceCode: z.string().nullable(),
    upload: uploadRulesSchema,
    rubric: z.array(rubricCriterionSchema),
  }),
]);

/** A question as a learner sees it: prompt and options, no answer, no feedback. */
export const publicQuestionSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.string(),
    type: z.enum(['single-choice', 'multiple-choice']),
    prompt: z.string(),
    options: z.array(z.object({ id: z.string(), text: z.string() })),
  }),
  z.object({ id: z.string(), type: z.enum(['true-false', 'numeric', 'short-text']), prompt: z.string() }),
]);

const publicLesson = z.object({
  id: z.string(),
  kind: z.literal('lesson'),
  title: z.string(),
  html: z.string(),
});
const publicAssessment = z.object({
  id: z.string(),
  kind: z.literal('assessment'),
  title: z.string(),
  questions: z.array(publicQuestionSchema),
});
const publicEvidence = z.object({
  id: z.string(),
  kind: z.literal('evidence'),
  title: z.string(),
  task: evidenceTaskSchema,
  instructions: z.string(),
  needsReview: z.boolean(),
  upload: uploadRulesSchema,
  rubric: z.array(rubricCriterionSchema),
});

/** A unit as a learner (or the author's preview) sees it. */
export const publicUnitSchema = z.discriminatedUnion('kind', [
  publicLesson,
  publicAssessment,
  publicEvidence,
]);

/** The player's unit: the public unit, and for an essay the word limits its instructions state. */
export const playerUnitSchema = z.discriminatedUnion('kind', [
  publicLesson,
  publicAssessment,
  publicEvidence.extend({
    wordLimits: z
      .object({ min: z.number().nullable(), max: z.number().nullable() })
      .nullable()
      .optional()
      .meta({ description: 'Essays only: the word limits the instructions state (null: none stated)' }),
  }),
]);

/** The course page's outline of a unit: titles and sizes, no content. */
export const unitOutlineSchema = z.object({
  id: z.string(),
  kind: unitKindSchema,
  title: z.string(),
  questionCount: z.number().int(),
});
