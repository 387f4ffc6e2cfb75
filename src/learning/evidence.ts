// Evidence tasks: a learner hands in an essay, a URL or an attendance code; tasks that need judgement wait
// in the issuer's review queue, where an assessor scores the rubric, writes feedback, accepts or returns —
// and the learner gets a mail saying which (review-mail.ts). An essay's length is held to the word limits its
// instructions state (word-limits.ts); an essay or link still waiting for review may be changed.
import type { RubricCriterion, Unit } from '../catalog/index.ts';
import { revisionContent } from '../catalog/index.ts';
import type { Deps } from '../deps.ts';
import {
  ConflictError,
  type FieldProblem,
  type FieldProblemCode,
  InvalidError,
  NotFoundError,
  RuleError,
} from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope, userSummaries } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { requestAttestation } from './attestation.ts';
import { completeIfDone, recordEvidenceAccepted } from './completion.ts';
import { recordEvidenceReviewed, recordEvidenceSubmitted } from './evidence-webhooks.ts';
import { normaliseText } from './grading.ts';
import { forLearnerWrite, type LearnerWrite } from './player.ts';
import { queueReviewMail } from './review-mail.ts';
import {
  type AttestationRow,
  attestationsOfSubmissions,
  enrolmentsByIds,
  findSubmission,
  insertSubmission,
  lockEnrolmentById,
  recordReview,
  replacePendingResponse,
  type SubmissionRow,
  submissionsOfOrg,
} from './store.ts';
import type { RubricScore } from './tables.ts';
import { countWords, wordLimitProblem, wordLimitsIn } from './word-limits.ts';

export const REVIEWERS = ['owner', 'admin', 'assessor'] as const;

export type EvidenceResponse =
  | { text: string }
  | { url: string }
  | { code: string }
  | { statement: string; supervisorName: string; supervisorEmail: string };
type EvidenceUnit = Extract<Unit, { kind: 'evidence' }>;

function responseFor(unit: EvidenceUnit, response: EvidenceResponse): string {
  if (unit.task === 'file-upload') {
    throw new InvalidError(
      'This task takes a file: upload it as multipart/form-data to …/evidence/{unitId}/file.',
      [{ path: 'body.unitId', message: 'is a file-upload task', code: 'file-upload-task' }],
    );
  }
  const expected = {
    essay: 'text',
    url: 'url',
    'attendance-code': 'code',
    'supervisor-attestation': 'statement',
  }[unit.task];
  const value = (response as Record<string, string>)[expected];
  if (value === undefined) {
    throw new InvalidError(`This ${unit.task} task takes {"${expected}": …}.`, [
      { path: `body.response.${expected}`, message: 'is required for this task', code: 'required-for-task' },
    ]);
  }
  if (unit.task === 'attendance-code' && normaliseText(value) !== normaliseText(unit.attendanceCode ?? '')) {
    throw new RuleError('wrong-attendance-code', 'That is not the attendance code of this session.');
  }
  const limits = unit.task === 'essay' ? wordLimitsIn(unit.instructions) : null;
  const tooLongOrShort = wordLimitProblem(value, limits);
  if (tooLongOrShort && limits) {
    throw new InvalidError(`Your essay ${tooLongOrShort}.`, [
      {
        path: 'body.response.text',
        message: tooLongOrShort,
        code:
          limits.min === null
            ? 'word-limit-max'
            : limits.max === null
              ? 'word-limit-min'
              : 'word-limit-range',
        params: {
          words: countWords(value),
          ...(limits.min === null ? {} : { min: limits.min }),
          ...(limits.max === null ? {} : { max: limits.max }),
        },
      },
    ]);
  }
  return value;
}

/** Tasks whose work can be changed while it waits for review (an attestation's supervisor has seen it). */
const EDITABLE_TASKS: ReadonlySet<EvidenceUnit['task']> = new Set(['essay', 'url']);

