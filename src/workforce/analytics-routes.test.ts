// Employer analytics over HTTP, on the shipped skill sample: the figures of a period for the organization and
// a team (exact counts, buckets with zeros, the median), consent changes showing at once, the skill-gap heat
// map, CSV downloads, bad parameters and another organization.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { lastClaimToken } from '../badges/award-testing.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { aRecordedOrder } from '../commerce/receipt-testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { importSample } from '../insights/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment } from '../learning/testing.ts';
import { EXPIRING_SOON_DAYS } from './analytics-model.ts';
import { sharedFigures } from './analytics-store.ts';
import { anEmployee, anEmployerWithManager, type TestEmployer } from './testing.ts';

type Person = TestSession & { email: string };
const PROGRAMMING = '2.B.3.e';
const READING = '2.A.1.a';
const DAY = 86_400_000;

describe('employer analytics', { timeout: 180_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let employer: TestEmployer;
  let base: string;
  const badge: Record<string, string> = {};
  const courses: string[] = [];
  const person: Record<'alice' | 'bob' | 'carol', Person> = {} as never;
  const employee: Record<'alice' | 'bob' | 'carol', string> = {} as never;
  let teamId: string;
  let revokedAward: string;

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: object, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });
  const get = (query = '', as: Person = employer.manager) =>
    api('GET', `${base}/analytics${query}`, as.headers);
  const figures = async (query = '') => {
    const response = await get(query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const PERIOD = '?from=2025-01-01&to=2025-03-31';

  /** Awards a badge dated `issuedOn`, accepted by the person through the mailed claim link. */
  async function accepted(who: Person, badgeId: string, issuedOn: string): Promise<string> {
    const awarded = await api(
      'POST',
      `/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
      issuer.owner.headers,
      {
        email: who.email,
        issuedOn,
      },
    );
    expect(awarded.statusCode, awarded.body).toBe(201);
    const token = await lastClaimToken(t.deps, who.email);
    expect((await api('POST', `/claims/${token}/accept`, who.headers)).statusCode).toBe(200);
    return awarded.json().id;
  }
  const consent = async (who: Person, body: object) =>
    expect((await api('PUT', `/me/employers/${employer.orgId}/consent`, who.headers, body)).statusCode).toBe(
      200,
    );

  /** A claimed sponsored seat of the employer for one course, its enrolment opened and maybe completed. */
  async function aSeat(who: 'alice' | 'bob' | 'carol', course: string, dates: Record<string, string | null>) {
    const enrolmentId = await anEnrolment(t.app, person[who], course);
    await t.deps.db
      .updateTable('enrolments')
      .set({ enrolledAt: new Date(dates.enrolled ?? ''), firstOpenedAt: new Date(dates.opened ?? '') })
      .where('id', '=', enrolmentId)
      .execute();
    if (dates.completed) await aCompletion(enrolmentId, dates.completed);
    if (!dates.sponsored) return;
    const order = await aRecordedOrder(t.deps, {
      orgId: issuer.orgId,
      userId: employer.manager.userId,
      buyerEmail: employer.manager.email,
      lines: [{ description: 'Seat', listMinor: 1000, courseId: course }],
      paid: { provider: 'manual', at: new Date('2025-01-02T09:00:00Z') },
    });
    const seat = await t.deps.db
      .insertInto('workforceSeats')
      .values({
        orgId: employer.orgId,
        employeeId: employee[who],
        sellerOrgId: issuer.orgId,
        orderId: order.orderId,
        kind: 'course',
        courseId: course,
        status: 'claimed',
        claimedAt: new Date(dates.enrolled ?? ''),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('workforceSeatCourses')
      .values({ seatId: seat.id, courseId: course, enrolmentId })
      .execute();
  }
  async function aCompletion(enrolmentId: string, at: string) {
    const e = await t.deps.db
      .selectFrom('enrolments')
      .selectAll()
      .where('id', '=', enrolmentId)
      .executeTakeFirstOrThrow();
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
        completedAt: new Date(at),
      })
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp();
    await importSample(t);
    issuer = await anIssuerWithOwner(t.app, t.deps);
    for (const title of ['Safe code', 'Plain reading'])
      courses.push(await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title }));
    const courseIds = [courses[0] ?? ''];
    const aBadge = async (name: string, extra: Record<string, unknown>, validityDays: number | null = null) =>
      (await aPublishedBadge(t.app, issuer, { courseIds, name, validityDays, extra })).id;
    badge.prog3 = await aBadge('Programming basics', {
      skills: [{ name: 'Programming', concept: { framework: 'onet', code: PROGRAMMING }, level: 3 }],
    });
    badge.prog5 = await aBadge('Programming expert', {
      skills: [{ name: 'Programming', concept: { framework: 'onet', code: PROGRAMMING }, level: 5 }],
    });
    badge.read = await aBadge('Reading', {
      skills: [{ name: 'Reading', concept: { framework: 'onet', code: READING } }],
    });
    const priced = [];
    for (const title of ['Bootcamp part 1', 'Bootcamp part 2'])
      priced.push(
        await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
          title,
          price: { amountMinor: 4000, currency: 'EUR' },
        }),
      );
    badge.bootcamp = (
      await aPublishedBadge(t.app, issuer, {
        courseIds: priced,
        name: 'Programming bootcamp',
        extra: {
          skills: [{ name: 'Programming', concept: { framework: 'onet', code: PROGRAMMING }, level: 4 }],
        },
      })
    ).id;
    badge.yearly = await aBadge('Forklift licence', {}, 365);
    badge.monthly = await aBadge('Site pass', {}, 30);
    employer = await anEmployerWithManager(t.app, t.deps);
    base = `/orgs/${employer.orgId}`;
    for (const [who, name] of [
      ['alice', 'Alice Adams'],
      ['bob', 'Bob Brown'],
      ['carol', '=HYPERLINK("http://evil.example")'],
    ] as const) {
      person[who] = await aLoggedInUser(t.app, t.deps, { name });
      employee[who] = await anEmployee(t.app, t.deps, employer, person[who]);
    }
    const { alice, bob } = person;
    await accepted(alice, badge.prog3, '2025-01-10');
    await accepted(alice, badge.read, '2025-03-05');
    revokedAward = await accepted(alice, badge.prog5, '2025-03-10');
    await accepted(alice, badge.monthly, '2024-06-01');
    await accepted(alice, badge.yearly, new Date(Date.now() - 300 * DAY).toISOString().slice(0, 10));
    expect(
      (await api('POST', `/orgs/${issuer.orgId}/awards/${revokedAward}/revoke`, issuer.owner.headers, {}))
        .statusCode,
    ).toBe(200);
    await consent(alice, { share: 'all', includeImports: false });
    const bobProg = await accepted(bob, badge.prog5, '2025-03-20');
    await accepted(bob, badge.read, '2025-02-01');
    await consent(bob, { share: 'chosen', includeImports: false, awardIds: [bobProg] });

    const team = await api('POST', `${base}/teams`, employer.manager.headers, { name: 'Ops' });
    teamId = team.json().id;
    await api('PUT', `${base}/teams/${teamId}/members`, employer.manager.headers, {
      employeeIds: [employee.alice],
    });

    // Learning: seats the employer sponsored count; Carol's own enrolment does not.
    await aSeat('alice', courses[0] ?? '', {
      sponsored: 'yes',
      enrolled: '2025-01-05T10:00:00Z',
      opened: '2025-01-06T10:00:00Z',
      completed: '2025-01-20T10:00:00Z',
    });
    await aSeat('bob', courses[0] ?? '', {
      sponsored: 'yes',
      enrolled: '2025-02-01T10:00:00Z',
      opened: '2025-02-02T10:00:00Z',
      completed: '2025-02-06T10:00:00Z',
    });
    await aSeat('bob', courses[1] ?? '', {
      sponsored: 'yes',
      enrolled: '2025-02-01T10:00:00Z',
      opened: '2025-02-03T10:00:00Z',
      completed: null,
    });
    await aSeat('carol', courses[1] ?? '', {
      sponsored: null,
      enrolled: '2025-01-05T10:00:00Z',
      opened: '2025-01-06T10:00:00Z',
      completed: '2025-01-07T10:00:00Z',
    });
  }, 300_000);
  afterAll(() => t?.close());

  it('counts what each person shares over the period, per person and per month with zeros', async () => {
    const body = await figures(PERIOD);
    expect(body.period).toEqual({ from: '2025-01-01', to: '2025-03-31', interval: 'month' });
    expect(body.team).toBeNull();
    expect(body.people).toBe(3);
    expect(body.sharingPeople).toBe(2);
    // Alice's revoked award and Bob's award he did not choose count nowhere.
    expect(body.badges.total).toBe(3);
    expect(body.badges.perEmployee).toEqual([
      { employeeId: employee.alice, name: 'Alice Adams', count: 2 },
      { employeeId: employee.bob, name: 'Bob Brown', count: 1 },
      { employeeId: employee.carol, name: '=HYPERLINK("http://evil.example")', count: 0 },
    ]);
    expect(body.badges.overTime).toEqual([
      { period: '2025-01', count: 1 },
      { period: '2025-02', count: 0 },
      { period: '2025-03', count: 2 },
    ]);
    expect(body.skills.overTime).toEqual([
      { period: '2025-01', gained: 1 },
      { period: '2025-02', gained: 0 },
      { period: '2025-03', gained: 2 },
    ]);
    expect(body.skills.top).toEqual([
      { framework: 'onet', code: PROGRAMMING, label: 'Programming', people: 2 },
      { framework: 'onet', code: READING, label: 'Reading Comprehension', people: 1 },
    ]);
    expect(body.renewals.expiringSoon).toEqual([
      expect.objectContaining({
        employeeId: employee.alice,
        name: 'Alice Adams',
        badgeName: 'Forklift licence',
      }),
    ]);
    expect(body.renewals.expiringSoonTotal).toBe(1);
    expect(body.renewals.expired).toBe(1);
  });

  it('lists the soonest badges expiring soon with how many there are, and downloads them all', async () => {
    const scope = { orgId: employer.orgId, teamId: null };
    const now = t.deps.now();
    const window = {
      start: new Date('2025-01-01T00:00:00Z'),
      end: new Date('2025-04-01T00:00:00Z'),
      now,
      soon: new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY),
      interval: 'month' as const,
      imports: [],
      top: 0,
    };
    const none = await sharedFigures(t.deps.db, scope, { ...window, expiringLimit: 0 });
    expect(none.expiring).toEqual([]);
    expect(none.expiringTotal).toBe(1);
    const all = await sharedFigures(t.deps.db, scope, { ...window, expiringLimit: null });
    expect(all.expiring.map((e) => e.badgeName)).toEqual(['Forklift licence']);
    const csv = await get(`${PERIOD}&format=csv&table=expiringSoon`);
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('employee_id,name,badge,valid_until');
    expect(lines.slice(1)).toEqual([
      expect.stringContaining(`${employee.alice},Alice Adams,Forklift licence,`),
    ]);
  });

  it('counts sponsored seats only: started, completed, the rate and the median days', async () => {
    const { learning } = await figures(PERIOD);
    expect(learning).toEqual({
      started: 3,
      completed: 2,
      completionRate: 0.667,
      // Alice took 15 days, Bob 5.
      medianDaysToComplete: 10,
      perCourse: [
        { courseId: courses[0], title: 'Safe code', started: 2, completed: 2 },
        { courseId: courses[1], title: 'Plain reading', started: 1, completed: 0 },
      ],
    });
    const january = await figures('?from=2025-01-01&to=2025-01-31');
    expect(january.learning).toMatchObject({ started: 1, completed: 1, medianDaysToComplete: 15 });
  });

  it('narrows the figures to a team, and buckets by ISO week', async () => {
    const team = await figures(`${PERIOD}&teamId=${teamId}`);
    expect(team.team).toEqual({ id: teamId, name: 'Ops' });
    expect(team.people).toBe(1);
    expect(team.badges.perEmployee).toEqual([{ employeeId: employee.alice, name: 'Alice Adams', count: 2 }]);
    expect(team.learning.started).toBe(1);
    const weekly = await figures(`${PERIOD}&interval=week`);
    expect(weekly.badges.overTime).toHaveLength(14);
    expect(weekly.badges.overTime.filter((b: { count: number }) => b.count > 0)).toEqual([
      { period: '2025-W02', count: 1 },
      { period: '2025-W10', count: 1 },
      { period: '2025-W12', count: 1 },
    ]);
  });

  it('draws the heat map: required, evidenced and gap per person and skill, most important skill first', async () => {
    const role = async (name: string, skills: object[]) =>
      (await api('POST', `${base}/role-profiles`, employer.manager.headers, { name, skills })).json()
        .id as string;
    const developer = await role('Developer', [
      { framework: 'onet', code: PROGRAMMING, level: 5, importance: 5 },
      { framework: 'onet', code: READING, level: 3, importance: 4 },
    ]);
    const reader = await role('Reader', [{ framework: 'onet', code: READING, level: 4, importance: 3 }]);
    const assign = (who: 'alice' | 'bob' | 'carol', roleIds: string[]) =>
      api('PUT', `${base}/employees/${employee[who]}/roles`, employer.manager.headers, { roleIds });
    await assign('alice', [developer]);
    await assign('bob', [developer, reader]);
    await assign('carol', [reader]);

    const response = await api('GET', `${base}/analytics/gap`, employer.manager.headers);
    expect(response.statusCode, response.body).toBe(200);
    const map = response.json();
    expect(map.skills).toEqual([
      { framework: 'onet', code: PROGRAMMING, label: 'Programming', importance: 5, requiredLevel: 5 },
      { framework: 'onet', code: READING, label: 'Reading Comprehension', importance: 4, requiredLevel: 4 },
    ]);
    const cells = (who: 'alice' | 'bob' | 'carol') =>
      map.people.find((p: { employeeId: string }) => p.employeeId === employee[who])?.cells;
    // Alice's level-5 badge is revoked; her reading badge gives no level, so it meets the level asked.
    expect(cells('alice')).toEqual([
      { code: PROGRAMMING, required: 5, evidenced: 3, gap: 2 },
      { code: READING, required: 3, evidenced: 4, gap: 0 },
    ]);
    expect(cells('bob')).toEqual([
      { code: PROGRAMMING, required: 5, evidenced: 5, gap: 0 },
      { code: READING, required: 4, evidenced: null, gap: 4 },
    ]);
    expect(cells('carol')).toEqual([
      { code: PROGRAMMING, required: null, evidenced: null, gap: null },
      { code: READING, required: 4, evidenced: null, gap: 4 },
    ]);
    expect(map.team).toEqual([
      { code: PROGRAMMING, averageGap: 1, peopleWithGap: 1 },
      { code: READING, averageGap: 2.7, peopleWithGap: 2 },
    ]);
    const programming = map.closers.find((c: { code: string }) => c.code === PROGRAMMING);
    // Only the level-5 badge reaches the required 5: it comes first, and the others only narrow the gap.
    expect(programming.items).toEqual([
      {
        kind: 'badge',
        id: badge.prog5,
        name: 'Programming expert',
        issuer: expect.any(String),
        level: 5,
        closes: true,
        bundle: null,
      },
      {
        kind: 'badge',
        id: badge.prog3,
        name: 'Programming basics',
        issuer: expect.any(String),
        level: 3,
        closes: false,
        bundle: null,
      },
      {
        kind: 'badge',
        id: badge.bootcamp,
        name: 'Programming bootcamp',
        issuer: expect.any(String),
        level: 4,
        closes: false,
        // Commerce's price: the two courses less the default 10 %.
        bundle: { badgeId: badge.bootcamp, priceMinor: 7200, currency: 'EUR' },
      },
    ]);

    const readers = (
      await api('GET', `${base}/analytics/gap?roleId=${reader}`, employer.manager.headers)
    ).json();
    expect(readers.skills.map((s: { code: string }) => s.code)).toEqual([READING]);
    expect(readers.people.map((p: { employeeId: string }) => p.employeeId).sort()).toEqual(
      [employee.bob, employee.carol].sort(),
    );
    const ops = (await api('GET', `${base}/analytics/gap?teamId=${teamId}`, employer.manager.headers)).json();
    expect(ops.people.map((p: { name: string }) => p.name)).toEqual(['Alice Adams']);

    const csv = await api('GET', `${base}/analytics/gap?format=csv&table=heatmap`, employer.manager.headers);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="skill-gaps.csv"');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('employee_id,name,roles,Programming,Reading Comprehension');
    expect(lines).toContain(`${employee.alice},Alice Adams,Developer,2,0`);
    expect(lines).toContain(`${employee.carol},"'=HYPERLINK(""http://evil.example"")",Reader,,4`);
  });

  it('downloads a table as CSV with formulas neutralised, and the JSON as a file', async () => {
    const csv = await get(`${PERIOD}&format=csv&table=badgesPerEmployee`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="analytics-badgesPerEmployee-2025-01-01-to-2025-03-31.csv"',
    );
    expect(csv.body).toBe(
      'employee_id,name,badges\r\n' +
        `${employee.alice},Alice Adams,2\r\n${employee.bob},Bob Brown,1\r\n` +
        `${employee.carol},"'=HYPERLINK(""http://evil.example"")",0\r\n`,
    );
    const months = await get(`${PERIOD}&format=csv&table=badgesOverTime`);
    expect(months.body).toBe('period,badges\r\n2025-01,1\r\n2025-02,0\r\n2025-03,2\r\n');
    const json = await get(`${PERIOD}&format=json`);
    expect(json.headers['content-disposition']).toContain(
      'attachment; filename="analytics-2025-01-01-to-2025-03-31.json"',
    );
    expect(json.json().badges.total).toBe(3);
  });

  it('answers bad parameters with 400 problem+json naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['?from=2025-04-01&to=2025-01-01', 'querystring.from'],
      ['?from=2019-01-01&to=2025-01-01', 'querystring.to'],
      ['?from=2025-02-30', 'querystring.from'],
      ['?from=yesterday', 'querystring.from'],
      ['?interval=day', 'querystring.interval'],
      ['?teamId=nope', 'querystring.teamId'],
      ['?format=csv', 'querystring.table'],
      ['?format=csv&table=secrets', 'querystring.table'],
    ];
    for (const [query, path] of cases) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const gap = await api(
      'GET',
      `${base}/analytics/gap?format=csv&table=badgesPerEmployee`,
      employer.manager.headers,
    );
    expect(gap.statusCode).toBe(400);
  });

  it('answers 404 to another organization, for an unknown team, and 409 for an issuer', async () => {
    const stranger = await anEmployerWithManager(t.app, t.deps);
    expect((await get('', stranger.manager)).statusCode).toBe(404);
    expect((await api('GET', `${base}/analytics/gap`, stranger.manager.headers)).statusCode).toBe(404);
    const theirTeam = (
      await api('POST', `/orgs/${stranger.orgId}/teams`, stranger.manager.headers, { name: 'X' })
    ).json();
    expect((await get(`?teamId=${theirTeam.id}`)).statusCode).toBe(404);
    expect((await get('', person.alice)).statusCode).toBe(404);
    const asIssuer = await api('GET', `/orgs/${issuer.orgId}/analytics`, issuer.owner.headers);
    expect(asIssuer.statusCode).toBe(409);
    expect(asIssuer.json().type).toContain('not-an-employer');
  });

  it('shows consent changes at once: chosen counts only the chosen, a withdrawal counts nowhere', async () => {
    await consent(person.bob, { share: 'all', includeImports: false });
    // Bob's February badge now counts too.
    expect((await figures(PERIOD)).badges.overTime.map((b: { count: number }) => b.count)).toEqual([1, 1, 2]);
    await consent(person.bob, { share: 'chosen', includeImports: false, awardIds: [] });
    const chosenNothing = await figures(PERIOD);
    expect(chosenNothing.badges.total).toBe(2);
    expect(chosenNothing.sharingPeople).toBe(1);
    // Sponsored learning stays: it is what the employer paid for, not what Bob shares.
    expect(chosenNothing.learning.started).toBe(3);

    expect((await api('DELETE', `/me/employers/${employer.orgId}`, person.alice.headers)).statusCode).toBe(
      204,
    );
    const gone = await figures(PERIOD);
    expect(gone.people).toBe(2);
    expect(gone.badges.total).toBe(0);
    expect(gone.badges.perEmployee.map((p: { employeeId: string }) => p.employeeId)).not.toContain(
      employee.alice,
    );
    // Bob's two seats remain.
    expect(gone.learning.started).toBe(2);
    expect(gone.renewals).toEqual({ expiringSoon: [], expiringSoonTotal: 0, expired: 0 });
    const map = (await api('GET', `${base}/analytics/gap`, employer.manager.headers)).json();
    expect(map.people.map((p: { employeeId: string }) => p.employeeId)).not.toContain(employee.alice);
  });
});
