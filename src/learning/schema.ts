// Requests and replies of the learning routes; presenters pick fields explicitly (answers of questions
// are never part of any reply here: units go through the catalog's publicUnit).
import { z } from 'zod';
import {
  type EvidenceTaskKind,
  evidenceTaskSchema,
  playerUnitSchema,
  publicUnit,
  rubricCriterionSchema,
  unitKindSchema,
} from '../catalog/index.ts';
import type { AttestationView } from './attestation.ts';
import type { CertificateFacts } from './completion.ts';
import { type EnrolmentView, progressOf } from './enrolment.ts';
import type { QueueItem } from './evidence.ts';
import { UNIT_STATUSES, unitStatuses } from './model.ts';
import type { CompletionRow, SubmissionRow } from './store.ts';
import { wordLimitsIn } from './word-limits.ts';

export const enrolBody = z.strictObject({ courseId: z.uuid() });

export const givenAnswer = z.union([
  z.strictObject({ optionIds: z.array(z.string().min(1).max(40)).min(1).max(12) }),
  z.strictObject({ value: z.boolean() }),
  z.strictObject({ number: z.number().finite() }),
  z.strictObject({ text: z.string().max(1000) }),
]);

/** An answer as a reply repeats it (the shapes of givenAnswer, without the input limits). */
const givenAnswerReply = z.union([
  z.object({ optionIds: z.array(z.string()) }),
  z.object({ value: z.boolean() }),
  z.object({ number: z.number() }),
  z.object({ text: z.string() }),
]);

export const answerBody = z.strictObject({
  unitId: z.string().min(1).max(40),
  questionId: z.string().min(1).max(40),
  answer: givenAnswer,
  /** Optional guard: the revision the player shows; a stale tab gets 409 revision-mismatch. */
  revision: z.number().int().min(1).optional(),
});

export const evidenceBody = z.strictObject({
  unitId: z.string().min(1).max(40),
  response: z.union([
    z.strictObject({ text: z.string().trim().min(1).max(50_000) }),
    z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2048) }),
    z.strictObject({ code: z.string().trim().min(1).max(40) }),
    z.strictObject({
      statement: z.string().trim().min(1).max(10_000),
      supervisorName: z.string().trim().min(1).max(200),
      supervisorEmail: z.email().max(320),
    }),
  ]),
});

export const reviewBody = z.strictObject({
  decision: z.enum(['accept', 'return']),
  feedback: z.string().trim().min(1).max(10_000),
  scores: z
    .array(z.strictObject({ criterion: z.string().min(1).max(200), level: z.string().min(1).max(100) }))
    .max(12)
    .default([]),
});

export const queueQuery = z.strictObject({
  status: z.enum(['attesting', 'pending', 'accepted', 'returned']).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const completionSchema = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  activityCode: z.string(),
  completedAt: z.string(),
  score: z.object({
    questions: z.number(),
    firstTimeCorrect: z.number(),
    answersGiven: z.number(),
    evidenceAccepted: z.number(),
  }),
});

export const completion = {
  schema: completionSchema,
  present: (row: CompletionRow): z.infer<typeof completionSchema> => ({
    id: row.id,
    courseId: row.courseId,
    activityCode: row.activityCode,
    completedAt: row.completedAt.toISOString(),
    score: row.score,
  }),
};

const submissionSchema = z.object({
  id: z.uuid(),
  unitId: z.string(),
  task: evidenceTaskSchema,
  response: z.string(),
  status: z.enum(['attesting', 'pending', 'accepted', 'returned']),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  feedback: z.string().nullable(),
  scores: z.array(z.object({ criterion: z.string(), level: z.string(), points: z.number() })).nullable(),
});

export const submission = {
  schema: submissionSchema,
  present: (row: SubmissionRow): z.infer<typeof submissionSchema> => ({
    id: row.id,
    unitId: row.unitId,
    // Written from the unit's task when handed in, so always one of the tasks.
    task: row.task as EvidenceTaskKind,
    response: row.response,
    status: row.status,
    submittedAt: row.submittedAt.toISOString(),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    feedback: row.feedback,
    scores: row.scores,
  }),
};

const enrolmentSchema = z.object({
  id: z.uuid(),
  course: z.object({
    id: z.uuid(),
    title: z.string(),
    revision: z.number().int(),
    estimatedMinutes: z.number().int(),
  }),
  enrolledAt: z.string(),
  accessUntil: z.string(),
  expired: z.boolean(),
  firstOpenedAt: z.string().nullable(),
  position: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  units: z.array(
    z.object({ id: z.string(), kind: unitKindSchema, title: z.string(), status: z.enum(UNIT_STATUSES) }),
  ),
  completion: completionSchema.nullable(),
});

