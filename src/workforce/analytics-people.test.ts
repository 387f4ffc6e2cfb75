// The people ranked by badges at size: the figures hold only the top of the ranking (TOP_PEOPLE) with the
// distribution of counts over everybody; GET …/analytics/people pages through the whole ranking in the same
// order, and the CSV download still lists everybody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { lastClaimToken } from '../badges/award-testing.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { PEOPLE_PAGE, TOP_PEOPLE } from './analytics-model.ts';
import { anEmployee, anEmployeeRow, anEmployerWithManager, type TestEmployer } from './testing.ts';

type Person = TestSession & { email: string };
type Ranked = { employeeId: string; name: string; count: number };
const PERIOD = 'from=2025-01-01&to=2025-12-31';
/** More people than the figures rank, all of them sharing nothing. */
const SILENT = TOP_PEOPLE + 2;

describe('the ranking of people by badges', { timeout: 300_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let employer: TestEmployer;
  let base: string;
  const sharing: Array<{ name: string; employeeId: string; badges: number; who: Person }> = [];
  const silent: string[] = [];

  const get = (url: string, as: TestSession = employer.manager) =>
    t.app.inject({ method: 'GET', url: `/api/v1${base}${url}`, headers: as.headers });
  const ok = async (url: string) => {
    const response = await get(url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const courseIds = [await aPublishedCourse(t.app, issuer.orgId, issuer.owner)];
    const badges: string[] = [];
    for (const name of ['First aid', 'Fire warden', 'Forklift'])
      badges.push((await aPublishedBadge(t.app, issuer, { courseIds, name })).id);
    employer = await anEmployerWithManager(t.app, t.deps);
    base = `/orgs/${employer.orgId}`;

    // Three people share everything: three, two and one badge in the period (and one more before it).
    for (const [name, count] of [
      ['Ada Sharer', 3],
      ['Bo Sharer', 2],
      ['Cy Sharer', 1],
    ] as const) {
      const who: Person = await aLoggedInUser(t.app, t.deps, { name });
      const employeeId = await anEmployee(t.app, t.deps, employer, who);
      const dates = ['2025-02-01', '2025-05-01', '2025-09-01'].slice(0, count);
      if (count === 1) dates.push('2024-06-01');
      for (const [i, issuedOn] of dates.entries()) {
        const awarded = await t.app.inject({
          method: 'POST',
          url: `/api/v1/orgs/${issuer.orgId}/badges/${badges[i]}/awards`,
          headers: issuer.owner.headers,
          payload: { email: who.email, issuedOn },
        });
        expect(awarded.statusCode, awarded.body).toBe(201);
        const token = await lastClaimToken(t.deps, who.email);
        const claimed = await t.app.inject({
          method: 'POST',
          url: `/api/v1/claims/${token}/accept`,
          headers: who.headers,
        });
        expect(claimed.statusCode, claimed.body).toBe(200);
      }
      const consent = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/me/employers/${employer.orgId}/consent`,
        headers: who.headers,
        payload: { share: 'all', includeImports: false },
      });
      expect(consent.statusCode, consent.body).toBe(200);
      sharing.push({ name, employeeId, badges: count, who });
    }
    // And more active people than the figures rank, who share nothing (yet).
    for (let i = 1; i <= SILENT; i++)
      silent.push(
        (await anEmployeeRow(t.deps, employer.orgId, { name: `Silent ${String(i).padStart(2, '0')}` }))
          .employeeId,
      );
  }, 600_000);
  afterAll(() => t?.close());

  it('gives the figures only the top of the ranking, with totals and the distribution over everybody', async () => {
    const figures = await ok(`/analytics?${PERIOD}`);
    expect(figures.people).toBe(sharing.length + SILENT);
    expect(figures.sharingPeople).toBe(sharing.length);
    expect(figures.badges.total).toBe(6);
    expect(figures.badges.perEmployee).toHaveLength(TOP_PEOPLE);
    expect(figures.badges.perEmployee.slice(0, 3)).toEqual(
      sharing.map((s) => ({ employeeId: s.employeeId, name: s.name, count: s.badges })),
    );
    // Ties (zeros) by name: Silent 01, Silent 02, …
    expect(figures.badges.perEmployee[3]).toEqual({ employeeId: silent[0], name: 'Silent 01', count: 0 });
    expect(figures.badges.perEmployee.at(-1).name).toBe(`Silent ${String(TOP_PEOPLE - 3).padStart(2, '0')}`);
    expect(figures.badges.distribution).toEqual([
      { badges: 0, people: SILENT },
      { badges: 1, people: 1 },
      { badges: 2, people: 1 },
      { badges: 3, people: 1 },
    ]);
  });

  it('pages through the whole ranking in the order of the figures and of the CSV download', async () => {
    const pages: Ranked[] = [];
    for (let offset = 0; ; offset += 20) {
      const page = await ok(`/analytics/people?${PERIOD}&limit=20&offset=${offset}`);
      expect(page).toMatchObject({ total: sharing.length + SILENT, limit: 20, offset });
      expect(page.period).toEqual({ from: '2025-01-01', to: '2025-12-31', interval: 'month' });
      if (page.people.length === 0) break;
      pages.push(...page.people);
    }
    expect(pages).toHaveLength(sharing.length + SILENT);
    expect(new Set(pages.map((p) => p.employeeId)).size).toBe(pages.length);
    const figures = await ok(`/analytics?${PERIOD}`);
    expect(pages.slice(0, TOP_PEOPLE)).toEqual(figures.badges.perEmployee);

    const csv = await get(`/analytics?${PERIOD}&format=csv&table=badgesPerEmployee`);
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('employee_id,name,badges');
    expect(lines.slice(1)).toEqual(pages.map((p) => `${p.employeeId},${p.name},${p.count}`));

    const byDefault = await ok(`/analytics/people?${PERIOD}`);
    expect(byDefault.limit).toBe(PEOPLE_PAGE.default);
    expect(byDefault.people).toEqual(pages);
    // Before the period nobody but Cy had a badge: then everybody else by name.
    const before = await ok('/analytics/people?from=2024-01-01&to=2024-12-31&limit=3');
    expect(before.people).toEqual([
      { employeeId: sharing[2]?.employeeId, name: 'Cy Sharer', count: 1 },
      { employeeId: sharing[0]?.employeeId, name: 'Ada Sharer', count: 0 },
      { employeeId: sharing[1]?.employeeId, name: 'Bo Sharer', count: 0 },
    ]);
  });

  it('ranks a team’s people only, and counts a withdrawn person nowhere', async () => {
    const team = await t.app.inject({
      method: 'POST',
      url: `/api/v1${base}/teams`,
      headers: employer.manager.headers,
      payload: { name: 'Wardens' },
    });
    const teamId = team.json().id;
    const members = await t.app.inject({
      method: 'PUT',
      url: `/api/v1${base}/teams/${teamId}/members`,
      headers: employer.manager.headers,
      payload: { employeeIds: [sharing[1]?.employeeId, silent[5]] },
    });
    expect(members.statusCode, members.body).toBe(200);
    const page = await ok(`/analytics/people?${PERIOD}&teamId=${teamId}`);
    expect(page.team).toEqual({ id: teamId, name: 'Wardens' });
    expect(page.total).toBe(2);
    expect(page.people.map((p: Ranked) => [p.name, p.count])).toEqual([
      ['Bo Sharer', 2],
      ['Silent 06', 0],
    ]);

    const bo = sharing[1]?.who as Person;
    const withdrawn = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/employers/${employer.orgId}`,
      headers: bo.headers,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);
    const after = await ok(`/analytics/people?${PERIOD}&teamId=${teamId}`);
    expect(after.total).toBe(1);
    expect(after.people.map((p: Ranked) => p.name)).toEqual(['Silent 06']);
  });

  it('answers bad paging with 400 naming the parameter, another organization with 404', async () => {
    for (const [query, path] of [
      ['limit=0', 'querystring.limit'],
      [`limit=${PEOPLE_PAGE.max + 1}`, 'querystring.limit'],
      ['offset=-1', 'querystring.offset'],
      ['from=2025-04-01&to=2025-01-01', 'querystring.from'],
      ['teamId=nope', 'querystring.teamId'],
    ]) {
      const response = await get(`/analytics/people?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const stranger = await anEmployerWithManager(t.app, t.deps);
    expect((await get('/analytics/people', stranger.manager)).statusCode).toBe(404);
  });
});
