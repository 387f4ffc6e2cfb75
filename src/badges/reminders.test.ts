import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { awardBadge } from './award.ts';
import { findVersion } from './definition-store.ts';
import { sendExpiryReminders } from './reminders.ts';
import { aPublishedBadge } from './testing.ts';

const DAY = 86_400_000;

describe('expiry reminders', () => {
  let t: TestApp;
  const start = new Date('2031-01-10T08:00:00Z');
  let clock = start;
  let issuer: TestIssuer;
  let courseId: string;
  let people = 0;

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Reminder Academy');
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
  });
  afterAll(() => t?.close());

  /** Each test starts at `start` with badges of its own and runs the reminders at later moments. */
  const at = (days: number) => {
    clock = new Date(start.getTime() + days * DAY);
  };
  const anAward = async (validityDays: number | null, name = 'Payroll practitioner') => {
    at(0);
    people += 1;
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId], validityDays, name });
    const version = await findVersion(t.deps.db, badge.latestVersion.id);
    if (!version) throw new Error('no version');
    const email = `learner${people}@example.org`;
    const { award } = await t.deps.db
      .transaction()
      .execute((trx) => awardBadge(t.deps, trx, { version, email, name: 'Ana Núñez', source: 'manual' }));
    return award;
  };
  const remindersOf = async (awardId: string) =>
    (
      await t.deps.db
        .selectFrom('awardReminders')
        .select('daysBefore')
        .where('awardId', '=', awardId)
        .orderBy('daysBefore', 'desc')
        .execute()
    ).map((r) => r.daysBefore);
  const mailsOf = (awardId: string) =>
    t.deps.db
      .selectFrom('mailMessages')
      .select(['idempotencyKey', 'toAddress', 'subject', 'textBody', 'htmlBody'])
      .where('idempotencyKey', 'like', `badge-expiring:${awardId}:%`)
      .orderBy('createdAt')
      .execute();

  it('mails 90 days before and 30 days before, each exactly once however often it runs', async () => {
    const award = await anAward(100, 'Gestión de nóminas <Pro>');
    await sendExpiryReminders(t.deps);
    expect(await remindersOf(award.id)).toEqual([]);

    at(15); // 85 days left
    expect(await sendExpiryReminders(t.deps)).toBeGreaterThanOrEqual(1);
    await sendExpiryReminders(t.deps);
    at(16);
    await sendExpiryReminders(t.deps);
    expect(await remindersOf(award.id)).toEqual([90]);

    at(75); // 25 days left
    await sendExpiryReminders(t.deps);
    await sendExpiryReminders(t.deps);
    at(99);
    await sendExpiryReminders(t.deps);
    at(101); // expired
    await sendExpiryReminders(t.deps);
    expect(await remindersOf(award.id)).toEqual([90, 30]);

    const mails = await mailsOf(award.id);
    expect(mails.map((m) => m.idempotencyKey)).toEqual([
      `badge-expiring:${award.id}:90`,
      `badge-expiring:${award.id}:30`,
    ]);
    const [first] = mails;
    expect(first?.toAddress).toBe(award.recipientEmail);
    expect(first?.subject).toContain('Gestión de nóminas <Pro>');
    expect(first?.textBody).toContain('April 20, 2031');
    expect(first?.textBody).toContain('retake the courses');
    expect(first?.textBody).toContain('http://localhost:3000/learn/badges');
    expect(first?.htmlBody).toContain('Gestión de nóminas &lt;Pro&gt;');
  });

  it('sends a badge expiring in 20 days only the 30-day reminder, never a late 90-day one', async () => {
    const award = await anAward(20);
    await sendExpiryReminders(t.deps);
    at(5);
    await sendExpiryReminders(t.deps);
    expect(await remindersOf(award.id)).toEqual([30]);
    expect((await mailsOf(award.id)).map((m) => m.idempotencyKey)).toEqual([`badge-expiring:${award.id}:30`]);
  });

  it('reminds nobody of a superseded, revoked or never-expiring badge', async () => {
    const superseded = await anAward(60);
    const version = await findVersion(t.deps.db, superseded.badgeVersionId);
    if (!version) throw new Error('no version');
    const { award: renewal } = await t.deps.db.transaction().execute((trx) =>
      awardBadge(t.deps, trx, {
        version,
        email: superseded.recipientEmail,
        source: 'renewal',
        cycle: 2,
        issuedOn: new Date(start.getTime() + 200 * DAY),
      }),
    );
    const revoked = await anAward(60);
    await t.deps.db
      .updateTable('issuedCredentials')
      .set({ state: 'revoked', stateReason: 'test' })
      .where('id', '=', revoked.credentialId as string)
      .execute();
    const forever = await anAward(null);
    for (const day of [0, 40, 59]) {
      at(day);
      await sendExpiryReminders(t.deps);
    }
    expect(await remindersOf(superseded.id)).toEqual([]);
    expect(await remindersOf(revoked.id)).toEqual([]);
    expect(await remindersOf(forever.id)).toEqual([]);
    expect(await remindersOf(renewal.id)).toEqual([]);
  });

  it('returns the number of reminders it queued', async () => {
    at(0);
    await sendExpiryReminders(t.deps); // whatever earlier tests left due
    const a = await anAward(50);
    const b = await anAward(45);
    expect(await sendExpiryReminders(t.deps)).toBe(2);
    expect(await sendExpiryReminders(t.deps)).toBe(0);
    expect(await remindersOf(a.id)).toEqual([90]);
    expect(await remindersOf(b.id)).toEqual([90]);
  });
});
