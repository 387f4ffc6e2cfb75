// The employer authorization matrix (issue #17): every route of the workforce context, read from the API's own
// OpenAPI description, called by each kind of caller. An employer's owner, admin and manager are let through
// (2xx with a valid request); a member of another organization gets 404; an issuer organization's owner on
// their own organization 409 not-an-employer; a signed-out caller 401; an API token without the route's scope
// 403; an employee who withdrew reads as 404. A person's own routes (/me/…) serve only that person: another
// signed-in person gets 404 for what is not theirs. A workforce route missing from the table fails the test.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse } from '../src/badges/award-testing.ts';
import { markPaid } from '../src/commerce/testing.ts';
import { API_TOKEN_SCOPES } from '../src/identity/index.ts';
import { aLoggedInUser, type TestSession } from '../src/identity/testing.ts';
import { aBadgeAsserting, anAcceptedAward, SAMPLE } from '../src/insights/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../src/issuing/testing.ts';
import { importOnet } from '../src/skills/index.ts';
import {
  anActivePerson,
  anEmployeeRow,
  anEmployerWithManager,
  aSeatShop,
  lastInvitationToken,
  type TestEmployer,
  type TestPerson,
  type TestShop,
} from '../src/workforce/testing.ts';
import { createTestApp, type TestApp } from './support/app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Values = Record<string, string>;
type Session = TestSession & { email: string };

interface Ctx {
  t: TestApp;
  employer: TestEmployer & { admin: Session };
  /** Active, shares everything, holds an accepted award, opted in to job matching and applied to openRoleId. */
  person: TestPerson & { awardId: string };
  withdrawnEmployeeId: string;
  roleId: string;
  teamId: string;
  openRoleId: string;
  shop: TestShop;
}

interface Prepared {
  values?: Values;
  /** Person routes: who calls (default: the context's person). */
  as?: Session;
}

interface Entry {
  /** As OpenAPI names it: `GET /api/v1/orgs/{orgId}/open-roles`. */
  route: string;
  /** employer: the organization's owner, admin and manager; person: the signed-in person's own. */
  side: 'employer' | 'person';
  /** Fresh resources for one allowed call (destructive routes get their own). */
  prepare?: (c: Ctx) => Promise<Prepared>;
  body?: (v: Values, c: Ctx) => object;
  /** Employer routes about one person: for an employee who withdrew, 404. */
  withdrawnReadsAsMissing?: boolean;
  /** Person routes: another signed-in person asking for this one's resource gets 404. */
  othersGet404?: boolean;
}

let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;
const api = (path: string) => `/api/v1${path}`;

async function inject(c: Ctx, as: TestSession | null, method: Method, url: string, payload?: object) {
  return c.t.app.inject({
    method,
    url,
    headers: as ? as.headers : {},
    ...(payload === undefined ? {} : { payload }),
  });
}

