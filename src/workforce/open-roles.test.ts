// Open roles over HTTP, on the shipped O*NET sample: an employer publishes role profiles as open roles; a
// learner who opted in sees them ranked by fit with the gap, applies showing chosen badges, withdraws; the
// employer sees applicants only, and only what they chose to show.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aOneLessonCourse } from '../badges/award-testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { aBadgeAsserting, anAcceptedAward, SAMPLE } from '../insights/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { importOnet } from '../skills/index.ts';
import { anEmployerWithManager, type TestEmployer } from './testing.ts';

type Learner = TestSession & { email: string };
const onet = (code: string) => ({ framework: 'onet' as const, code });
const WRITING = '2.A.1.c';
const READING = '2.A.1.a';
const CRITICAL = '2.A.2.a';
const LISTENING = '2.A.1.b';
const PROGRAMMING = '2.B.3.e';

interface GapSkill {
  code: string;
  shown?: number | null;
  needed: number;
  badges?: Array<{ name: string }>;
  closers?: { badges: Array<{ name: string }>; courses: unknown[] };
}
interface MyOpenRole {
  id: string;
  employer: { id: string; name: string };
  title: string;
  fit: number;
  gap: { held: GapSkill[]; below: GapSkill[]; missing: GapSkill[] };
  application: { badges: Array<{ awardId: string; name: string }>; message: string } | null;
}