export const enrolment = {
  schema: enrolmentSchema,
  present: (view: EnrolmentView): z.infer<typeof enrolmentSchema> => {
    const { enrolment: e, revision } = view;
    const statuses = unitStatuses(revision.units, view.facts);
    return {
      id: e.id,
      course: {
        id: e.courseId,
        title: revision.title,
        revision: revision.number,
        estimatedMinutes: revision.estimatedMinutes,
      },
      enrolledAt: e.enrolledAt.toISOString(),
      accessUntil: e.accessUntil.toISOString(),
      expired: view.expired,
      firstOpenedAt: e.firstOpenedAt?.toISOString() ?? null,
      position: e.positionUnitId,
      progress: progressOf(view),
      units: revision.units.map((u, i) => ({
        id: u.id,
        kind: u.kind,
        title: u.title,
        status: statuses[i] ?? 'locked',
      })),
      completion: view.completion ? completion.present(view.completion) : null,
    };
  },
};

export const playerUnit = {
  schema: z.object({
    enrolment: enrolmentSchema,
    unit: playerUnitSchema,
    /** The learner's own newest answers in this unit, as given, with whether each was right. */
    answers: z.array(
      z.object({
        questionId: z.string(),
        answer: givenAnswerReply,
        correct: z.boolean(),
        answeredAt: z.string(),
      }),
    ),
    submission: submissionSchema.nullable(),
  }),
  present: (view: EnrolmentView & { unit: Parameters<typeof publicUnit>[0] }) => ({
    enrolment: enrolment.present(view),
    unit: {
      ...publicUnit(view.unit),
      // An essay's word limits, as its instructions state them: the player counts words live against them.
      ...(view.unit.kind === 'evidence' && view.unit.task === 'essay'
        ? { wordLimits: wordLimitsIn(view.unit.instructions) }
        : {}),
    },
    answers: view.answers
      .filter((a) => a.unitId === view.unit.id)
      .map((a) => ({
        questionId: a.questionId,
        answer: a.answer,
        correct: a.correct,
        answeredAt: a.answeredAt.toISOString(),
      })),
    submission: ((s) => (s ? submission.present(s) : null))(
      view.submissions.find((s) => s.unitId === view.unit.id),
    ),
  }),
};

export const queueItem = {
  schema: z.object({
    submission: submissionSchema,
    learnerName: z.string(),
    courseTitle: z.string(),
    task: z
      .object({
        title: z.string(),
        instructions: z.string(),
        rubric: z.array(rubricCriterionSchema),
      })
      .nullable(),
    /** For a supervisor-attestation task: who was asked, and whether, when and with what words they answered. */
    attestation: z
      .object({
        supervisorName: z.string(),
        supervisorEmail: z.string(),
        decision: z.enum(['confirmed', 'declined']).nullable(),
        decidedAt: z.string().nullable(),
        comment: z.string().nullable(),
      })
      .nullable()
      .meta({
        example: {
          supervisorName: 'Bea Boss',
          supervisorEmail: 'bea@employer.example',
          decision: 'confirmed',
          decidedAt: '2026-05-04T09:30:00.000Z',
          comment: 'Ran the March payroll without help.',
        },
      }),
  }),
  present: (item: QueueItem) => ({
    submission: submission.present(item.submission),
    learnerName: item.learnerName,
    courseTitle: item.courseTitle,
    task: item.unit
      ? {
          title: item.unit.title,
          instructions: item.unit.instructions,
          rubric: item.unit.rubric,
        }
      : null,
    attestation: item.attestation
      ? {
          supervisorName: item.attestation.supervisorName,
          supervisorEmail: item.attestation.supervisorEmail,
          decision: item.attestation.decision,
          decidedAt: item.attestation.decidedAt?.toISOString() ?? null,
          comment: item.attestation.comment,
        }
      : null,
  }),
};

export const attestationBody = z.strictObject({
  decision: z.enum(['confirm', 'decline']),
  comment: z.string().trim().min(1).max(2000).optional(),
});

export const attestation = {
  schema: z.object({
    supervisorName: z.string(),
    learnerName: z.string(),
    courseTitle: z.string(),
    taskTitle: z.string(),
    instructions: z.string(),
    statement: z.string(),
    expiresAt: z.string(),
    decision: z.enum(['confirmed', 'declined']).nullable(),
    decidedAt: z.string().nullable(),
  }),
  present: (view: AttestationView) => ({
    supervisorName: view.attestation.supervisorName,
    learnerName: view.learnerName,
    courseTitle: view.courseTitle,
    taskTitle: view.taskTitle,
    instructions: view.instructions,
    statement: view.submission.response,
    expiresAt: view.attestation.expiresAt.toISOString(),
    decision: view.attestation.decision,
    decidedAt: view.attestation.decidedAt?.toISOString() ?? null,
  }),
};

export const certificate = {
  schema: z.object({
    valid: z.literal(true),
    activityCode: z.string(),
    learnerName: z.string(),
    courseTitle: z.string(),
    revision: z.number().int(),
    hours: z.number(),
    completedAt: z.string(),
    issuer: z.object({ name: z.string(), slug: z.string() }),
    url: z.string(),
  }),
  present: (facts: CertificateFacts) => ({
    valid: true as const,
    activityCode: facts.completion.activityCode,
    learnerName: facts.learnerName,
    courseTitle: facts.courseTitle,
    revision: facts.revision,
    hours: facts.hours,
    completedAt: facts.completion.completedAt.toISOString(),
    issuer: facts.issuer,
    url: facts.verifyUrl,
  }),
};
