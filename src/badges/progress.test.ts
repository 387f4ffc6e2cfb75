import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser, logInAs, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, playerOf } from '../learning/testing.ts';
import { awardBadge } from './award.ts';
import { aOneLessonCourse, awardsOfBadge, completeOneLessonCourse } from './award-testing.ts';
import { findVersion } from './definition-store.ts';
import { processLearningEvents } from './engine.ts';
import type { CourseAccess, LearnerRecord, Requirement } from './model.ts';
import { progressOf, recordSince, remainingMinutes } from './progress.ts';
import { aPublishedBadge } from './testing.ts';

const DAY = 86_400_000;

describe('badge progress rules', () => {
  const jan = new Date('2030-01-01T00:00:00Z');
  const jun = new Date('2030-06-01T00:00:00Z');
  const record: LearnerRecord = {
    completions: new Map([
      ['a', [jan]],
      ['b', [jan, jun]],
    ]),
    acceptedEvidence: new Map([['c:essay', [jan]]]),
    heldBadges: new Set(['held']),
  };
  const course = (courseId: string): Requirement => ({ kind: 'course', courseId });
  const access =
    (table: Record<string, Partial<CourseAccess>>) =>
    (courseId: string): CourseAccess => ({
      enrolled: false,
      opened: false,
      available: true,
      ...table[courseId],
    });

  it('counts only work done since the renewal window opened, but keeps held badges', () => {
    const since = recordSince(record, new Date('2030-03-01T00:00:00Z'));
    expect(since.completions.get('a')).toEqual([]);
    expect(since.completions.get('b')).toEqual([jun]);
    expect(since.acceptedEvidence.get('c:essay')).toEqual([]);
    expect(since.heldBadges.has('held')).toBe(true);
    expect(recordSince(record, null)).toBe(record);
  });

  it('scales a course’s estimate by the share of units not completed', () => {
    expect(remainingMinutes(60, 0, 2)).toBe(60);
    expect(remainingMinutes(60, 1, 2)).toBe(30);
    expect(remainingMinutes(50, 1, 3)).toBe(34);
    expect(remainingMinutes(60, 3, 2)).toBe(0);
    expect(remainingMinutes(45, 0, 0)).toBe(45);
  });

  it('gives each requirement its status and adds up the time left of all of them', () => {
    const summary = progressOf(
      { items: [course('a'), course('x'), course('y'), { kind: 'badge', badgeId: 'held' }], required: null },
      record,
      access({ x: { enrolled: true, opened: true }, y: { enrolled: true } }),
      (req) => (req.kind === 'course' && req.courseId === 'x' ? 15 : 40),
    );
    expect(summary.requirements.map((r) => [r.status, r.minutes])).toEqual([
      ['done', 0],
      ['in-progress', 15],
      ['purchased', 40],
      ['done', 0],
    ]);
    expect(summary).toMatchObject({ needed: 4, doneCount: 2, minutesLeft: 55 });
  });

  it('takes the quickest available requirements still needed for "n of m"', () => {
    const reqs = { items: [course('a'), course('slow'), course('quick'), course('gone')], required: 2 };
    const minutes: Record<string, number> = { slow: 90, quick: 30, gone: 5 };
    const summary = progressOf(reqs, record, access({ gone: { available: false } }), (req) =>
      req.kind === 'course' ? (minutes[req.courseId] ?? 0) : 0,
    );
    expect(summary.requirements.map((r) => r.status)).toEqual([
      'done',
      'not-started',
      'not-started',
      'not-available',
    ]);
    expect(summary).toMatchObject({ needed: 2, doneCount: 1, minutesLeft: 30 });
  });
});