describe('open roles', { timeout: 120_000 }, () => {
  let t: TestApp;
  let employer: TestEmployer;
  let issuer: TestIssuer;
  let learner: Learner;
  let writingAward: string;
  let listeningAward: string;
  const roles = { writer: '', developer: '', programmer: '' };
  const openRoles = { writer: '', developer: '', programmer: '' };

  const as = (who: TestSession, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who.headers,
      ...(payload === undefined ? {} : { payload }),
    });
  const org = () => `/orgs/${employer.orgId}`;

  async function aRole(name: string, skills: Array<[string, number, number]>): Promise<string> {
    const response = await as(employer.manager, 'POST', `${org()}/role-profiles`, {
      name,
      skills: skills.map(([code, level, importance]) => ({ ...onet(code), level, importance })),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }
  async function publish(roleId: string, title: string): Promise<string> {
    const response = await as(employer.manager, 'POST', `${org()}/open-roles`, {
      roleId,
      title,
      description: `About ${title}.\nFull time.`,
      location: 'Rotterdam',
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }
  const myOpenRoles = async (who: Learner = learner) => {
    const response = await as(who, 'GET', '/me/open-roles');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { optedIn: boolean; items: MyOpenRole[]; total: number };
  };
  const optIn = async (who: Learner, optIn: boolean) => {
    const response = await as(who, 'PUT', '/me/job-matching', { optIn });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const applications = (openRoleId: string) =>
    as(employer.manager, 'GET', `${org()}/open-roles/${openRoleId}/applications`);

  beforeAll(async () => {
    t = await createTestApp();
    await importOnet(t.deps.db, join(SAMPLE, 'onet'));
    employer = await anEmployerWithManager(t.app, t.deps);
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Docs Academy');
    const courseId = await aOneLessonCourse(t.app, issuer, { title: 'Writing manuals' });
    const writing = await aBadgeAsserting(t, issuer, courseId, 'Technical writing', [
      { name: 'Writing', concept: onet(WRITING), level: 5 },
      { name: 'Reading', concept: onet(READING), level: 3 },
    ]);
    const listening = await aBadgeAsserting(t, issuer, courseId, 'Listening well', [
      { name: 'Listening', concept: onet(LISTENING), level: 4 },
    ]);
    // Published and not held: it closes the critical-thinking gap.
    await aBadgeAsserting(t, issuer, courseId, 'Critical thinking at work', [
      { name: 'Critical thinking', concept: onet(CRITICAL), level: 4 },
    ]);
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Maria Lopez' });
    writingAward = await anAcceptedAward(t, issuer, writing, learner);
    listeningAward = await anAcceptedAward(t, issuer, listening, learner);

    // Writer: Writing held (weight 5/5), Reading shown below (3/5), Critical thinking missing (2/5) → 0.5.
    roles.writer = await aRole('Writer', [
      [WRITING, 5, 5],
      [READING, 4, 3],
      [CRITICAL, 4, 2],
    ]);
    // Developer: Listening held (4/5), Programming missing (5/5) → 0.8 / 1.8 = 0.444.
    roles.developer = await aRole('Developer', [
      [LISTENING, 3, 4],
      [PROGRAMMING, 5, 5],
    ]);
    // Programmer: nothing held → 0.
    roles.programmer = await aRole('Programmer', [[PROGRAMMING, 4, 5]]);
    openRoles.programmer = await publish(roles.programmer, 'Programmer');
    openRoles.writer = await publish(roles.writer, 'Technical writer');
    openRoles.developer = await publish(roles.developer, 'Junior developer');
  }, 240_000);
  afterAll(() => t?.close());

  it('shows nothing to a learner who has not opted in, and refuses their application', async () => {
    expect((await as(learner, 'GET', '/me/job-matching')).json()).toEqual({ optIn: false, since: null });
    expect(await myOpenRoles()).toEqual({ optedIn: false, items: [], total: 0 });
    const applied = await as(learner, 'POST', `/me/open-roles/${openRoles.writer}/applications`, {
      shareAwardIds: [],
    });
    expect(applied.statusCode, applied.body).toBe(409);
    expect(applied.json().type).toBe('/problems/not-opted-in');
  });

  it('ranks every open role by fit once opted in, each with the gap and what closes it', async () => {
    const matching = await optIn(learner, true);
    expect(matching.optIn).toBe(true);
    expect(typeof matching.since).toBe('string');
    const list = await myOpenRoles();
    expect(list.optedIn).toBe(true);
    expect(list.total).toBe(3);
    expect(list.items.map((item) => [item.title, item.fit])).toEqual([
      ['Technical writer', 0.5],
      ['Junior developer', 0.444],
      ['Programmer', 0],
    ]);
    const writer = list.items[0] as MyOpenRole;
    expect(writer.employer.id).toBe(employer.orgId);
    expect(writer.gap.held).toEqual([
      expect.objectContaining({
        code: WRITING,
        needed: 5,
        shown: 5,
        badges: [{ awardId: writingAward, name: 'Technical writing' }],
      }),
    ]);
    expect(writer.gap.below).toEqual([expect.objectContaining({ code: READING, needed: 4, shown: 3 })]);
    expect(writer.gap.missing).toEqual([expect.objectContaining({ code: CRITICAL, needed: 4 })]);
    expect(writer.gap.missing[0]?.closers?.badges.map((b) => b.name)).toEqual(['Critical thinking at work']);
    expect(writer.application).toBeNull();
  });

  it('follows the role profile live: lowering a needed level raises the fit at once', async () => {
    const lowered = await as(employer.manager, 'PUT', `${org()}/role-profiles/${roles.writer}`, {
      name: 'Writer',
      skills: [
        { ...onet(WRITING), level: 5, importance: 5 },
        { ...onet(READING), level: 3, importance: 3 },
        { ...onet(CRITICAL), level: 4, importance: 2 },
      ],
    });
    expect(lowered.statusCode, lowered.body).toBe(200);
    const writer = (await myOpenRoles()).items.find((item) => item.id === openRoles.writer);
    expect(writer?.fit).toBe(0.8);
    expect(writer?.gap.below).toEqual([]);
  });

  it('shows the employer only the badges the applicant chose, with the fit computed from those alone', async () => {
    const first = await as(learner, 'POST', `/me/open-roles/${openRoles.writer}/applications`, {
      message: 'I write manuals.',
      shareAwardIds: [listeningAward],
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().application.badges).toEqual([{ awardId: listeningAward, name: 'Listening well' }]);
    let seen = (await applications(openRoles.writer)).json().items;
    expect(seen).toHaveLength(1);
    expect(seen[0].applicant).toEqual({ name: 'Maria Lopez', email: learner.email.toLowerCase() });
    expect(seen[0].message).toBe('I write manuals.');
    expect(seen[0].badges.map((b: { id: string }) => b.id)).toEqual([listeningAward]);
    expect(seen[0].fit).toBe(0);
    expect(seen[0].gap.held).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain(writingAward);

    const again = await as(learner, 'POST', `/me/open-roles/${openRoles.writer}/applications`, {
      message: 'I write manuals and read specs.',
      shareAwardIds: [writingAward],
    });
    expect(again.statusCode, again.body).toBe(200);
    seen = (await applications(openRoles.writer)).json().items;
    expect(seen).toHaveLength(1);
    expect(seen[0].badges).toEqual([
      expect.objectContaining({
        kind: 'award',
        id: writingAward,
        name: 'Technical writing',
        state: 'active',
      }),
    ]);
    expect(seen[0].fit).toBe(0.8);
    expect(seen[0].gap.held.map((s: GapSkill) => s.code)).toEqual([WRITING, READING]);
    const listed = (await as(employer.manager, 'GET', `${org()}/open-roles`)).json().items;
    expect(listed.find((r: { id: string }) => r.id === openRoles.writer).applications).toBe(1);
  });

  it('refuses to show a badge that is not the applicant’s, naming it', async () => {
    const other = await aLoggedInUser(t.app, t.deps);
    await optIn(other, true);
    const response = await as(other, 'POST', `/me/open-roles/${openRoles.developer}/applications`, {
      shareAwardIds: [writingAward],
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([
      {
        path: 'shareAwardIds.0',
        message: `${writingAward} is not one of your badges`,
        code: 'not-your-badge',
        params: { id: writingAward },
      },
    ]);
    expect((await applications(openRoles.developer)).json().items).toEqual([]);
  });

  it('never shows the employer a learner who opted in without applying', async () => {
    const bystander = await aLoggedInUser(t.app, t.deps, { name: 'Quiet Bystander' });
    await optIn(bystander, true);
    expect((await myOpenRoles(bystander)).total).toBe(3);
    const employerViews = [
      await as(employer.manager, 'GET', `${org()}/open-roles`),
      ...(await Promise.all(Object.values(openRoles).map((id) => applications(id)))),
    ];
    for (const view of employerViews) {
      expect(view.statusCode).toBe(200);
      expect(view.body).not.toContain('Quiet Bystander');
      expect(view.body).not.toContain(bystander.email.toLowerCase());
    }
    const counts = (await as(employer.manager, 'GET', `${org()}/open-roles`)).json().items;
    expect(counts.map((r: { applications: number }) => r.applications).sort()).toEqual([0, 0, 1]);
  });

  it('forgets an application the moment it is withdrawn', async () => {
    const withdrawn = await as(learner, 'DELETE', `/me/open-roles/${openRoles.writer}/applications`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);
    expect((await applications(openRoles.writer)).json().items).toEqual([]);
    const again = await as(learner, 'DELETE', `/me/open-roles/${openRoles.writer}/applications`);
    expect(again.statusCode).toBe(404);
    const mine = (await myOpenRoles()).items.find((item) => item.id === openRoles.writer);
    expect(mine?.application).toBeNull();
  });

  it('withdraws every application when the learner turns matching off', async () => {
    const applied = await as(learner, 'POST', `/me/open-roles/${openRoles.developer}/applications`, {
      shareAwardIds: [listeningAward],
    });
    expect(applied.statusCode, applied.body).toBe(201);
    expect((await applications(openRoles.developer)).json().items).toHaveLength(1);
    expect(await optIn(learner, false)).toEqual({ optIn: false, since: null });
    expect((await applications(openRoles.developer)).json().items).toEqual([]);
    expect(await myOpenRoles()).toEqual({ optedIn: false, items: [], total: 0 });
    await optIn(learner, true);
  });

  it('closes an open role: learners stop seeing it and its applications are deleted with it', async () => {
    const applied = await as(learner, 'POST', `/me/open-roles/${openRoles.programmer}/applications`, {
      shareAwardIds: [],
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const closed = await as(employer.manager, 'DELETE', `${org()}/open-roles/${openRoles.programmer}`);
    expect(closed.statusCode, closed.body).toBe(204);
    expect((await applications(openRoles.programmer)).statusCode).toBe(404);
    expect((await myOpenRoles()).items.map((item) => item.id)).not.toContain(openRoles.programmer);
    const rows = await t.deps.db
      .selectFrom('workforceOpenRoleApplications')
      .select('id')
      .where('openRoleId', '=', openRoles.programmer)
      .execute();
    expect(rows).toEqual([]);
  });

  it('edits an open role and checks what is published', async () => {
    const edited = await as(employer.manager, 'PUT', `${org()}/open-roles/${openRoles.developer}`, {
      roleId: roles.programmer,
      title: 'Developer',
      location: null,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Developer',
      description: '',
      location: null,
      role: { id: roles.programmer, name: 'Programmer' },
    });
    const foreign = await anEmployerWithManager(t.app, t.deps);
    const foreignRole = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${foreign.orgId}/role-profiles`,
      headers: foreign.manager.headers,
      payload: { name: 'Theirs', skills: [{ ...onet(WRITING), level: 3, importance: 3 }] },
    });
    const bad = await as(employer.manager, 'POST', `${org()}/open-roles`, {
      roleId: foreignRole.json().id,
      title: 'x'.repeat(121),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.title']);
    const wrongRole = await as(employer.manager, 'POST', `${org()}/open-roles`, {
      roleId: foreignRole.json().id,
      title: 'Theirs',
    });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().errors).toEqual([
      {
        path: 'roleId',
        message: `"${foreignRole.json().id}" is not a role profile of this organization`,
        code: 'unknown-role-profile',
        params: { id: foreignRole.json().id },
      },
    ]);
  });

  it('deletes the open roles of a role profile that is deleted', async () => {
    const gone = await as(employer.manager, 'DELETE', `${org()}/role-profiles/${roles.writer}`);
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await myOpenRoles()).items.map((item) => item.id)).not.toContain(openRoles.writer);
  });
});
