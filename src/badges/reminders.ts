// Expiry reminders: a mail 90 days and 30 days before a badge expires, each at most once per award (the
// award_reminders primary key decides, so overlapping runs and retries send nothing twice). A badge found
// 20 days before expiry gets the 30-day mail only, never a late 90-day one. A ticker runs this hourly.
import type { Deps } from '../deps.ts';
import type { Ticker } from '../jobs/ticker.ts';
import { queueMail } from '../mail/index.ts';
import { awardsDueReminder, type ExpiringAward } from './award-queries.ts';
import { reminderDue } from './model.ts';

const BATCH = 200;

async function remind(deps: Deps, award: ExpiringAward, now: Date): Promise<boolean> {
  // The SQL chose the reminder already; the pure rule has the last word (and the same answer).
  const daysBefore = reminderDue(award.validUntil, now);
  if (daysBefore === null) return false;
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('awardReminders')
      .values({ awardId: award.id, daysBefore, sentAt: now })
      .onConflict((oc) => oc.columns(['awardId', 'daysBefore']).doNothing())
      .returning('awardId')
      .executeTakeFirst();
    if (!inserted) return false;
    const user = award.userId
      ? await trx
          .selectFrom('users')
          .select(['name', 'locale'])
          .where('id', '=', award.userId)
          .executeTakeFirst()
      : undefined;
    await queueMail(deps, trx, {
      to: award.recipientEmail,
      locale: user?.locale ?? 'en',
      template: {
        kind: 'badge-expiring',
        name: award.recipientName ?? user?.name ?? award.recipientEmail,
        badgeName: award.badgeName,
        issuerName: award.issuerName,
        expiresAt: award.validUntil.toISOString(),
        link: `${deps.config.publicUrl}/learn/badges`,
      },
      idempotencyKey: `badge-expiring:${award.id}:${daysBefore}`,
    });
    return true;
  });
}

/** Queues the reminders due now; returns how many mails were queued. */
export async function sendExpiryReminders(deps: Deps): Promise<number> {
  const now = deps.now();
  let sent = 0;
  for (;;) {
    const due = await awardsDueReminder(deps.db, now, BATCH);
    let sentNow = 0;
    for (const award of due) if (await remind(deps, award, now)) sentNow += 1;
    sent += sentNow;
    // A full batch that sent nothing would come back the same: stop rather than spin.
    if (due.length < BATCH || sentNow === 0) return sent;
  }
}

/** Hourly in every worker; the reminders' primary key keeps concurrent workers from mailing twice. */
export const expiryRemindersTicker: Ticker = {
  name: 'badges.expiry-reminders',
  everySeconds: 3600,
  run: (deps) => sendExpiryReminders(deps),
};
