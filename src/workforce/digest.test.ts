// The weekly digest with a fixed clock and known data: one mail per owner, admin and manager who has it on,
// with the week's new badges, closed skills gaps and renewals due; sent once per employer and week however
// often it runs; in the reader's language; and a signed link that turns it off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { lastClaimToken } from '../badges/award-testing.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { importOnet, sampleDirectory } from '../skills/index.ts';
import { weekOf } from './digest-model.ts';
import { sendDigestOf, sendWeeklyDigests } from './digest-service.ts';
import { sharedAwardsOfEmployer } from './digest-store.ts';
import { sharedBadges } from './sharing.ts';
import { anEmployee, anEmployerWithManager, type TestEmployer } from './testing.ts';

type Person = TestSession & { email: string };
const DAY = 86_400_000;
const NOW = new Date('2031-03-12T09:00:00Z'); // a Wednesday
let clock = NOW;

describe('the weekly digest', { timeout: 180_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let employer: TestEmployer;
  let quietManager: Person;
  let forklift: string;
  let lifting: string;
  let ana: Person;
  let anaLifting: string;

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: object, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });

  async function anAcceptedAward(person: Person, badgeId: string): Promise<string> {
    const awarded = await api(
      'POST',
      `/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
      issuer.owner.headers,
      {
        email: person.email,
      },
    );
    expect(awarded.statusCode, awarded.body).toBe(201);
    const token = await lastClaimToken(t.deps, person.email);
    expect((await api('POST', `/claims/${token}/accept`, person.headers)).statusCode).toBe(200);
    return awarded.json().id;
  }

  /** Moves an award back in time (issued `daysAgo`, valid for `validDays` more), as if earned earlier. */
  const backdate = (awardId: string, daysAgo: number, validDays: number | null) =>
    t.deps.db
      .updateTable('awards')
      .set({
        issuedAt: new Date(NOW.getTime() - daysAgo * DAY),
        validUntil: validDays === null ? null : new Date(NOW.getTime() + validDays * DAY),
      })
      .where('id', '=', awardId)
      .execute();

  const shareAll = async (person: Person) =>
    expect(
      (
        await api('PUT', `/me/employers/${employer.orgId}/consent`, person.headers, {
          share: 'all',
          includeImports: false,
        })
      ).statusCode,
    ).toBe(200);

  const digestMails = (orgId: string) =>
    t.deps.db
      .selectFrom('mailMessages')
      .select(['toAddress', 'subject', 'textBody', 'htmlBody', 'carriesSecret'])
      .where('idempotencyKey', 'like', `employer-digest:${orgId}:%`)
      .orderBy('toAddress')
      .execute();

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    await importOnet(t.deps.db, sampleDirectory('onet'));
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const skills = [{ name: 'Listening', concept: { framework: 'onet', code: '2.A.1.b' }, level: 5 }];
    forklift = (
      await aPublishedBadge(t.app, issuer, {
        courseIds: [courseId],
        name: 'Forklift driving',
        extra: { skills },
      })
    ).id;
    lifting = (await aPublishedBadge(t.app, issuer, { courseIds: [courseId], name: 'Safe lifting' })).id;

    employer = await anEmployerWithManager(t.app, t.deps);
    quietManager = await aLoggedInUser(t.app, t.deps);
    const added = await api('POST', `/orgs/${employer.orgId}/members`, employer.owner.headers, {
      email: quietManager.email,
      role: 'manager',
    });
    expect(added.statusCode, added.body).toBe(201);
    const off = await api('PUT', `/orgs/${employer.orgId}/digest`, quietManager.headers, { enabled: false });
    expect(off.json()).toEqual({ enabled: false });
    // The manager reads Spanish.
    await t.deps.db
      .updateTable('users')
      .set({ locale: 'es' })
      .where('id', '=', employer.manager.userId)
      .execute();

    // Ana earned Forklift driving this week (it closes her role's listening gap) and has Safe lifting expiring.
    ana = await aLoggedInUser(t.app, t.deps, { name: 'Ana Núñez' });
    await anAcceptedAward(ana, forklift);
    anaLifting = await anAcceptedAward(ana, lifting);
    await backdate(anaLifting, 300, 10);
    // Ben had Forklift driving long before: nothing new, no gap closed this week.
    const ben = await aLoggedInUser(t.app, t.deps, { name: 'Ben Okafor' });
    await backdate(await anAcceptedAward(ben, forklift), 60, null);
    const employees = [];
    for (const person of [ana, ben]) {
      employees.push(await anEmployee(t.app, t.deps, employer, person));
      await shareAll(person);
    }
    const role = await t.deps.db
      .insertInto('workforceRoleProfiles')
      .values({
        orgId: employer.orgId,
        name: 'Warehouse lead',
        source: null,
        skills: JSON.stringify([
          { framework: 'onet', code: '2.A.1.b', label: 'Active Listening', level: 4, importance: 4 },
        ]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('workforceRoleAssignments')
      .values(employees.map((employeeId) => ({ employeeId, roleId: role.id })))
      .execute();
  });
  afterAll(() => t?.close());

  it('mails each manager who has it on once, with the new badges, gaps closed and renewals due', async () => {
    expect(await sendWeeklyDigests(t.deps)).toBeGreaterThanOrEqual(2);
    const mails = await digestMails(employer.orgId);
    expect(mails.map((m) => m.toAddress).sort()).toEqual(
      [employer.owner.email, employer.manager.email].map((e) => e.toLowerCase()).sort(),
    );
    const owner = mails.find((m) => m.toAddress === employer.owner.email.toLowerCase());
    expect(owner?.subject).toMatch(/^This week at Northwind \d+: new badges/);
    const text = owner?.textBody ?? '';
    expect(text).toContain('New badges\n- Ana Núñez: Forklift driving');
    expect(text).not.toContain('Ben Okafor: Forklift driving');
    expect(text).toContain(
      'Skills gaps closed\n- Ana Núñez: Active Listening at level 4 for the role Warehouse lead, shown by “Forklift driving”',
    );
    expect(text).toContain(
      'Renewals due in the next 30 days\n- Ana Núñez: Safe lifting expires on March 22, 2031',
    );
    expect(text).toContain('/employ/settings');
    expect(owner?.carriesSecret).toBe(true);

    const manager = mails.find((m) => m.toAddress === employer.manager.email.toLowerCase());
    expect(manager?.subject).toMatch(/^Esta semana en Northwind/);
    expect(manager?.textBody).toContain('Insignias nuevas');
    expect(manager?.htmlBody).toContain('Ana Núñez: Forklift driving');

    const runs = await t.deps.db
      .selectFrom('workforceDigestRuns')
      .selectAll()
      .where('orgId', '=', employer.orgId)
      .execute();
    expect(runs).toEqual([expect.objectContaining({ week: weekOf(NOW), mails: 2 })]);
  });

  it('sends nothing more when it runs again in the same week, even all at once', async () => {
    const before = (await digestMails(employer.orgId)).length;
    const again = await Promise.all([
      sendDigestOf(t.deps, employer.orgId),
      sendDigestOf(t.deps, employer.orgId),
    ]);
    expect(again).toEqual([0, 0]);
    expect(await digestMails(employer.orgId)).toHaveLength(before);
  });

  it('sends nothing when there is nothing to say', async () => {
    const quiet = await anEmployerWithManager(t.app, t.deps);
    expect(await sendDigestOf(t.deps, quiet.orgId)).toBe(0);
    expect(await digestMails(quiet.orgId)).toEqual([]);
  });

  it('reads what people share in one query exactly as the employer’s badges route does', async () => {
    const rows = await sharedAwardsOfEmployer(t.deps.db, employer.orgId);
    const people = await t.deps.db
      .selectFrom('workforceEmployees')
      .select(['id', 'userId'])
      .where('orgId', '=', employer.orgId)
      .where('status', '=', 'active')
      .execute();
    for (const person of people) {
      const seen = await sharedBadges(t.deps.db, employer.orgId, person.userId ?? '', NOW);
      expect(
        rows
          .filter((r) => r.employeeId === person.id)
          .map((r) => r.awardId)
          .sort(),
      ).toEqual(
        seen
          .filter((b) => b.kind === 'award')
          .map((b) => b.id)
          .sort(),
      );
    }
    expect(rows.length).toBe(3);
  });

  it('turns the digest off through the mailed link after a confirmation, and refuses a forged link', async () => {
    const [mail] = (await digestMails(employer.orgId)).filter(
      (m) => m.toAddress === employer.manager.email.toLowerCase(),
    );
    const link = /\/digest\/unsubscribe\/(\S+)/.exec(mail?.textBody ?? '')?.[1];
    expect(link).toBeDefined();
    const page = await t.app.inject({ method: 'GET', url: `/digest/unsubscribe/${link}?lang=en` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('<form method="post"');
    expect((await api('GET', `/orgs/${employer.orgId}/digest`, employer.manager.headers)).json()).toEqual({
      enabled: true,
    });

    const done = await t.app.inject({
      method: 'POST',
      url: `/digest/unsubscribe/${link}?lang=en`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.body).toContain('is off');
    expect((await api('GET', `/orgs/${employer.orgId}/digest`, employer.manager.headers)).json()).toEqual({
      enabled: false,
    });

    // The owner's ids with the manager's signature: not a link this server made.
    const bytes = Buffer.from(link ?? '', 'base64url');
    const ownerId = Buffer.from(employer.owner.userId.replaceAll('-', ''), 'hex');
    const forged = Buffer.concat([bytes.subarray(0, 16), ownerId, bytes.subarray(32)]).toString('base64url');
    const refused = await t.app.inject({ method: 'POST', url: `/digest/unsubscribe/${forged}` });
    expect(refused.statusCode).toBe(404);
    expect((await api('GET', `/orgs/${employer.orgId}/digest`, employer.owner.headers)).json()).toEqual({
      enabled: true,
    });
  });

  it('goes out again next week, only to those who still have it on', async () => {
    clock = new Date(NOW.getTime() + 7 * DAY);
    expect(await sendDigestOf(t.deps, employer.orgId)).toBe(1);
    const mails = await t.deps.db
      .selectFrom('mailMessages')
      .select(['toAddress', 'textBody'])
      .where('idempotencyKey', 'like', `employer-digest:${employer.orgId}:${weekOf(clock)}:%`)
      .execute();
    expect(mails.map((m) => m.toAddress)).toEqual([employer.owner.email.toLowerCase()]);
    // Nothing new this week: only the renewal still due.
    expect(mails[0]?.textBody).not.toContain('New badges');
    expect(mails[0]?.textBody).toContain('Safe lifting expires on');
  });
});
