// The demo data a fresh install gets (`npm start`) fills the dashboards: the issuer's figures over the default
// twelve months show awards in every state, expiring badges, learning in most months and a review queue of
// different ages; the operator's show the demo learners joining over the year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { logInAs, type TestSession } from '../identity/testing.ts';
import { seedDemoDataIfEmpty } from './demo.ts';
import { DEMO_LEARNER_COUNT } from './demo-activity.ts';

type Bucket = Record<string, number | string>;

describe('the demo data behind the dashboards', { timeout: 240_000 }, () => {
  let t: TestApp;
  let orgId: string;
  let password: (email: string) => string;

  beforeAll(async () => {
    t = await createTestApp();
    let seeded = '';
    const started = Date.now();
    const log = {
      ...t.deps.log,
      info: (message: unknown) => (seeded = String(message)),
    } as typeof t.deps.log;
    expect(await seedDemoDataIfEmpty({ ...t.deps, log }, { activity: true })).toBe(true);
    console.info(`demo data with a year of activity seeded in ${Date.now() - started} ms`);
    password = (email) => new RegExp(`${email.replace('.', '\\.')}\\s+(\\S+)`).exec(seeded)?.[1] ?? '';
    const org = await t.deps.db
      .selectFrom('organizations')
      .select('id')
      .where('slug', '=', 'northwind-academy')
      .executeTakeFirstOrThrow();
    orgId = org.id;
  });
  afterAll(() => t?.close());

  const figuresAs = async (session: TestSession, url: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: session.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const monthsWith = (buckets: Bucket[], field: string) => buckets.filter((b) => Number(b[field]) > 0).length;

  it('gives the issuer awards offered, accepted, declined, waiting for the fee, shared and expiring soon', async () => {
    const admin = await logInAs(t.app, 'admin@tessera.test', password('admin@tessera.test'));
    const figures = await figuresAs(admin, `/orgs/${orgId}/figures`);
    const { totals, overTime, expiringSoon } = figures.awards;
    for (const state of ['issued', 'offered', 'accepted', 'declined', 'awaitingFee', 'sharedPublicly'])
      expect(totals[state], state).toBeGreaterThan(0);
    expect(totals.accepted).toBeGreaterThan(totals.declined);
    expect(monthsWith(overTime, 'issued')).toBeGreaterThanOrEqual(8);
    expect(expiringSoon.total).toBeGreaterThanOrEqual(3);
    const rated = figures.badges.filter((b: { acceptanceRate: number | null }) => b.acceptanceRate !== null);
    expect(rated.length).toBeGreaterThanOrEqual(2);
  });

  it('gives the issuer enrolments, completions and a median per course over the months, and a waiting queue', async () => {
    const admin = await logInAs(t.app, 'admin@tessera.test', password('admin@tessera.test'));
    const { learning, reviewQueue } = await figuresAs(admin, `/orgs/${orgId}/figures`);
    expect(learning.enrolments).toBeGreaterThanOrEqual(DEMO_LEARNER_COUNT);
    expect(learning.completions).toBeGreaterThan(DEMO_LEARNER_COUNT / 2);
    expect(learning.medianDaysToComplete).toBeGreaterThan(0);
    expect(monthsWith(learning.overTime, 'enrolments')).toBeGreaterThanOrEqual(10);
    const payroll = learning.perCourse.find((c: { title: string }) => c.title.startsWith('Payroll'));
    expect(payroll).toMatchObject({ enrolments: expect.any(Number), completions: expect.any(Number) });
    expect(payroll.completions).toBeGreaterThan(0);
    expect(reviewQueue.pending).toBeGreaterThanOrEqual(3);
    expect(reviewQueue.oldestAgeDays).toBeGreaterThan(reviewQueue.medianAgeDays);
    expect(monthsWith(reviewQueue.overTime, 'reviewed')).toBeGreaterThanOrEqual(5);
  });

  it('gives the operator the demo learners joining over the year, and the mail their badges sent', async () => {
    const operator = await logInAs(t.app, 'operator@tessera.test', password('operator@tessera.test'));
    const figures = await figuresAs(operator, '/operate/figures');
    expect(figures.organizations).toMatchObject({ issuers: 1, employers: 1 });
    expect(figures.users.total).toBeGreaterThan(DEMO_LEARNER_COUNT);
    expect(monthsWith(figures.users.overTime, 'users')).toBeGreaterThanOrEqual(10);
    expect(figures.mail.queued + figures.mail.sent + figures.mail.inOutbox).toBeGreaterThan(0);
  });
});