describe('the badge progress page', () => {
  let t: TestApp;
  let clock = new Date('2030-05-01T09:00:00Z');
  let issuer: TestIssuer;
  let learner: TestSession & { email: string };
  const courses = { done: '', bought: '', untouched: '', archived: '', unrelated: '' };
  let boughtEnrolment = '';

  const lessons = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `l${i + 1}`,
      kind: 'lesson',
      title: `Lesson ${i + 1}`,
      markdown: `# Lesson ${i + 1}`,
    }));
  const aCourse = (title: string, minutes: number, units: number) =>
    aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      title,
      estimatedMinutes: minutes,
      activityCodePrefix: null,
      units: lessons(units),
    });

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Progress Academy');
    learner = await aLoggedInUser(t.app, t.deps);
    courses.done = await aCourse('Gross to net', 30, 1);
    courses.bought = await aCourse('Deductions', 60, 2);
    courses.untouched = await aCourse('Filings', 40, 1);
    courses.archived = await aCourse('Old rules', 20, 1);
    courses.unrelated = await aCourse('Unrelated', 10, 1);
    // Completed: the only lesson opened. Enrolled, not opened: "purchased".
    const done = playerOf(t.app, learner, await anEnrolment(t.app, learner, courses.done));
    expect((await done.open('l1')).statusCode).toBe(200);
    boughtEnrolment = await anEnrolment(t.app, learner, courses.bought);
  });
  afterAll(() => t?.close());

  const progress = async (as: TestSession = learner) => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/badge-progress',
      headers: as.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as Array<{
      badge: { id: string; name: string };
      renewal: boolean;
      validUntil: string | null;
      expired: boolean;
      awaitingFeeAwardId: string | null;
      needed: number;
      total: number;
      doneCount: number;
      minutesLeft: number;
      requirements: Array<{ title: string; status: string; minutes: number; courseId?: string }>;
    }>;
  };
  const badgeIn = async (badgeId: string, as?: TestSession) =>
    (await progress(as)).find((p) => p.badge.id === badgeId);

  it('shows a badge needing two courses: one done, one purchased, with the time left', async () => {
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [courses.done, courses.bought],
      name: 'Payroll pair',
    });
    const item = await badgeIn(badge.id);
    expect(item).toMatchObject({
      renewal: false,
      validUntil: null,
      needed: 2,
      total: 2,
      doneCount: 1,
      minutesLeft: 60,
    });
    expect(item?.requirements).toEqual([
      { kind: 'course', title: 'Gross to net', status: 'done', courseId: courses.done, minutes: 0 },
      { kind: 'course', title: 'Deductions', status: 'purchased', courseId: courses.bought, minutes: 60 },
    ]);
  });

  it('turns purchased into in progress once a unit is opened, and counts only the units left', async () => {
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courses.done, courses.bought] });
    expect((await playerOf(t.app, learner, boughtEnrolment).open('l1')).statusCode).toBe(200);
    const item = await badgeIn(badge.id);
    expect(item?.requirements.map((r) => [r.status, r.minutes])).toEqual([
      ['done', 0],
      ['in-progress', 30],
    ]);
    expect(item?.minutesLeft).toBe(30);
  });

  it('shows not started and not available, and "n of m" takes the quickest course one can take', async () => {
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [courses.done, courses.untouched, courses.archived],
      required: 2,
    });
    const archived = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/courses/${courses.archived}/archive`,
      headers: issuer.owner.headers,
    });
    expect(archived.statusCode, archived.body).toBe(200);
    const item = await badgeIn(badge.id);
    expect(item?.requirements.map((r) => r.status)).toEqual(['done', 'not-started', 'not-available']);
    expect(item).toMatchObject({ needed: 2, total: 3, doneCount: 1, minutesLeft: 40 });
  });

  it('leaves out badges that need none of my courses, and badges I hold', async () => {
    const unrelated = await aPublishedBadge(t.app, issuer, { courseIds: [courses.unrelated] });
    const held = await aPublishedBadge(t.app, issuer, { courseIds: [courses.done, courses.untouched] });
    const version = await findVersion(t.deps.db, held.latestVersion.id);
    if (!version) throw new Error('no version');
    expect(await badgeIn(held.id)).toBeDefined();
    await t.deps.db
      .transaction()
      .execute((trx) =>
        awardBadge(t.deps, trx, { version, email: learner.email, userId: learner.userId, source: 'manual' }),
      );
    const ids = (await progress()).map((p) => p.badge.id);
    expect(ids).not.toContain(unrelated.id);
    expect(ids).not.toContain(held.id);
  });

  it('shows a badge stacked on one I hold, with that badge done', async () => {
    const base = await aPublishedBadge(t.app, issuer, { courseIds: [courses.unrelated], name: 'Base' });
    const stacked = await aPublishedBadge(t.app, issuer, {
      courseIds: [courses.untouched],
      badgeIds: [base.id],
      name: 'Stacked',
    });
    const version = await findVersion(t.deps.db, base.latestVersion.id);
    if (!version) throw new Error('no version');
    await t.deps.db
      .transaction()
      .execute((trx) =>
        awardBadge(t.deps, trx, { version, email: learner.email, userId: learner.userId, source: 'manual' }),
      );
    const item = await badgeIn(stacked.id);
    expect(item?.requirements.map((r) => [r.title, r.status])).toEqual([
      ['Filings', 'not-started'],
      ['Base', 'done'],
    ]);
  });

  it('shows a held badge again, flagged for renewal, once its renewal window opens', async () => {
    const renewable = await aPublishedBadge(t.app, issuer, {
      courseIds: [courses.done],
      validityDays: 120,
      name: 'Renewable',
    });
    const version = await findVersion(t.deps.db, renewable.latestVersion.id);
    if (!version) throw new Error('no version');
    const { award } = await t.deps.db
      .transaction()
      .execute((trx) =>
        awardBadge(t.deps, trx, { version, email: learner.email, userId: learner.userId, source: 'manual' }),
      );
    expect(await badgeIn(renewable.id)).toBeUndefined();
    clock = new Date(clock.getTime() + 40 * DAY);
    const later = await logInAs(t.app, learner.email);
    const item = await badgeIn(renewable.id, later);
    expect(item).toMatchObject({
      renewal: true,
      validUntil: award.validUntil?.toISOString(),
      expired: false,
      doneCount: 0,
    });
    // The completion before the window opened does not count toward the renewal.
    expect(item?.requirements[0]?.status).not.toBe('done');
    // Once it has expired, the page says so instead of naming a date in the past to renew "before".
    clock = new Date(clock.getTime() + 100 * DAY);
    expect(await badgeIn(renewable.id, await logInAs(t.app, learner.email))).toMatchObject({
      renewal: true,
      expired: true,
    });
  });

  it('keeps a badge earned but waiting for its issuance fee, done, with the award to pay for', async () => {
    const feeIssuer = await anIssuerWithOwner(t.app, t.deps, 'Fee Progress Academy');
    const settings = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${feeIssuer.orgId}/commerce/settings`,
      headers: feeIssuer.owner.headers,
      payload: {
        taxRateBp: 0,
        taxLabel: 'Tax',
        bundleDiscountBp: 0,
        sellerDetails: '',
        issuanceFee: { amountMinor: 900, currency: 'EUR' },
      },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const courseId = await aOneLessonCourse(t.app, feeIssuer);
    const badge = await aPublishedBadge(t.app, feeIssuer, { courseIds: [courseId], name: 'Fee first' });
    const earner = await aLoggedInUser(t.app, t.deps);
    await completeOneLessonCourse(t.app, earner, courseId);
    while ((await processLearningEvents(t.deps)) > 0);
    const [waiting] = await awardsOfBadge(t.deps, badge.id);
    expect(waiting?.state).toBe('awaiting-fee');
    expect(await badgeIn(badge.id, earner)).toMatchObject({
      renewal: false,
      awaitingFeeAwardId: waiting?.id,
      doneCount: 1,
      minutesLeft: 0,
    });
  });
});