/** The learner changes an essay or link still waiting for review; it keeps its place in the queue. */
export async function editEvidence(
  deps: Deps,
  actor: Actor | null,
  enrolmentId: string,
  input: { unitId: string; response: EvidenceResponse },
): Promise<SubmissionRow> {
  return forLearnerWrite(deps, actor, enrolmentId, input.unitId, async ({ trx, unit: raw, view }) => {
    const unit = evidenceUnit(raw);
    const pending = view.submissions.find((s) => s.unitId === unit.id && s.status === 'pending');
    if (!EDITABLE_TASKS.has(unit.task) || !pending) {
      throw new ConflictError(
        'Only an essay or a link still waiting for review can be changed: reviewed work is final, and returned work is handed in again.',
        'evidence-not-editable',
      );
    }
    const changed = await replacePendingResponse(trx, pending.id, responseFor(unit, input.response));
    if (!changed) throw new ConflictError('This work was reviewed meanwhile.', 'evidence-not-editable');
    return changed;
  });
}

export async function submitEvidence(
  deps: Deps,
  actor: Actor | null,
  enrolmentId: string,
  input: { unitId: string; response: EvidenceResponse },
): Promise<SubmissionRow> {
  return forLearnerWrite(deps, actor, enrolmentId, input.unitId, async (write) => {
    const unit = evidenceUnit(write.unit);
    const response = responseFor(unit, input.response);
    if (unit.task !== 'supervisor-attestation' || !('supervisorEmail' in input.response)) {
      return recordSubmission(deps, write, response);
    }
    const submission = await recordSubmission(deps, write, response, 'attesting');
    await requestAttestation(deps, write.trx, {
      submission,
      supervisor: { name: input.response.supervisorName, email: input.response.supervisorEmail },
      learnerName: write.learnerName,
      courseTitle: write.view.revision.title,
      taskTitle: unit.title,
    });
    return submission;
  });
}

export function evidenceUnit(unit: Unit): EvidenceUnit {
  if (unit.kind !== 'evidence') {
    throw new InvalidError('This unit is not an evidence task.', [
      { path: 'body.unitId', message: 'is not an evidence task', code: 'not-an-evidence-task' },
    ]);
  }
  return unit;
}

/** Inside a learner write on an evidence unit: one live submission per task; auto-accepted without review. */
export async function recordSubmission(
  deps: Deps,
  write: LearnerWrite,
  response: string,
  status: 'attesting' | null = null,
): Promise<SubmissionRow> {
  const { trx, enrolment, view } = write;
  const unit = evidenceUnit(write.unit);
  const live = view.submissions.find((s) => s.unitId === unit.id && s.status !== 'returned');
  if (live) {
    throw new ConflictError(
      live.status === 'accepted' ? 'This task is already accepted.' : 'This task already waits for review.',
      'evidence-already-submitted',
    );
  }
  const submission = await insertSubmission(trx, {
    enrolmentId: enrolment.id,
    orgId: enrolment.orgId,
    userId: enrolment.userId,
    unitId: unit.id,
    task: unit.task,
    response,
    status: status ?? (unit.needsReview ? 'pending' : 'accepted'),
    submittedAt: deps.now(),
    reviewerId: null,
    reviewedAt: null,
    feedback: null,
  });
  await recordEvidenceSubmitted(deps, trx, submission, enrolment.courseId);
  if (submission.status === 'accepted') {
    await recordEvidenceAccepted(deps, trx, enrolment, submission);
    await completeIfDone(deps, trx, enrolment, view.revision);
  }
  return submission;
}

export interface QueueItem {
  submission: SubmissionRow;
  learnerName: string;
  courseTitle: string;
  unit: EvidenceUnit | null;
  /** The supervisor's answer, for a supervisor-attestation task. */
  attestation: AttestationRow | null;
}

