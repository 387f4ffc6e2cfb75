// Supervisor attestation: the learner names a supervisor, who gets an emailed link (token stored hashed) to
// confirm or decline that the learning was applied at work. Confirmed → the review queue (or accepted when
// the task needs no review); declined → returned to the learner with the supervisor's words.
import { createHash, randomBytes } from 'node:crypto';
import { revisionContent } from '../catalog/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';
import { userSummaries } from '../identity/index.ts';
import { queueMail } from '../mail/index.ts';
import { completeIfDone, recordEvidenceAccepted } from './completion.ts';
import { recordEvidenceReviewed } from './evidence-webhooks.ts';
import {
  type AttestationRow,
  enrolmentRevision,
  findAttestation,
  findSubmission,
  insertAttestation,
  lockEnrolmentById,
  recordAttestationDecision,
  recordReview,
  type SubmissionRow,
  submissionById,
} from './store.ts';

const ATTESTATION_DAYS = 14;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function requestAttestation(
  deps: Deps,
  trx: Executor,
  request: {
    submission: SubmissionRow;
    supervisor: { name: string; email: string };
    learnerName: string;
    courseTitle: string;
    taskTitle: string;
  },
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const attestation = await insertAttestation(trx, {
    submissionId: request.submission.id,
    tokenHash: hashToken(token),
    supervisorName: request.supervisor.name,
    supervisorEmail: request.supervisor.email.toLowerCase(),
    expiresAt: new Date(deps.now().getTime() + ATTESTATION_DAYS * 86_400_000),
    decision: null,
    decidedAt: null,
    comment: null,
  });
  await queueMail(deps, trx, {
    to: request.supervisor.email,
    locale: 'en',
    idempotencyKey: `attestation:${attestation.id}`,
    template: {
      kind: 'attestation-request',
      name: request.supervisor.name,
      learnerName: request.learnerName,
      courseTitle: request.courseTitle,
      taskTitle: request.taskTitle,
      statement: request.submission.response.slice(0, 1000),
      link: `${deps.config.publicUrl}/attestations/${token}`,
      days: ATTESTATION_DAYS,
    },
  });
}

export interface AttestationView {
  attestation: AttestationRow;
  submission: SubmissionRow;
  learnerName: string;
  courseTitle: string;
  taskTitle: string;
  instructions: string;
}

/** What the supervisor sees behind the link (anyone holding the token). */
export async function attestationByToken(deps: Deps, token: string): Promise<AttestationView> {
  const attestation = await findAttestation(deps.db, hashToken(token));
  const submission = attestation ? await submissionById(deps.db, attestation.submissionId) : undefined;
  if (!attestation || !submission) throw new NotFoundError('attestation request');
  const revisionId = await enrolmentRevision(deps.db, submission.enrolmentId);
  if (!revisionId) throw new NotFoundError('attestation request');
  const revision = await revisionContent(deps.db, revisionId);
  const unit = revision.units.find((u) => u.id === submission.unitId);
  const [learner] = await userSummaries(deps, [submission.userId]);
  return {
    attestation,
    submission,
    learnerName: learner?.name ?? '',
    courseTitle: revision.title,
    taskTitle: unit?.title ?? '',
    instructions: unit?.kind === 'evidence' ? unit.instructions : '',
  };
}

export async function decideAttestation(
  deps: Deps,
  token: string,
  input: { decision: 'confirm' | 'decline'; comment?: string },
): Promise<AttestationView> {
  await deps.db.transaction().execute(async (trx) => {
    const attestation = await findAttestation(trx, hashToken(token));
    const found = attestation ? await submissionById(trx, attestation.submissionId) : undefined;
    if (!attestation || !found) throw new NotFoundError('attestation request');
    const enrolment = await lockEnrolmentById(trx, found.enrolmentId);
    const submission = (await findSubmission(trx, found.orgId, found.id, true)) ?? found;
    if (attestation.decision !== null || submission.status !== 'attesting') {
      throw new ConflictError('This request was already answered.', 'attestation-already-decided');
    }
    if (attestation.expiresAt <= deps.now()) {
      throw new RuleError('attestation-expired', 'This link has expired; the learner can ask you again.');
    }
    const confirmed = input.decision === 'confirm';
    await recordAttestationDecision(trx, attestation.id, {
      decision: confirmed ? 'confirmed' : 'declined',
      decidedAt: deps.now(),
      comment: input.comment ?? null,
    });
    const revision = await revisionContent(trx, enrolment.revisionId);
    const unit = revision.units.find((u) => u.id === submission.unitId);
    const needsReview = unit?.kind === 'evidence' && unit.needsReview;
    const declined = `${attestation.supervisorName} did not confirm${input.comment ? `: ${input.comment}` : '.'}`;
    const reviewed = await recordReview(trx, submission.id, {
      status: confirmed ? (needsReview ? 'pending' : 'accepted') : 'returned',
      reviewerId: null,
      reviewedAt: confirmed && needsReview ? null : deps.now(),
      feedback: confirmed ? null : declined,
      scores: null,
    });
    // Confirmed work that still needs an assessor is not decided yet: its review will say so.
    if (reviewed.status !== 'pending') {
      await recordEvidenceReviewed(deps, trx, reviewed, enrolment.courseId, 'supervisor');
    }
    if (reviewed.status === 'accepted') {
      await recordEvidenceAccepted(deps, trx, enrolment, reviewed);
      await completeIfDone(deps, trx, enrolment, revision);
    }
  });
  return attestationByToken(deps, token);
}
