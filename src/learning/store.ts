// SQL of the learning context. Every learner-facing query is filtered by the learner's own user id.
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type {
  AnswersTable,
  AttestationsTable,
  CompletionsTable,
  EnrolmentsTable,
  EvidenceSubmissionsTable,
  GivenAnswer,
  LearningEventsTable,
} from './tables.ts';

export type EnrolmentRow = Selectable<EnrolmentsTable>;
export type AnswerRow = Selectable<AnswersTable>;
export type SubmissionRow = Selectable<EvidenceSubmissionsTable>;
export type CompletionRow = Selectable<CompletionsTable>;
export type AttestationRow = Selectable<AttestationsTable>;

export async function insertAttestation(
  db: Executor,
  attestation: Insertable<AttestationsTable>,
): Promise<AttestationRow> {
  return db.insertInto('attestations').values(attestation).returningAll().executeTakeFirstOrThrow();
}

export async function findAttestation(db: Executor, tokenHash: string): Promise<AttestationRow | undefined> {
  return db.selectFrom('attestations').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function recordAttestationDecision(
  db: Executor,
  attestationId: string,
  decision: Pick<AttestationRow, 'decision' | 'decidedAt' | 'comment'>,
): Promise<void> {
  await db.updateTable('attestations').set(decision).where('id', '=', attestationId).execute();
}

/** The newest supervisor attestation of each of these submissions (what the assessor sees in the queue). */
export async function attestationsOfSubmissions(
  db: Executor,
  submissionIds: string[],
): Promise<Map<string, AttestationRow>> {
  if (submissionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('attestations')
    .selectAll()
    .where('submissionId', 'in', submissionIds)
    .orderBy('createdAt')
    .execute();
  return new Map(rows.map((row) => [row.submissionId, row]));
}

/** Any submission by id: for the holder of an attestation token, who is no member of anything. */
export async function submissionById(db: Executor, submissionId: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('evidenceSubmissions').selectAll().where('id', '=', submissionId).executeTakeFirst();
}

export async function enrolmentRevision(db: Executor, enrolmentId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('enrolments')
    .select('revisionId')
    .where('id', '=', enrolmentId)
    .executeTakeFirst();
  return row?.revisionId;
}

/**
 * `attempt` comes from the enrolment the caller read (previous + 1), not from a fresh max(): two racing
 * enrolments then both claim the same attempt and the unique key lets only one through.
 */
export async function insertEnrolment(
  db: Executor,
  enrolment: Insertable<EnrolmentsTable>,
): Promise<EnrolmentRow> {
  return db.insertInto('enrolments').values(enrolment).returningAll().executeTakeFirstOrThrow();
}

export async function latestEnrolment(
  db: Executor,
  userId: string,
  courseId: string,
): Promise<EnrolmentRow | undefined> {
  return db
    .selectFrom('enrolments')
    .selectAll()
    .where('userId', '=', userId)
    .where('courseId', '=', courseId)
    .orderBy('attempt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function enrolmentsOfUser(db: Executor, userId: string): Promise<EnrolmentRow[]> {
  return db
    .selectFrom('enrolments')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('enrolledAt', 'desc')
    .execute();
}

/** The learner's own enrolment; `lock` serialises writes on it (answers, evidence, completion). */
export async function findEnrolment(
  db: Executor,
  userId: string,
  enrolmentId: string,
  lock = false,
): Promise<EnrolmentRow | undefined> {
  const query = db
    .selectFrom('enrolments')
    .selectAll()
    .where('id', '=', enrolmentId)
    .where('userId', '=', userId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function lockEnrolmentById(db: Executor, enrolmentId: string): Promise<EnrolmentRow> {
  return db
    .selectFrom('enrolments')
    .selectAll()
    .where('id', '=', enrolmentId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function recordOpen(
  db: Executor,
  enrolmentId: string,
  unitId: string,
  at: Date,
  completesUnit: boolean,
): Promise<void> {
  await db
    .insertInto('unitProgress')
    .values({ enrolmentId, unitId, openedAt: at, completedAt: completesUnit ? at : null })
    .onConflict((oc) => oc.columns(['enrolmentId', 'unitId']).doNothing())
    .execute();
  await db
    .updateTable('enrolments')
    .set({ positionUnitId: unitId, firstOpenedAt: sql<Date>`coalesce(first_opened_at, ${at})` })
    .where('id', '=', enrolmentId)
    .execute();
}

export async function openedUnits(
  db: Executor,
  enrolmentIds: string[],
): Promise<Array<{ enrolmentId: string; unitId: string }>> {
  if (enrolmentIds.length === 0) return [];
  return db
    .selectFrom('unitProgress')
    .select(['enrolmentId', 'unitId'])
    .where('enrolmentId', 'in', enrolmentIds)
    .execute();
}

export async function insertAnswer(
  db: Executor,
  answer: {
    enrolmentId: string;
    unitId: string;
    questionId: string;
    answer: GivenAnswer;
    correct: boolean;
    answeredAt: Date;
  },
): Promise<AnswerRow> {
  return db
    .insertInto('answers')
    .values({ ...answer, answer: JSON.stringify(answer.answer) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The newest answer per question of each enrolment (history stays in the table). */
export async function latestAnswers(db: Executor, enrolmentIds: string[]): Promise<AnswerRow[]> {
  if (enrolmentIds.length === 0) return [];
  return db
    .selectFrom('answers')
    .selectAll()
    .distinctOn(['enrolmentId', 'questionId'])
    .where('enrolmentId', 'in', enrolmentIds)
    .orderBy('enrolmentId')
    .orderBy('questionId')
    .orderBy('seq', 'desc')
    .execute();
}

/** Whether each question answered in an enrolment was right at the first try, by question id. */
export async function firstAnswers(db: Executor, enrolmentId: string): Promise<Map<string, boolean>> {
  const rows = await db
    .selectFrom('answers')
    .select(['questionId', 'correct'])
    .distinctOn('questionId')
    .where('enrolmentId', '=', enrolmentId)
    .orderBy('questionId')
    .orderBy('seq', 'asc')
    .execute();
  return new Map(rows.map((r) => [r.questionId, r.correct]));
}

export async function answerStats(
  db: Executor,
  enrolmentId: string,
): Promise<{ given: number; firstTimeCorrect: number }> {
  const first = await firstAnswers(db, enrolmentId);
  const given = await db
    .selectFrom('answers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('enrolmentId', '=', enrolmentId)
    .executeTakeFirstOrThrow();
  return { given: Number(given.n), firstTimeCorrect: [...first.values()].filter(Boolean).length };
}

export async function insertSubmission(
  db: Executor,
  submission: Insertable<EvidenceSubmissionsTable>,
): Promise<SubmissionRow> {
  return db.insertInto('evidenceSubmissions').values(submission).returningAll().executeTakeFirstOrThrow();
}

/** Per enrolment and unit, the newest submission (a live one, if any, is always the newest). */
export async function latestSubmissions(db: Executor, enrolmentIds: string[]): Promise<SubmissionRow[]> {
  if (enrolmentIds.length === 0) return [];
  return db
    .selectFrom('evidenceSubmissions')
    .selectAll()
    .distinctOn(['enrolmentId', 'unitId'])
    .where('enrolmentId', 'in', enrolmentIds)
    .orderBy('enrolmentId')
    .orderBy('unitId')
    .orderBy('submittedAt', 'desc')
    .execute();
}

export async function submissionsOfOrg(
  db: Executor,
  orgId: string,
  status: SubmissionRow['status'],
  limit: number,
): Promise<SubmissionRow[]> {
  return db
    .selectFrom('evidenceSubmissions')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('status', '=', status)
    .orderBy('submittedAt')
    .limit(limit)
    .execute();
}

export async function findSubmission(
  db: Executor,
  orgId: string,
  submissionId: string,
  lock = false,
): Promise<SubmissionRow | undefined> {
  const query = db
    .selectFrom('evidenceSubmissions')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', submissionId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** A learner's change to work still waiting for review (undefined once it is reviewed). */
export async function replacePendingResponse(
  db: Executor,
  submissionId: string,
  response: string,
): Promise<SubmissionRow | undefined> {
  return db
    .updateTable('evidenceSubmissions')
    .set({ response })
    .where('id', '=', submissionId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function recordReview(
  db: Executor,
  submissionId: string,
  review: Pick<SubmissionRow, 'status' | 'reviewerId' | 'reviewedAt' | 'feedback' | 'scores'>,
): Promise<SubmissionRow> {
  return db
    .updateTable('evidenceSubmissions')
    .set({ ...review, scores: review.scores ? JSON.stringify(review.scores) : null })
    .where('id', '=', submissionId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function enrolmentsByIds(db: Executor, ids: string[]): Promise<EnrolmentRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('enrolments').selectAll().where('id', 'in', ids).execute();
}

/** Exactly once per enrolment: a second attempt inserts nothing and returns undefined. */
export async function insertCompletionOnce(
  db: Executor,
  completion: Insertable<CompletionsTable>,
): Promise<CompletionRow | undefined> {
  return db
    .insertInto('completions')
    .values(completion)
    .onConflict((oc) => oc.column('enrolmentId').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function insertEvent(db: Executor, event: Insertable<LearningEventsTable>): Promise<void> {
  await db
    .insertInto('learningEvents')
    .values(event)
    .onConflict((oc) => oc.columns(['type', 'subjectId']).doNothing())
    .execute();
}

export async function completionsOf(
  db: Executor,
  where: { userId?: string; enrolmentIds?: string[]; id?: string; activityCode?: string },
): Promise<CompletionRow[]> {
  let query = db.selectFrom('completions').selectAll();
  if (where.userId) query = query.where('userId', '=', where.userId);
  if (where.id) query = query.where('id', '=', where.id);
  if (where.activityCode) query = query.where('activityCode', '=', where.activityCode);
  if (where.enrolmentIds) {
    if (where.enrolmentIds.length === 0) return [];
    query = query.where('enrolmentId', 'in', where.enrolmentIds);
  }
  return query.orderBy('completedAt', 'desc').execute();
}