export async function reviewQueue(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  query: { status: SubmissionRow['status']; limit: number },
): Promise<QueueItem[]> {
  requireMembership(actor, orgId, REVIEWERS);
  const submissions = await submissionsOfOrg(deps.db, orgId, query.status, query.limit);
  const enrolments = new Map(
    (
      await enrolmentsByIds(
        deps.db,
        submissions.map((s) => s.enrolmentId),
      )
    ).map((e) => [e.id, e]),
  );
  const learners = new Map(
    (
      await userSummaries(
        deps,
        submissions.map((s) => s.userId),
      )
    ).map((u) => [u.id, u.name]),
  );
  const attestations = await attestationsOfSubmissions(
    deps.db,
    submissions.map((s) => s.id),
  );
  const items: QueueItem[] = [];
  for (const submission of submissions) {
    const revisionId = enrolments.get(submission.enrolmentId)?.revisionId;
    const revision = revisionId ? await revisionContent(deps.db, revisionId) : null;
    const unit = revision?.units.find(
      (u): u is EvidenceUnit => u.id === submission.unitId && u.kind === 'evidence',
    );
    items.push({
      submission,
      learnerName: learners.get(submission.userId) ?? '',
      courseTitle: revision?.title ?? '',
      unit: unit ?? null,
      attestation: attestations.get(submission.id) ?? null,
    });
  }
  return items;
}

function scoresFor(
  rubric: RubricCriterion[],
  given: Array<{ criterion: string; level: string }>,
): RubricScore[] {
  const problems = rubric.flatMap((c) => {
    const score = given.find((g) => g.criterion === c.criterion);
    const problem = (message: string, code: FieldProblemCode): FieldProblem[] => [
      { path: 'body.scores', message, code, params: { criterion: c.criterion, level: score?.level ?? '' } },
    ];
    if (!score) return problem(`score "${c.criterion}"`, 'score-missing');
    return c.levels.some((l) => l.label === score.level)
      ? []
      : problem(`"${score.level}" is not a level of "${c.criterion}"`, 'unknown-level');
  });
  const unknown = given.filter((g) => !rubric.some((c) => c.criterion === g.criterion));
  problems.push(
    ...unknown.map((g) => ({
      path: 'body.scores',
      message: `"${g.criterion}" is not a criterion of this task`,
      code: 'unknown-criterion',
      params: { criterion: g.criterion },
    })),
  );
  if (problems.length > 0) throw new InvalidError('The rubric scores do not match the task.', problems);
  return rubric.map((c) => {
    const level = given.find((g) => g.criterion === c.criterion)?.level ?? '';
    return { criterion: c.criterion, level, points: c.levels.find((l) => l.label === level)?.points ?? 0 };
  });
}

export async function reviewSubmission(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  submissionId: string,
  review: {
    decision: 'accept' | 'return';
    feedback: string;
    scores: Array<{ criterion: string; level: string }>;
  },
): Promise<SubmissionRow> {
  requireMembership(actor, orgId, REVIEWERS);
  const reviewer = requireScope(actor, 'awards:write');
  return deps.db.transaction().execute(async (trx) => {
    const found = await findSubmission(trx, orgId, submissionId);
    if (!found) throw new NotFoundError('submission');
    // Lock order as for learner writes (enrolment, then its rows) so a review and an answer never deadlock.
    const enrolment = await lockEnrolmentById(trx, found.enrolmentId);
    const pending = (await findSubmission(trx, orgId, submissionId, true)) ?? found;
    if (pending.status !== 'pending')
      throw new ConflictError(`This submission was already ${pending.status}.`, 'already-reviewed');
    const revision = await revisionContent(trx, enrolment.revisionId);
    const unit = revision.units.find(
      (u): u is EvidenceUnit => u.id === pending.unitId && u.kind === 'evidence',
    );
    const reviewed = await recordReview(trx, submissionId, {
      status: review.decision === 'accept' ? 'accepted' : 'returned',
      reviewerId: reviewer.user.id,
      reviewedAt: deps.now(),
      feedback: review.feedback,
      scores: scoresFor(unit?.rubric ?? [], review.scores),
    });
    await recordEvidenceReviewed(deps, trx, reviewed, enrolment.courseId, 'assessor');
    if (review.decision === 'accept') {
      await recordEvidenceAccepted(deps, trx, enrolment, reviewed);
      await completeIfDone(deps, trx, enrolment, revision);
    }
    await queueReviewMail(deps, trx, reviewed, { course: revision.title, task: unit?.title ?? '' });
    return reviewed;
  });
}
