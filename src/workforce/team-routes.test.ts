// Teams and their members over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { anEmployeeRow, anEmployerWithManager, type TestEmployer } from './testing.ts';

interface TeamReply {
  id: string;
  name: string;
  members: Array<{ employeeId: string; name: string }>;
}

describe('teams', { timeout: 60_000 }, () => {
  let t: TestApp;
  let employer: TestEmployer;
  let base: string;

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = employer.manager.headers,
  ) => t.app.inject({ method, url: `${base}${url}`, headers, ...(payload === undefined ? {} : { payload }) });
  const aTeam = async (name: string) => {
    const response = await call('POST', '/teams', { name });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as TeamReply;
  };
  const teams = async () => (await call('GET', '/teams')).json().items as TeamReply[];

  beforeAll(async () => {
    t = await createTestApp();
    employer = await anEmployerWithManager(t.app, t.deps);
    base = `/api/v1/orgs/${employer.orgId}`;
  }, 120_000);
  afterAll(() => t?.close());

  it('creates, lists by name, renames and deletes teams', async () => {
    const payroll = await aTeam('Payroll');
    const audit = await aTeam('audit');
    expect(payroll).toMatchObject({ name: 'Payroll', members: [] });
    expect((await teams()).map((team) => team.name)).toEqual(['audit', 'Payroll']);

    const renamed = await call('PUT', `/teams/${audit.id}`, { name: 'Internal audit' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ id: audit.id, name: 'Internal audit' });

    expect((await call('DELETE', `/teams/${payroll.id}`)).statusCode).toBe(204);
    expect((await teams()).map((team) => team.name)).toEqual(['Internal audit']);
    expect((await call('PUT', `/teams/${payroll.id}`, { name: 'Back' })).statusCode).toBe(404);
    expect((await call('DELETE', `/teams/${payroll.id}`)).statusCode).toBe(404);
  });

  it('refuses a second team of the same name, whatever its case, on create and rename (409)', async () => {
    await aTeam('Sales');
    const other = await aTeam('Marketing');
    expect((await call('POST', '/teams', { name: 'SALES' })).statusCode).toBe(409);
    const clash = await call('PUT', `/teams/${other.id}`, { name: 'sales' });
    expect(clash.statusCode).toBe(409);
    expect(clash.headers['content-type']).toContain('application/problem+json');
    expect((await call('POST', '/teams', { name: '   ' })).statusCode).toBe(400);
  });

  it("replaces a team's members with active employees, and leaves out those who withdraw", async () => {
    const team = await aTeam('Engineering');
    const ana = await anEmployeeRow(t.deps, employer.orgId, { name: 'Ana' });
    const bo = await anEmployeeRow(t.deps, employer.orgId, { name: 'Bo' });
    const set = await call('PUT', `/teams/${team.id}/members`, {
      employeeIds: [bo.employeeId, ana.employeeId],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().members).toEqual([
      { employeeId: ana.employeeId, name: 'Ana' },
      { employeeId: bo.employeeId, name: 'Bo' },
    ]);

    await t.deps.db
      .updateTable('workforceEmployees')
      .set({ status: 'withdrawn' })
      .where('id', '=', bo.employeeId)
      .execute();
    expect((await teams()).find((x) => x.id === team.id)?.members).toEqual([
      { employeeId: ana.employeeId, name: 'Ana' },
    ]);

    const replaced = await call('PUT', `/teams/${team.id}/members`, { employeeIds: [] });
    expect(replaced.json().members).toEqual([]);
  });

  it('names each id that is not an active employee of this organization (400) and changes nothing', async () => {
    const team = await aTeam('Support');
    const active = await anEmployeeRow(t.deps, employer.orgId);
    const invited = await anEmployeeRow(t.deps, employer.orgId, { status: 'invited' });
    const removed = await anEmployeeRow(t.deps, employer.orgId, { status: 'removed' });
    const other = await anEmployerWithManager(t.app, t.deps);
    const elsewhere = await anEmployeeRow(t.deps, other.orgId);
    const response = await call('PUT', `/teams/${team.id}/members`, {
      employeeIds: [active.employeeId, invited.employeeId, removed.employeeId, elsewhere.employeeId],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'employeeIds.1',
      'employeeIds.2',
      'employeeIds.3',
    ]);
    expect((await teams()).find((x) => x.id === team.id)?.members).toEqual([]);
  });

  it("answers 404 for another organization's teams", async () => {
    const team = await aTeam('Hidden');
    const stranger = await anEmployerWithManager(t.app, t.deps);
    const theirs = { ...stranger.manager.headers };
    for (const [method, url, payload] of [
      ['GET', '/teams', undefined],
      ['POST', '/teams', { name: 'Intruders' }],
      ['PUT', `/teams/${team.id}`, { name: 'Taken' }],
      ['PUT', `/teams/${team.id}/members`, { employeeIds: [] }],
      ['DELETE', `/teams/${team.id}`, undefined],
    ] as const) {
      const response = await call(method, url, payload, theirs);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const inTheirs = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/orgs/${stranger.orgId}/teams/${team.id}`,
      headers: theirs,
    });
    expect(inTheirs.statusCode).toBe(404);
    expect((await teams()).map((x) => x.name)).toContain('Hidden');
  });

  it('lets a token with the read scope list teams but not change them', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: employer.manager.headers,
      payload: { name: 'team reader', scopes: ['read'] },
    });
    const bearer = { authorization: `Bearer ${created.json().token}` };
    expect((await call('GET', '/teams', undefined, bearer)).statusCode).toBe(200);
    const write = await call('POST', '/teams', { name: 'By token' }, bearer);
    expect(write.statusCode).toBe(403);
    expect(write.json().detail).toBe('This API token lacks the "workforce:write" scope.');
  });
});
