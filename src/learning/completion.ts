// Completion: recorded exactly once per enrolment (unique key), with an activity code and a
// 'course.completed' event in the learning outbox for badge awarding to consume.
import type { RevisionContent } from '../catalog/index.ts';
import { activityCodePrefixOf, questionsAsked, revisionContent } from '../catalog/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor, userSummaries } from '../identity/index.ts';
import { organizationById } from '../orgs/index.ts';
import { recordWebhookEvent } from '../webhooks/index.ts';
import { enrolmentViews } from './enrolment.ts';
import { creditHours, isCourseComplete, newActivityCode } from './model.ts';
import {
  answerStats,
  type CompletionRow,
  completionsOf,
  type EnrolmentRow,
  insertCompletionOnce,
  insertEvent,
  type SubmissionRow,
} from './store.ts';

/**
 * Call inside the transaction that changed progress, with the enrolment row locked: concurrent answers
 * then see each other's writes, and the unique key on enrolment_id keeps a second completion out anyway.
 */
export async function completeIfDone(
  deps: Deps,
  trx: Executor,
  enrolment: EnrolmentRow,
  revision: RevisionContent,
): Promise<CompletionRow | null> {
  const [view] = await enrolmentViews(trx, deps.now(), [enrolment]);
  if (!view || view.completion || !isCourseComplete(revision.units, view.facts))
    return view?.completion ?? null;
  const stats = await answerStats(trx, enrolment.id);
  const prefix = await activityCodePrefixOf(trx, enrolment.courseId);
  const completedAt = deps.now();
  const questions = revision.units.reduce((n, u) => n + (u.kind === 'assessment' ? questionsAsked(u) : 0), 0);
  const completion = await insertCompletionOnce(trx, {
    enrolmentId: enrolment.id,
    userId: enrolment.userId,
    courseId: enrolment.courseId,
    revisionId: enrolment.revisionId,
    orgId: enrolment.orgId,
    activityCode: newActivityCode(prefix),
    score: JSON.stringify({
      questions,
      firstTimeCorrect: stats.firstTimeCorrect,
      answersGiven: stats.given,
      evidenceAccepted: revision.units.filter((u) => u.kind === 'evidence').length,
    }),
    completedAt,
  });
  if (!completion) return (await completionsOf(trx, { enrolmentIds: [enrolment.id] }))[0] ?? null;
  await insertEvent(trx, {
    type: 'course.completed',
    subjectId: completion.id,
    payload: JSON.stringify({
      completionId: completion.id,
      userId: completion.userId,
      orgId: completion.orgId,
      courseId: completion.courseId,
      revisionId: completion.revisionId,
      revision: revision.number,
      activityCode: completion.activityCode,
      completedAt: completedAt.toISOString(),
    }),
  });
  await recordWebhookEvent(deps, trx, {
    orgId: completion.orgId,
    type: 'course.completed',
    id: completion.id,
    data: {
      completionId: completion.id,
      enrolmentId: completion.enrolmentId,
      userId: completion.userId,
      courseId: completion.courseId,
      revision: revision.number,
      activityCode: completion.activityCode,
      completedAt: completedAt.toISOString(),
    },
  });
  return completion;
}

/** Tells the learning outbox (read by badge awarding) that an evidence task was accepted. */
export async function recordEvidenceAccepted(
  deps: Deps,
  trx: Executor,
  enrolment: EnrolmentRow,
  submission: SubmissionRow,
): Promise<void> {
  await insertEvent(trx, {
    type: 'evidence.accepted',
    subjectId: submission.id,
    payload: JSON.stringify({
      submissionId: submission.id,
      userId: enrolment.userId,
      orgId: enrolment.orgId,
      courseId: enrolment.courseId,
      unitId: submission.unitId,
      acceptedAt: (submission.reviewedAt ?? deps.now()).toISOString(),
    }),
  });
}

export async function myCompletions(deps: Deps, actor: Actor | null): Promise<CompletionRow[]> {
  const me = requireActor(actor);
  return completionsOf(deps.db, { userId: me.user.id });
}

/** What a certificate states, and what anyone holding its code may check online. */
export interface CertificateFacts {
  completion: CompletionRow;
  learnerName: string;
  courseTitle: string;
  revision: number;
  hours: number;
  issuer: { name: string; slug: string };
  verifyUrl: string;
}

async function factsOf(deps: Deps, completion: CompletionRow): Promise<CertificateFacts> {
  const revision = await revisionContent(deps.db, completion.revisionId);
  const [learner] = await userSummaries(deps, [completion.userId]);
  const org = await organizationById(deps.db, completion.orgId);
  return {
    completion,
    learnerName: learner?.name ?? '',
    courseTitle: revision.title,
    revision: revision.number,
    hours: creditHours(revision.estimatedMinutes),
    issuer: { name: org?.name ?? '', slug: org?.slug ?? '' },
    verifyUrl: `${deps.config.publicUrl}/certificates/${encodeURIComponent(completion.activityCode)}`,
  };
}

export async function myCertificateFacts(
  deps: Deps,
  actor: Actor | null,
  completionId: string,
): Promise<CertificateFacts> {
  const me = requireActor(actor);
  const [completion] = await completionsOf(deps.db, { userId: me.user.id, id: completionId });
  if (!completion) throw new NotFoundError('completion');
  return factsOf(deps, completion);
}

/** Public: anyone with the activity code (printed on the certificate) may check it. */
export async function certificateByCode(deps: Deps, activityCode: string): Promise<CertificateFacts> {
  const [completion] = await completionsOf(deps.db, { activityCode });
  if (!completion) throw new NotFoundError('certificate');
  return factsOf(deps, completion);
}
