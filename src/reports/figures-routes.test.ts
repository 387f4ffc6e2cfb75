// The dashboards' figures over HTTP on known data: an issuer's awards in every state across three months,
// enrolments and completions with a known median, the review queue's ages; the acceptance rate per badge,
// CSV downloads that neutralise formulas, bad periods, and who may read them. The platform operator's
// figures: organizations, users, jobs with a failure whose message loses its secrets, mail, storage and
// versions — for operators only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { lastClaimToken } from '../badges/award-testing.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment } from '../learning/testing.ts';

type Person = TestSession & { email: string };
const DAY = 86_400_000;
const PERIOD = '?from=2025-01-01&to=2025-03-31';

describe('dashboard figures', { timeout: 180_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  const learners: Person[] = [];
  let staff: Person;
  let assessor: Person;
  let operator: Person;
  let outsider: Person;
  const badge: Record<'alpha' | 'beta', string> = { alpha: '', beta: '' };
  const course: Record<'first' | 'second', string> = { first: '', second: '' };
  const award: Record<string, string> = {};

  const get = (url: string, as: { headers: Record<string, string> }) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: as.headers });
  const figures = async (query = PERIOD, as: Person = issuer.owner) => {
    const response = await get(`/orgs/${issuer.orgId}/figures${query}`, as);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  async function anAward(badgeId: string, email: string, issuedOn: string): Promise<string> {
    const awarded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
      headers: issuer.owner.headers,
      payload: { email, issuedOn },
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    return awarded.json().id;
  }
  async function decide(who: Person, decision: 'accept' | 'decline') {
    const token = await lastClaimToken(t.deps, who.email);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/claims/${token}/${decision}`,
      headers: who.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
  }
  async function aMember(role: 'staff' | 'assessor'): Promise<Person> {
    const person = await aLoggedInUser(t.app, t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: person.email, role },
    });
    expect(added.statusCode, added.body).toBe(201);
    return person;
  }
  /** An enrolment dated `enrolled`, completed at `completed` (if given). */
  async function learning(who: Person, courseId: string, enrolled: string, completed?: string) {
    const enrolmentId = await anEnrolment(t.app, who, courseId);
    const e = await t.deps.db
      .updateTable('enrolments')
      .set({ enrolledAt: new Date(enrolled) })
      .where('id', '=', enrolmentId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (completed)
      await t.deps.db
        .insertInto('completions')
        .values({
          enrolmentId,
          userId: e.userId,
          courseId: e.courseId,
          revisionId: e.revisionId,
          orgId: e.orgId,
          activityCode: `T-${randomUUID()}`,
          score: JSON.stringify({ questions: 0, firstTimeCorrect: 0, answersGiven: 0, evidenceAccepted: 0 }),
          completedAt: new Date(completed),
        })
        .execute();
    return e;
  }
  async function aSubmission(enrolment: { id: string; userId: string }, submitted: Date, reviewed?: Date) {
    await t.deps.db
      .insertInto('evidenceSubmissions')
      .values({
        enrolmentId: enrolment.id,
        orgId: issuer.orgId,
        userId: enrolment.userId,
        unitId: `task-${randomUUID()}`,
        task: 'essay',
        response: 'My essay.',
        status: reviewed ? 'accepted' : 'pending',
        submittedAt: submitted,
        reviewedAt: reviewed ?? null,
      })
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    course.first = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title: 'Accounting basics' });
    course.second = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title: 'Budgeting' });
    badge.alpha = (await aPublishedBadge(t.app, issuer, { courseIds: [course.first], name: 'Alpha' })).id;
    badge.beta = (await aPublishedBadge(t.app, issuer, { courseIds: [course.second], name: '=Beta' })).id;
    for (let i = 0; i < 3; i++) learners.push(await aLoggedInUser(t.app, t.deps));
    const [l1, l2, l3] = learners as [Person, Person, Person];

    // Alpha: accepted and public (January), declined (January), offered (February), accepted (March).
    award.public = await anAward(badge.alpha, l1.email, '2025-01-10');
    await decide(l1, 'accept');
    await t.deps.db
      .updateTable('awards')
      .set({ visibility: 'public' })
      .where('id', '=', award.public)
      .execute();
    award.declined = await anAward(badge.alpha, l2.email, '2025-01-20');
    await decide(l2, 'decline');
    award.offered = await anAward(badge.alpha, 'not.yet@example.org', '2025-02-05');
    award.expiring = await anAward(badge.alpha, l3.email, '2025-03-03');
    await decide(l3, 'accept');
    // Beta: one waiting for the issuance fee (March), one before the period.
    award.fee = await anAward(badge.beta, l1.email, '2025-03-15');
    await t.deps.db
      .updateTable('awards')
      .set({ state: 'awaiting-fee' })
      .where('id', '=', award.fee)
      .execute();
    award.before = await anAward(badge.beta, 'earlier@example.org', '2024-12-31');
    // Expiring within 90 days: the accepted March award (the declined one would, but is not held).
    const soon = new Date(Date.now() + 10 * DAY);
    await t.deps.db
      .updateTable('awards')
      .set({ validUntil: soon })
      .where('id', 'in', [award.expiring, award.declined])
      .execute();

    // Learning: three completions of the first course taking 2, 10 and 4 days; one open enrolment.
    const e1 = await learning(l1, course.first, '2025-01-01T09:00:00Z', '2025-01-03T09:00:00Z');
    await learning(l2, course.first, '2025-02-01T09:00:00Z', '2025-02-11T09:00:00Z');
    await learning(l3, course.first, '2025-03-01T09:00:00Z', '2025-03-05T09:00:00Z');
    await learning(l1, course.second, '2025-03-10T09:00:00Z');

    // Review queue: three waiting 2, 6 and 10 days; one reviewed in February 2025.
    const now = Date.now();
    for (const age of [2, 6, 10]) await aSubmission(e1, new Date(now - age * DAY));
    await aSubmission(e1, new Date('2025-02-02T09:00:00Z'), new Date('2025-02-04T09:00:00Z'));

    staff = await aMember('staff');
    assessor = await aMember('assessor');
    operator = await aLoggedInUser(t.app, t.deps, { isOperator: true });
    outsider = await aLoggedInUser(t.app, t.deps);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('of an issuer', () => {
    it('counts the awards issued in the period by the state each is in now, per month and in total', async () => {
      const f = await figures();
      expect(f.period).toEqual({ from: '2025-01-01', to: '2025-03-31', interval: 'month' });
      expect(f.awards.totals).toEqual({
        issued: 5,
        offered: 1,
        accepted: 2,
        declined: 1,
        awaitingFee: 1,
        sharedPublicly: 1,
      });
      expect(f.awards.overTime).toEqual([
        {
          period: '2025-01',
          issued: 2,
          offered: 0,
          accepted: 1,
          declined: 1,
          awaitingFee: 0,
          sharedPublicly: 1,
        },
        {
          period: '2025-02',
          issued: 1,
          offered: 1,
          accepted: 0,
          declined: 0,
          awaitingFee: 0,
          sharedPublicly: 0,
        },
        {
          period: '2025-03',
          issued: 2,
          offered: 0,
          accepted: 1,
          declined: 0,
          awaitingFee: 1,
          sharedPublicly: 0,
        },
      ]);
    });

    it('buckets by ISO week when asked, every week of the period listed', async () => {
      const f = await figures('?from=2025-01-06&to=2025-01-26&interval=week');
      expect(f.awards.overTime.map((b: { period: string; issued: number }) => [b.period, b.issued])).toEqual([
        ['2025-W02', 1],
        ['2025-W03', 0],
        ['2025-W04', 1],
      ]);
    });

    it('lists the accepted awards expiring within 90 days, not the declined one', async () => {
      const f = await figures();
      expect(f.awards.expiringSoon.days).toBe(90);
      expect(f.awards.expiringSoon.total).toBe(1);
      expect(f.awards.expiringSoon.first.map((e: { awardId: string }) => e.awardId)).toEqual([
        award.expiring,
      ]);
    });

    it('gives the acceptance rate per badge of the awards that reached a learner', async () => {
      const f = await figures();
      expect(f.badges).toEqual([
        {
          badgeId: badge.beta,
          name: '=Beta',
          issued: 1,
          offered: 0,
          accepted: 0,
          declined: 0,
          awaitingFee: 1,
          acceptanceRate: null,
        },
        {
          badgeId: badge.alpha,
          name: 'Alpha',
          issued: 4,
          offered: 1,
          accepted: 2,
          declined: 1,
          awaitingFee: 0,
          acceptanceRate: 0.5,
        },
      ]);
    });

    it('counts enrolments and completions per course with the median days to complete', async () => {
      const f = await figures();
      expect(f.learning.enrolments).toBe(4);
      expect(f.learning.completions).toBe(3);
      expect(f.learning.medianDaysToComplete).toBe(4);
      expect(f.learning.perCourse).toEqual([
        {
          courseId: course.first,
          title: 'Accounting basics',
          enrolments: 3,
          completions: 3,
          medianDaysToComplete: 4,
        },
        {
          courseId: course.second,
          title: 'Budgeting',
          enrolments: 1,
          completions: 0,
          medianDaysToComplete: null,
        },
      ]);
      expect(f.learning.overTime).toEqual([
        { period: '2025-01', enrolments: 1, completions: 1 },
        { period: '2025-02', enrolments: 1, completions: 1 },
        { period: '2025-03', enrolments: 2, completions: 1 },
      ]);
      const january = await figures('?from=2025-01-01&to=2025-02-28');
      // Two completions in January and February: 2 and 10 days, the median is their mean.
      expect(january.learning.medianDaysToComplete).toBe(6);
    });

    it('gives the review queue now: how many wait, the oldest and the median age', async () => {
      const f = await figures();
      expect(f.reviewQueue.pending).toBe(3);
      expect(f.reviewQueue.oldestAgeDays).toBe(10);
      expect(f.reviewQueue.medianAgeDays).toBe(6);
      expect(f.reviewQueue.overTime).toEqual([
        { period: '2025-01', submitted: 0, reviewed: 0 },
        { period: '2025-02', submitted: 1, reviewed: 1 },
        { period: '2025-03', submitted: 0, reviewed: 0 },
      ]);
    });

    it('downloads a table as CSV with the formula neutralised, and the JSON as a file', async () => {
      const csv = await get(`/orgs/${issuer.orgId}/figures${PERIOD}&format=csv&table=badges`, issuer.owner);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="figures-badges-2025-01-01-to-2025-03-31.csv"',
      );
      const lines = csv.body.trim().split(/\r?\n/);
      expect(lines[0]).toBe('badge_id,name,issued,offered,accepted,declined,awaiting_fee,acceptance_rate');
      expect(lines[1]).toBe(`${badge.beta},'=Beta,1,0,0,0,1,`);
      expect(lines[2]).toBe(`${badge.alpha},Alpha,4,1,2,1,0,0.5`);
      const json = await get(`/orgs/${issuer.orgId}/figures${PERIOD}&format=json`, issuer.owner);
      expect(json.headers['content-disposition']).toMatch(
        /^attachment; filename="figures-2025-01-01-to-2025-03-31\.json"$/,
      );
      expect(json.json().awards.totals.issued).toBe(5);
    });

    it('answers 400 naming the parameter for a CSV without a table and a period backwards', async () => {
      const noTable = await get(`/orgs/${issuer.orgId}/figures?format=csv`, issuer.owner);
      expect(noTable.statusCode).toBe(400);
      expect(noTable.headers['content-type']).toMatch(/problem\+json/);
      expect(noTable.json().errors.map((e: { path: string }) => e.path)).toEqual(['querystring.table']);
      const backwards = await get(
        `/orgs/${issuer.orgId}/figures?from=2025-03-01&to=2025-01-01`,
        issuer.owner,
      );
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().errors.map((e: { path: string }) => e.path)).toEqual(['querystring.from']);
      const bad = await get(`/orgs/${issuer.orgId}/figures?from=2025-02-30`, issuer.owner);
      expect(bad.statusCode).toBe(400);
    });

    it('lets staff read them; assessors are refused, outsiders and platform operators get nothing', async () => {
      expect((await figures(PERIOD, staff)).awards.totals.issued).toBe(5);
      expect((await get(`/orgs/${issuer.orgId}/figures`, assessor)).statusCode).toBe(403);
      expect((await get(`/orgs/${issuer.orgId}/figures`, outsider)).statusCode).toBe(404);
      expect((await get(`/orgs/${issuer.orgId}/figures`, operator)).statusCode).toBe(403);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${issuer.orgId}/figures` })).statusCode,
      ).toBe(401);
    });

    it('shows an organization with nothing yet as zeros in every bucket', async () => {
      const empty = await anIssuerWithOwner(t.app, t.deps, 'Empty Academy');
      const response = await get(`/orgs/${empty.orgId}/figures${PERIOD}`, empty.owner);
      const f = response.json();
      expect(f.awards.totals.issued).toBe(0);
      expect(f.awards.overTime.map((b: { issued: number }) => b.issued)).toEqual([0, 0, 0]);
      expect(f.badges).toEqual([]);
      expect(f.learning.perCourse).toEqual([]);
      expect(f.reviewQueue).toMatchObject({ pending: 0, oldestAgeDays: null, medianAgeDays: null });
    });
  });

  describe('of the platform', () => {
    it('counts organizations, users, mail, storage and versions for a platform operator', async () => {
      const response = await get('/operate/figures', operator);
      expect(response.statusCode, response.body).toBe(200);
      const f = response.json();
      // The issuer of this file and the empty one made above (when it ran first: at least the one).
      const orgs = await t.deps.db.selectFrom('organizations').select('kind').execute();
      expect(f.organizations).toEqual({ total: orgs.length, issuers: orgs.length, employers: 0 });
      expect(orgs.length).toBeGreaterThanOrEqual(1);
      const users = await t.deps.db.selectFrom('users').select(['id', 'isOperator']).execute();
      expect(f.users.total).toBe(users.length);
      expect(f.users.operators).toBe(1);
      // Every test user confirmed an address.
      expect(f.users.verified).toBe(users.length);
      expect(f.users.overTime.at(-1).users).toBe(users.length);
      const mails = await t.deps.db.selectFrom('mailMessages').select('status').execute();
      expect(f.mail.queued + f.mail.sent + f.mail.failed).toBe(mails.length);
      expect(f.mail.transport).toBe('outbox');
      expect(f.mail.bounced).toBeNull();
      expect(f.storage.kind).toBe('local');
      expect(f.storage.databaseBytes).toBeGreaterThan(0);
      expect(f.versions.app).toMatch(/^\d+\.\d+\.\d+/);
      expect(f.versions.node).toBe(process.version);
      expect(f.versions.migrations.applied).toBeGreaterThan(20);
      expect(f.versions.migrations.latest).toMatch(/^\d{4}_/);
    });

    it('counts failed jobs and lists the last failure without its links, addresses or tokens', async () => {
      const jobs = `${t.deps.config.jobsSchema}.job`;
      const secret = 'b3f9c2d8e1a7465f9c0d2e4b6a8c1f3e';
      await t.deps.db
        .insertInto(jobs as never)
        .values({
          name: 'mail.deliver',
          state: 'failed',
          data: JSON.stringify({ messageId: randomUUID() }),
          completedOn: new Date(Date.now() - 3600_000),
          output: JSON.stringify({
            message: `SMTP refused http://localhost:3000/reset?token=${secret} for ana.nunez@example.org`,
            stack: 'Error: at secret place',
          }),
        } as never)
        .execute();
      const f = (await get('/operate/figures', operator)).json();
      expect(f.jobs.failedLastDay).toBe(1);
      expect(f.jobs.failedLastWeek).toBe(1);
      expect(f.jobs.lastFailures).toHaveLength(1);
      expect(f.jobs.lastFailures[0]).toMatchObject({ name: 'mail.deliver', attempts: 1 });
      expect(f.jobs.lastFailures[0].message).toBe('SMTP refused http://localhost:3000 for [address]');
      const csv = await get('/operate/figures?format=csv&table=jobFailures', operator);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).not.toContain(secret);
      expect(csv.body).toContain('mail.deliver');
    });

    it('refuses everyone but platform operators', async () => {
      expect((await get('/operate/figures', issuer.owner)).statusCode).toBe(403);
      expect((await get('/operate/figures', outsider)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/operate/figures' })).statusCode).toBe(401);
    });
  });
});
