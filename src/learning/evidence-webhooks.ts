// What an organization's webhook endpoints hear of evidence tasks (docs/integrations.md): a learner handed in
// work, and an assessor (or, for an attestation, the supervisor) decided on it. Recorded in the transaction of the
// submission or decision. Ids and states only: the essay, link or code itself stays in Tessera.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { recordWebhookEvent } from '../webhooks/index.ts';
import type { SubmissionRow } from './store.ts';

function submissionData(submission: SubmissionRow, courseId: string) {
  return {
    submissionId: submission.id,
    enrolmentId: submission.enrolmentId,
    courseId,
    unitId: submission.unitId,
    userId: submission.userId,
    task: submission.task,
    status: submission.status,
    submittedAt: submission.submittedAt.toISOString(),
  };
}

/** evidence.submitted: handed in (status pending, accepted when the task needs no review, or attesting). */
export async function recordEvidenceSubmitted(
  deps: Deps,
  trx: Executor,
  submission: SubmissionRow,
  courseId: string,
): Promise<void> {
  await recordWebhookEvent(deps, trx, {
    orgId: submission.orgId,
    type: 'evidence.submitted',
    data: submissionData(submission, courseId),
  });
}

/** evidence.reviewed: accepted or returned, by an assessor (`reviewerId`) or by the supervisor asked to attest. */
export async function recordEvidenceReviewed(
  deps: Deps,
  trx: Executor,
  reviewed: SubmissionRow,
  courseId: string,
  by: 'assessor' | 'supervisor',
): Promise<void> {
  await recordWebhookEvent(deps, trx, {
    orgId: reviewed.orgId,
    type: 'evidence.reviewed',
    data: {
      ...submissionData(reviewed, courseId),
      reviewedBy: by,
      reviewerId: reviewed.reviewerId,
      reviewedAt: reviewed.reviewedAt?.toISOString() ?? null,
      scores: reviewed.scores ?? [],
    },
  });
}