async function ok(c: Ctx, as: TestSession, method: Method, url: string, payload?: object) {
  const response = await inject(c, as, method, api(url), payload);
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url} → ${response.statusCode} ${response.body}`);
  return response.headers['content-type']?.includes('json') ? response.json() : undefined;
}

const aRole = async (c: Ctx) =>
  (
    await ok(c, c.employer.owner, 'POST', `/orgs/${c.employer.orgId}/role-profiles`, {
      name: unique('Role'),
      skills: [{ framework: 'onet', code: '2.A.1.b', level: 3, importance: 4 }],
    })
  ).id as string;
const aTeam = async (c: Ctx) =>
  (await ok(c, c.employer.owner, 'POST', `/orgs/${c.employer.orgId}/teams`, { name: unique('Team') }))
    .id as string;
const anOpenRole = async (c: Ctx) =>
  (
    await ok(c, c.employer.owner, 'POST', `/orgs/${c.employer.orgId}/open-roles`, {
      roleId: c.roleId,
      title: unique('Open role'),
    })
  ).id as string;
const sponsorship = (c: Ctx, employeeId = c.person.employeeId) => ({
  employeeIds: [employeeId],
  items: [{ kind: 'course', courseId: c.shop.courseA }],
  provider: 'manual',
});

/** Every workforce route. A route added to the API must be added here. */
const table: Entry[] = [
  // people and consent
  {
    route: 'POST /api/v1/orgs/{orgId}/employees/invitations',
    side: 'employer',
    body: () => ({ emails: [`${unique('invitee').replace(' ', '-')}@example.org`] }),
  },
  { route: 'GET /api/v1/orgs/{orgId}/employees', side: 'employer' },
  {
    route: 'GET /api/v1/orgs/{orgId}/employees/{employeeId}',
    side: 'employer',
    withdrawnReadsAsMissing: true,
  },
  {
    route: 'GET /api/v1/orgs/{orgId}/employees/{employeeId}/badges',
    side: 'employer',
    withdrawnReadsAsMissing: true,
  },
  {
    route: 'DELETE /api/v1/orgs/{orgId}/employees/{employeeId}',
    side: 'employer',
    prepare: async (c) => ({
      values: { employeeId: (await anEmployeeRow(c.t.deps, c.employer.orgId)).employeeId },
    }),
  },
  {
    route: 'GET /api/v1/me/employers/invitations/{token}',
    side: 'person',
    prepare: async (c) => {
      const invitee = await aLoggedInUser(c.t.app, c.t.deps);
      await ok(c, c.employer.manager, 'POST', `/orgs/${c.employer.orgId}/employees/invitations`, {
        emails: [invitee.email],
      });
      return { values: { token: await lastInvitationToken(c.t.deps, invitee.email) }, as: invitee };
    },
  },
  {
    route: 'POST /api/v1/me/employers/invitations/{token}/accept',
    side: 'person',
    prepare: async (c) => {
      const invitee = await aLoggedInUser(c.t.app, c.t.deps);
      await ok(c, c.employer.manager, 'POST', `/orgs/${c.employer.orgId}/employees/invitations`, {
        emails: [invitee.email],
      });
      return { values: { token: await lastInvitationToken(c.t.deps, invitee.email) }, as: invitee };
    },
    othersGet404: false,
  },
  { route: 'GET /api/v1/me/employers', side: 'person' },
  {
    route: 'PUT /api/v1/me/employers/{orgId}/consent',
    side: 'person',
    body: () => ({ share: 'all', includeImports: false }),
    othersGet404: true,
  },
  {
    route: 'DELETE /api/v1/me/employers/{orgId}',
    side: 'person',
    prepare: async (c) => ({ as: await anActivePerson(c.t, c.employer) }),
    othersGet404: true,
  },
  // role profiles, teams, assignments
  {
    route: 'POST /api/v1/orgs/{orgId}/role-profiles/from-occupation',
    side: 'employer',
    body: () => ({ framework: 'onet', code: '15-1251.00', name: unique('Programmer') }),
  },
  {
    route: 'POST /api/v1/orgs/{orgId}/role-profiles',
    side: 'employer',
    body: () => ({
      name: unique('Listener'),
      skills: [{ framework: 'onet', code: '2.A.1.b', level: 3, importance: 3 }],
    }),
  },
  { route: 'GET /api/v1/orgs/{orgId}/role-profiles', side: 'employer' },
  {
    route: 'GET /api/v1/orgs/{orgId}/role-profiles/{id}',
    side: 'employer',
    prepare: async (c) => ({ values: { id: c.roleId } }),
  },
  {
    route: 'PUT /api/v1/orgs/{orgId}/role-profiles/{id}',
    side: 'employer',
    prepare: async (c) => ({ values: { id: await aRole(c) } }),
    body: () => ({
      name: unique('Renamed'),
      skills: [{ framework: 'onet', code: '2.A.1.b', level: 4, importance: 4 }],
    }),
  },
  {
    route: 'DELETE /api/v1/orgs/{orgId}/role-profiles/{id}',
    side: 'employer',
    prepare: async (c) => ({ values: { id: await aRole(c) } }),
  },
  {
    route: 'PUT /api/v1/orgs/{orgId}/employees/{employeeId}/roles',
    side: 'employer',
    body: (_v, c) => ({ roleIds: [c.roleId] }),
  },
  { route: 'POST /api/v1/orgs/{orgId}/teams', side: 'employer', body: () => ({ name: unique('Team') }) },
  { route: 'GET /api/v1/orgs/{orgId}/teams', side: 'employer' },
  {
    route: 'PUT /api/v1/orgs/{orgId}/teams/{id}',
    side: 'employer',
    prepare: async (c) => ({ values: { id: await aTeam(c) } }),
    body: () => ({ name: unique('Renamed team') }),
  },
  {
    route: 'DELETE /api/v1/orgs/{orgId}/teams/{id}',
    side: 'employer',
    prepare: async (c) => ({ values: { id: await aTeam(c) } }),
  },
  {
    route: 'PUT /api/v1/orgs/{orgId}/teams/{id}/members',
    side: 'employer',
    prepare: async (c) => ({ values: { id: c.teamId } }),
    body: (_v, c) => ({ employeeIds: [c.person.employeeId] }),
  },
  // analytics
  { route: 'GET /api/v1/orgs/{orgId}/analytics', side: 'employer' },
  { route: 'GET /api/v1/orgs/{orgId}/analytics/people', side: 'employer' },
  { route: 'GET /api/v1/orgs/{orgId}/analytics/gap', side: 'employer' },
  // sponsored seats
  {
    route: 'POST /api/v1/orgs/{orgId}/sponsorships/quote',
    side: 'employer',
    body: (_v, c) => sponsorship(c),
  },
  {
    route: 'POST /api/v1/orgs/{orgId}/sponsorships',
    side: 'employer',
    prepare: async (c) => ({ values: { employeeId: (await anActivePerson(c.t, c.employer)).employeeId } }),
    body: (v, c) => sponsorship(c, v.employeeId),
  },
  { route: 'GET /api/v1/orgs/{orgId}/sponsorships', side: 'employer' },
  { route: 'GET /api/v1/me/seats', side: 'person' },
  {
    route: 'POST /api/v1/me/seats/{seatId}/claim',
    side: 'person',
    prepare: async (c) => {
      const person = await anActivePerson(c.t, c.employer);
      const placed = await ok(
        c,
        c.employer.owner,
        'POST',
        `/orgs/${c.employer.orgId}/sponsorships`,
        sponsorship(c, person.employeeId),
      );
      const paid = await markPaid(c.t, c.shop.issuer, placed.order.id);
      if (paid.statusCode !== 200) throw new Error(`mark-paid: ${paid.body}`);
      const seats = (await ok(c, person, 'GET', '/me/seats')).items as Array<{ id: string }>;
      return { values: { seatId: seats[0]?.id ?? '' }, as: person };
    },
    othersGet404: true,
  },
  // endorsements and the digest
  {
    route: 'POST /api/v1/orgs/{orgId}/employees/{employeeId}/endorsements',
    side: 'employer',
    body: (_v, c) => ({ awardId: c.person.awardId, kind: 'congratulation', comment: 'Well done!' }),
    withdrawnReadsAsMissing: true,
  },
  {
    route: 'GET /api/v1/orgs/{orgId}/employees/{employeeId}/endorsements',
    side: 'employer',
    withdrawnReadsAsMissing: true,
  },
  {
    route: 'DELETE /api/v1/orgs/{orgId}/employees/{employeeId}/endorsements/{endorsementId}',
    side: 'employer',
    prepare: async (c) => {
      const sent = await ok(
        c,
        c.employer.owner,
        'POST',
        `/orgs/${c.employer.orgId}/employees/${c.person.employeeId}/endorsements`,
        {
          awardId: c.person.awardId,
          kind: 'congratulation',
          comment: 'Well done again!',
        },
      );
      return { values: { endorsementId: sent.id } };
    },
  },
  { route: 'GET /api/v1/me/endorsements', side: 'person' },
  { route: 'GET /api/v1/orgs/{orgId}/digest', side: 'employer' },
  { route: 'PUT /api/v1/orgs/{orgId}/digest', side: 'employer', body: () => ({ enabled: true }) },
  // open roles
  {
    route: 'POST /api/v1/orgs/{orgId}/open-roles',
    side: 'employer',
    body: (_v, c) => ({ roleId: c.roleId, title: unique('Open role') }),
  },
  { route: 'GET /api/v1/orgs/{orgId}/open-roles', side: 'employer' },
  {
    route: 'PUT /api/v1/orgs/{orgId}/open-roles/{id}',
    side: 'employer',
    prepare: async (c) => ({ values: { id: await anOpenRole(c) } }),
    body: (_v, c) => ({ roleId: c.roleId, title: unique('Edited role'), location: 'Remote' }),
  },
  {
    route: 'DELETE /api/v1/orgs/{orgId}/open-roles/{id}',
    side: 'employer',
    prepare: async (c) => ({ values: { id: await anOpenRole(c) } }),
  },
  {
    route: 'GET /api/v1/orgs/{orgId}/open-roles/{id}/applications',
    side: 'employer',
    prepare: async (c) => ({ values: { id: c.openRoleId } }),
  },
  { route: 'GET /api/v1/me/job-matching', side: 'person' },
  { route: 'PUT /api/v1/me/job-matching', side: 'person', body: () => ({ optIn: true }) },
  { route: 'GET /api/v1/me/open-roles', side: 'person' },
  {
    route: 'POST /api/v1/me/open-roles/{id}/applications',
    side: 'person',
    prepare: async (c) => ({ values: { id: c.openRoleId } }),
    body: (_v, c) => ({ message: 'Hello', shareAwardIds: [c.person.awardId] }),
  },
  {
    route: 'DELETE /api/v1/me/open-roles/{id}/applications',
    side: 'person',
    prepare: async (c) => {
      const id = await anOpenRole(c);
      await ok(c, c.person, 'POST', `/me/open-roles/${id}/applications`, { shareAwardIds: [] });
      return { values: { id } };
    },
    othersGet404: true,
  },
];

/** The OpenAPI paths that belong to the workforce context. */
const WORKFORCE_ORG =
  /^\/api\/v1\/orgs\/\{orgId\}\/(employees|role-profiles|teams|analytics|sponsorships|endorsements|digest|open-roles)(\/|$)/;
const WORKFORCE_ME = /^\/api\/v1\/me\/(employers|seats|open-roles|job-matching|endorsements)(\/|$)/;

describe('the employer authorization matrix', { timeout: 600_000 }, () => {
  let c: Ctx;
  let foreignOwner: Session;
  let issuer: TestIssuer;
  let stranger: Session;
  let documented: Array<{ route: string; scope: string | undefined }> = [];
  const tokens = new Map<string, string>();

  async function tokenOf(as: TestSession, withoutScope: string): Promise<Record<string, string>> {
    const key = `${as.userId}:${withoutScope}`;
    if (!tokens.has(key)) {
      const created = await c.t.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: as.headers,
        payload: {
          name: `without ${withoutScope}`,
          scopes: API_TOKEN_SCOPES.filter((s) => s !== withoutScope),
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      tokens.set(key, created.json().token);
    }
    return { authorization: `Bearer ${tokens.get(key)}` };
  }

  const methodOf = (entry: Entry) => entry.route.split(' ')[0] as Method;
  const pathOf = (entry: Entry) => entry.route.split(' ')[1] as string;
  function urlOf(entry: Entry, values: Values): string {
    return pathOf(entry).replace(/\{(\w+)\}/g, (_whole, name: string) => {
      const value =
        values[name] ??
        {
          orgId: c.employer.orgId,
          employeeId: c.person.employeeId,
          id: c.roleId,
        }[name];
      if (value === undefined) throw new Error(`${entry.route}: no value for {${name}}`);
      return encodeURIComponent(value);
    });
  }

  async function call(entry: Entry, headers: Record<string, string>, prepared: Prepared, orgId?: string) {
    const values = { ...(prepared.values ?? {}), ...(orgId ? { orgId } : {}) };
    return c.t.app.inject({
      method: methodOf(entry),
      url: urlOf(entry, values),
      headers,
      ...(entry.body ? { payload: entry.body(values, c) } : {}),
    });
  }
  const prepare = async (entry: Entry): Promise<Prepared> => (entry.prepare ? entry.prepare(c) : {});
  /** For calls that must be refused (and so change nothing), one set of resources per route is enough. */
  const shared = new Map<Entry, Promise<Prepared>>();
  const prepared = (entry: Entry): Promise<Prepared> => {
    if (!shared.has(entry)) shared.set(entry, prepare(entry));
    return shared.get(entry) as Promise<Prepared>;
  };
  const describeAnswer = (entry: Entry, response: { statusCode: number; body: string }) =>
    `${entry.route} → ${response.statusCode} ${response.body.slice(0, 160)}`;

  beforeAll(async () => {
    const t = await createTestApp();
    await importOnet(t.deps.db, join(SAMPLE, 'onet'));
    const employer = await anEmployerWithManager(t.app, t.deps);
    const admin = await aLoggedInUser(t.app, t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${employer.orgId}/members`,
      headers: employer.owner.headers,
      payload: { email: admin.email, role: 'admin' },
    });
    expect(added.statusCode, added.body).toBe(201);
    foreignOwner = (await anEmployerWithManager(t.app, t.deps)).owner;
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Matrix Academy');
    stranger = await aLoggedInUser(t.app, t.deps);
    const courseId = await aOneLessonCourse(t.app, issuer, { title: 'Listening in one lesson' });
    const badgeId = await aBadgeAsserting({ ...t }, issuer, courseId, 'Listening well', [
      { name: 'Listening', concept: { framework: 'onet', code: '2.A.1.b' }, level: 4 },
    ]);
    const partial = { t, employer: { ...employer, admin } } as Ctx;
    c = partial;
    const active = await anActivePerson(t, employer, 'Pat Person');
    const awardId = await anAcceptedAward(t, issuer, badgeId, active);
    c.person = { ...active, awardId };
    await ok(c, active, 'PUT', `/me/employers/${employer.orgId}/consent`, {
      share: 'all',
      includeImports: false,
    });
    const leaver = await anActivePerson(t, employer);
    await ok(c, leaver, 'DELETE', `/me/employers/${employer.orgId}`);
    c.withdrawnEmployeeId = leaver.employeeId;
    c.roleId = await aRole(c);
    c.teamId = await aTeam(c);
    c.openRoleId = await anOpenRole(c);
    await ok(c, active, 'PUT', '/me/job-matching', { optIn: true });
    await ok(c, active, 'POST', `/me/open-roles/${c.openRoleId}/applications`, { shareAwardIds: [awardId] });
    c.shop = await aSeatShop(t);

    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>>;
    };
    documented = Object.entries(openapi.paths)
      .filter(([path]) => WORKFORCE_ORG.test(path) || WORKFORCE_ME.test(path))
      .flatMap(([path, byMethod]) =>
        Object.entries(byMethod).map(([method, op]) => ({
          route: `${method.toUpperCase()} ${path}`,
          scope: op.security?.find((s) => 'bearer' in s)?.bearer?.[0],
        })),
      );
  }, 600_000);
  afterAll(() => c?.t.close());

  const present = () => table.filter((entry) => documented.some((d) => d.route === entry.route));
  const employerRoutes = () => present().filter((entry) => entry.side === 'employer');
  const personRoutes = () => present().filter((entry) => entry.side === 'person');

  it('covers every workforce route the API documents (add a missing one to the table)', () => {
    expect(documented.length).toBeGreaterThan(30);
    const listed = new Set(table.map((entry) => entry.route));
    const missing = documented.map((d) => d.route).filter((route) => !listed.has(route));
    expect(
      missing,
      `Routes missing from the table in test/workforce-authorization.test.ts:\n${missing.join('\n')}`,
    ).toEqual([]);
    const stale = table
      .map((entry) => entry.route)
      .filter((route) => !documented.some((d) => d.route === route));
    expect(stale, `Routes in the table that the API no longer has:\n${stale.join('\n')}`).toEqual([]);
  });

  it.each(['owner', 'admin', 'manager'] as const)(
    'lets the employer’s %s through on every employer route',
    async (role) => {
      const wrong: string[] = [];
      for (const entry of employerRoutes()) {
        const response = await call(entry, c.employer[role].headers, await prepare(entry));
        if (response.statusCode < 200 || response.statusCode >= 300)
          wrong.push(describeAnswer(entry, response));
      }
      expect(wrong).toEqual([]);
    },
  );

  it('answers 404 to a member of another organization on every employer route', async () => {
    const wrong: string[] = [];
    for (const entry of employerRoutes()) {
      const response = await call(entry, foreignOwner.headers, await prepared(entry));
      if (response.statusCode !== 404) wrong.push(describeAnswer(entry, response));
    }
    expect(wrong).toEqual([]);
  });

  it('answers 409 not-an-employer to an issuer organization’s owner on their own organization', async () => {
    const wrong: string[] = [];
    for (const entry of employerRoutes()) {
      const response = await call(entry, issuer.owner.headers, await prepared(entry), issuer.orgId);
      const type = response.headers['content-type']?.includes('json') ? response.json().type : '';
      if (response.statusCode !== 409 || type !== '/problems/not-an-employer')
        wrong.push(describeAnswer(entry, response));
    }
    expect(wrong).toEqual([]);
  });

  it('answers 404 when the employer reads about an employee who withdrew', async () => {
    const wrong: string[] = [];
    const routes = employerRoutes().filter((entry) => entry.withdrawnReadsAsMissing);
    expect(routes.length).toBeGreaterThan(0);
    for (const entry of routes) {
      const response = await call(entry, c.employer.owner.headers, {
        values: { employeeId: c.withdrawnEmployeeId },
      });
      if (response.statusCode !== 404) wrong.push(describeAnswer(entry, response));
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 to a signed-out caller on every workforce route', async () => {
    const wrong: string[] = [];
    for (const entry of present()) {
      const response = await call(entry, {}, await prepared(entry));
      if (response.statusCode !== 401) wrong.push(describeAnswer(entry, response));
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to an API token without the route’s scope (and to any token on session-only routes)', async () => {
    const wrong: string[] = [];
    for (const entry of present()) {
      const values = await prepared(entry);
      const as = entry.side === 'employer' ? c.employer.owner : (values.as ?? c.person);
      const scope = documented.find((d) => d.route === entry.route)?.scope;
      const response = await call(entry, await tokenOf(as, scope ?? 'none'), values);
      if (response.statusCode !== 403) wrong.push(describeAnswer(entry, response));
    }
    expect(wrong).toEqual([]);
  });

  it('lets a person through on their own routes', async () => {
    const wrong: string[] = [];
    for (const entry of personRoutes()) {
      const prepared = await prepare(entry);
      const response = await call(entry, (prepared.as ?? c.person).headers, prepared);
      if (response.statusCode < 200 || response.statusCode >= 300)
        wrong.push(describeAnswer(entry, response));
    }
    expect(wrong).toEqual([]);
  });

  it('answers 404 to another signed-in person asking for what is not theirs', async () => {
    const wrong: string[] = [];
    const routes = personRoutes().filter((entry) => entry.othersGet404);
    expect(routes.length).toBeGreaterThan(3);
    for (const entry of routes) {
      const response = await call(entry, stranger.headers, await prepared(entry));
      if (response.statusCode !== 404) wrong.push(describeAnswer(entry, response));
    }
    expect(wrong).toEqual([]);
  });

  it('shows a person only their own entries on the listing routes', async () => {
    const lists = {
      employers: await ok(c, stranger, 'GET', '/me/employers'),
      seats: await ok(c, stranger, 'GET', '/me/seats'),
      endorsements: await ok(c, stranger, 'GET', '/me/endorsements'),
    };
    for (const [name, list] of Object.entries(lists)) expect(list.items, name).toEqual([]);
    await ok(c, stranger, 'PUT', '/me/job-matching', { optIn: true });
    const roles = (await ok(c, stranger, 'GET', '/me/open-roles')).items as Array<{
      id: string;
      application: unknown;
    }>;
    expect(roles.find((role) => role.id === c.openRoleId)?.application).toBeNull();
    const mine = (await ok(c, c.person, 'GET', '/me/open-roles')).items as Array<{
      id: string;
      application: unknown;
    }>;
    expect(mine.find((role) => role.id === c.openRoleId)?.application).not.toBeNull();
  });
});
