// Role profiles and assignments over HTTP, on the shipped skill sample.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { importSample } from '../insights/testing.ts';
import { anEmployeeRow, anEmployerWithManager, type TestEmployer } from './testing.ts';

const PROGRAMMERS = '15-1251.00';
const FOOD_SAFETY = 'http://data.europa.eu/esco/occupation/00ab5610-e715-428f-99f6-b1e5e469dbcd';

interface RoleReply {
  id: string;
  name: string;
  description: string;
  source: { framework: string; code: string; title: string; version: string } | null;
  skills: Array<{ framework: string; code: string; label: string; level: number; importance: number }>;
  assigned: Array<{ employeeId: string; name: string }>;
  updatedAt: string;
}

describe('role profiles', { timeout: 120_000 }, () => {
  let t: TestApp;
  let employer: TestEmployer;
  let base: string;

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = employer.manager.headers,
  ) => t.app.inject({ method, url: `${base}${url}`, headers, ...(payload === undefined ? {} : { payload }) });
  const fromOccupation = async (payload: Record<string, unknown>) => {
    const response = await call('POST', '/role-profiles/from-occupation', payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as RoleReply;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await importSample(t);
    employer = await anEmployerWithManager(t.app, t.deps);
    base = `/api/v1/orgs/${employer.orgId}`;
  }, 240_000);
  afterAll(() => t?.close());

  it('starts a profile from an O*NET occupation with its core skills, most important first', async () => {
    const occupation = (
      await t.app.inject({ method: 'GET', url: `/api/v1/insights/occupations/onet/${PROGRAMMERS}` })
    ).json() as { title: string; skills: Array<{ code: string; importance: number; level: number }> };
    const profile = await fromOccupation({ framework: 'onet', code: PROGRAMMERS });

    expect(profile.name).toBe(occupation.title);
    expect(profile.source).toEqual({
      framework: 'onet',
      code: PROGRAMMERS,
      title: occupation.title,
      version: '29.3',
    });
    expect(profile.skills.map((s) => s.code)).toEqual(occupation.skills.slice(0, 60).map((s) => s.code));
    const importances = profile.skills.map((s) => s.importance);
    expect(importances).toEqual([...importances].sort((a, b) => b - a));
    for (const skill of profile.skills) {
      const rated = occupation.skills.find((s) => s.code === skill.code);
      expect(skill.level).toBe(Math.round((rated?.level ?? 0) * 10) / 10);
    }
    expect(profile.skills.find((s) => s.code === '2.B.3.e')).toEqual({
      framework: 'onet',
      code: '2.B.3.e',
      label: 'Programming',
      level: 4.9,
      importance: 4.75,
    });
    expect(profile.assigned).toEqual([]);
  });

  it('keeps only the skills at least as important as asked', async () => {
    const all = await fromOccupation({ framework: 'onet', code: PROGRAMMERS, name: 'Programmer (all)' });
    const important = await fromOccupation({
      framework: 'onet',
      code: PROGRAMMERS,
      name: 'Programmer (important)',
      minImportance: 4,
    });
    expect(important.skills.length).toBeGreaterThan(0);
    expect(important.skills.length).toBeLessThan(all.skills.length);
    expect(important.skills.every((s) => s.importance >= 4)).toBe(true);
  });

  it('counts ESCO essential skills as importance 4 at level 4', async () => {
    const profile = await fromOccupation({ framework: 'esco', code: FOOD_SAFETY });
    expect(profile.source).toMatchObject({
      framework: 'esco',
      title: 'food safety specialist',
      version: '1.1.1',
    });
    expect(profile.skills.length).toBeGreaterThan(0);
    expect(profile.skills.every((s) => s.importance === 4 && s.level === 4 && s.framework === 'esco')).toBe(
      true,
    );
  });

  it('refuses an occupation that is not imported with 400 at code', async () => {
    const response = await call('POST', '/role-profiles/from-occupation', {
      framework: 'onet',
      code: '99-9999.99',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      {
        path: 'code',
        message: expect.stringContaining('99-9999.99'),
        code: 'unknown-occupation',
        params: { code: '99-9999.99' },
      },
    ]);
  });

  it('edits a level and keeps the occupation the profile started from', async () => {
    const profile = await fromOccupation({
      framework: 'onet',
      code: PROGRAMMERS,
      name: 'Programmer (edited)',
    });
    const skills = profile.skills.map(({ framework, code, level, importance }) => ({
      framework,
      code,
      level: code === '2.B.3.e' ? 6.25 : level,
      importance,
    }));
    const edited = await call('PUT', `/role-profiles/${profile.id}`, { name: 'Senior programmer', skills });
    expect(edited.statusCode, edited.body).toBe(200);
    const read = (await call('GET', `/role-profiles/${profile.id}`)).json() as RoleReply;
    expect(read.name).toBe('Senior programmer');
    expect(read.source).toEqual(profile.source);
    expect(read.skills.find((s) => s.code === '2.B.3.e')?.level).toBe(6.3);
    expect(read.skills.find((s) => s.code === '2.B.3.e')?.label).toBe('Programming');
  });

  it('writes a profile from scratch, labels from the framework, a concept listed twice merged', async () => {
    const response = await call('POST', '/role-profiles', {
      name: 'Listener',
      description: 'Hears people out.',
      skills: [
        { framework: 'onet', code: '2.A.1.b', level: 3, importance: 3 },
        { framework: 'onet', code: '2.B.3.e', level: 2, importance: 5 },
        { framework: 'onet', code: '2.A.1.b', level: 5.04, importance: 2 },
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      name: 'Listener',
      description: 'Hears people out.',
      source: null,
      skills: [
        { code: '2.B.3.e', label: 'Programming', level: 2, importance: 5 },
        { code: '2.A.1.b', label: 'Active Listening', level: 5, importance: 3 },
      ],
    });
  });

  it('names each concept that is not imported (400)', async () => {
    const response = await call('POST', '/role-profiles', {
      name: 'Made up',
      skills: [
        { framework: 'onet', code: '9.Z.9.z', level: 3, importance: 3 },
        { framework: 'onet', code: '2.A.1.b', level: 3, importance: 3 },
        { framework: 'esco', code: 'http://example.org/not-a-skill', level: 3, importance: 3 },
      ],
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().errors.map((f: { path: string }) => f.path);
    expect(paths).toEqual(['skills.0.code', 'skills.2.code']);
    expect((await call('GET', '/role-profiles')).json().items.map((r: RoleReply) => r.name)).not.toContain(
      'Made up',
    );
  });

  it('refuses a level outside 0–7, an importance outside 1–5 and an empty list (400)', async () => {
    for (const skills of [
      [{ framework: 'onet', code: '2.A.1.b', level: 7.5, importance: 3 }],
      [{ framework: 'onet', code: '2.A.1.b', level: 3, importance: 0 }],
      [],
    ]) {
      const response = await call('POST', '/role-profiles', { name: 'Out of range', skills });
      expect(response.statusCode, JSON.stringify(skills)).toBe(400);
    }
  });

  it('refuses a second profile of the same name, whatever its case (409)', async () => {
    const skills = [{ framework: 'onet', code: '2.A.1.b', level: 3, importance: 3 }];
    expect((await call('POST', '/role-profiles', { name: 'Analyst', skills })).statusCode).toBe(201);
    const again = await call('POST', '/role-profiles', { name: 'ANALYST', skills });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });

  it('deletes a profile', async () => {
    const profile = await fromOccupation({ framework: 'onet', code: PROGRAMMERS, name: 'Short-lived' });
    expect((await call('DELETE', `/role-profiles/${profile.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/role-profiles/${profile.id}`)).statusCode).toBe(404);
    expect((await call('DELETE', `/role-profiles/${profile.id}`)).statusCode).toBe(404);
  });

  it('assigns roles to active employees and lists only active holders on the profile', async () => {
    const role = await fromOccupation({ framework: 'onet', code: PROGRAMMERS, name: 'Assigned role' });
    const ana = await anEmployeeRow(t.deps, employer.orgId, { name: 'Ana Active' });
    const will = await anEmployeeRow(t.deps, employer.orgId, { name: 'Will Withdraw' });
    for (const person of [ana, will]) {
      const set = await call('PUT', `/employees/${person.employeeId}/roles`, { roleIds: [role.id] });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toEqual({ employeeId: person.employeeId, roleIds: [role.id] });
    }
    let read = (await call('GET', `/role-profiles/${role.id}`)).json() as RoleReply;
    expect(read.assigned).toEqual([
      { employeeId: ana.employeeId, name: 'Ana Active' },
      { employeeId: will.employeeId, name: 'Will Withdraw' },
    ]);
    await t.deps.db
      .updateTable('workforceEmployees')
      .set({ status: 'withdrawn' })
      .where('id', '=', will.employeeId)
      .execute();
    read = (await call('GET', `/role-profiles/${role.id}`)).json() as RoleReply;
    expect(read.assigned).toEqual([{ employeeId: ana.employeeId, name: 'Ana Active' }]);
    const listed = (await call('GET', '/role-profiles')).json().items as RoleReply[];
    expect(listed.find((r) => r.id === role.id)?.assigned).toEqual(read.assigned);

    const cleared = await call('PUT', `/employees/${ana.employeeId}/roles`, { roleIds: [] });
    expect(cleared.json().roleIds).toEqual([]);
    expect(((await call('GET', `/role-profiles/${role.id}`)).json() as RoleReply).assigned).toEqual([]);
  });

  it('refuses roles of another organization, people who are not active, and unknown people', async () => {
    const other = await anEmployerWithManager(t.app, t.deps);
    const foreignRole = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${other.orgId}/role-profiles/from-occupation`,
      headers: other.manager.headers,
      payload: { framework: 'onet', code: PROGRAMMERS },
    });
    const mine = await fromOccupation({ framework: 'onet', code: PROGRAMMERS, name: 'Mine only' });
    const active = await anEmployeeRow(t.deps, employer.orgId);
    const refused = await call('PUT', `/employees/${active.employeeId}/roles`, {
      roleIds: [mine.id, foreignRole.json().id],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((f: { path: string }) => f.path)).toEqual(['roleIds.1']);

    const invited = await anEmployeeRow(t.deps, employer.orgId, { status: 'invited' });
    expect(
      (await call('PUT', `/employees/${invited.employeeId}/roles`, { roleIds: [mine.id] })).statusCode,
    ).toBe(400);
    const theirs = await anEmployeeRow(t.deps, other.orgId);
    expect(
      (await call('PUT', `/employees/${theirs.employeeId}/roles`, { roleIds: [mine.id] })).statusCode,
    ).toBe(404);
  });

  it("answers 404 for another organization's profiles and 409 for an issuer organization", async () => {
    const role = await fromOccupation({ framework: 'onet', code: PROGRAMMERS, name: 'Private role' });
    const stranger = await anEmployerWithManager(t.app, t.deps);
    for (const [method, url] of [
      ['GET', `/role-profiles/${role.id}`],
      ['GET', '/role-profiles'],
      ['DELETE', `/role-profiles/${role.id}`],
    ] as const) {
      const response = await call(method, url, undefined, stranger.manager.headers);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    // The stranger's own organization does not see it either.
    const inTheirs = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${stranger.orgId}/role-profiles/${role.id}`,
      headers: stranger.manager.headers,
    });
    expect(inTheirs.statusCode).toBe(404);

    const owner = await aLoggedInUser(t.app, t.deps);
    const issuer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: owner.headers,
      payload: { name: 'An issuer', slug: `issuer-${Date.now().toString(36)}`, kind: 'issuer' },
    });
    const atIssuer = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.json().id}/role-profiles`,
      headers: owner.headers,
    });
    expect(atIssuer.statusCode).toBe(409);
    expect(atIssuer.json().type).toBe('/problems/not-an-employer');
  });

  it('lets a token with the read scope list profiles but not write them', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: employer.manager.headers,
      payload: { name: 'reader', scopes: ['read'] },
    });
    const bearer = { authorization: `Bearer ${created.json().token}` };
    expect((await call('GET', '/role-profiles', undefined, bearer)).statusCode).toBe(200);
    const write = await call(
      'POST',
      '/role-profiles/from-occupation',
      { framework: 'onet', code: PROGRAMMERS },
      bearer,
    );
    expect(write.statusCode).toBe(403);
    expect(write.json().detail).toBe('This API token lacks the "workforce:write" scope.');
  });
});
