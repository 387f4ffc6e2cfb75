// The learner hears when an assessor accepts or returns their evidence: one mail per review, queued in the
// review's transaction (a rolled back review mails nothing), linking to the task in the course player.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { accountContact } from '../identity/index.ts';
import { queueMail } from '../mail/index.ts';
import type { SubmissionRow } from './store.ts';

export async function queueReviewMail(
  deps: Deps,
  trx: Executor,
  reviewed: SubmissionRow,
  titles: { course: string; task: string },
): Promise<void> {
  if (reviewed.status !== 'accepted' && reviewed.status !== 'returned') return;
  const contact = await accountContact(trx, reviewed.userId);
  if (!contact?.primaryEmail) return;
  const unit = encodeURIComponent(reviewed.unitId);
  await queueMail(deps, trx, {
    to: contact.primaryEmail,
    locale: contact.locale,
    idempotencyKey: `evidence-reviewed:${reviewed.id}`,
    template: {
      kind: 'evidence-reviewed',
      name: contact.name,
      courseTitle: titles.course,
      taskTitle: titles.task,
      decision: reviewed.status,
      feedback: reviewed.feedback ?? '',
      link: `${deps.config.publicUrl}/learn/${reviewed.enrolmentId}?unit=${unit}`,
    },
  });
}
