// Test factories of people and consent: an employer with a manager, a person who accepted its
// invitation, a badge a person accepted, and the invitation token of the newest mail; and of sponsored seats:
// an issuer selling two courses and their bundle, an employer with active people, the seat calls.
import type { FastifyInstance } from 'fastify';
import { aPublishedBadge } from '../badges/testing.ts';
import { aPricedCourse, setShopSettings } from '../commerce/testing.ts';
import type { Deps } from '../deps.ts';
import { aLoggedInUser, aVerifiedUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';

let counter = 0;

export interface TestEmployer {
  orgId: string;
  owner: TestSession & { email: string };
  manager: TestSession & { email: string };
}

/** An employer organization, its owner, and a manager added by the owner. */
export async function anEmployerWithManager(app: FastifyInstance, deps: Deps): Promise<TestEmployer> {
  counter += 1;
  const owner = await aLoggedInUser(app, deps);
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: owner.headers,
    payload: {
      name: `Northwind ${counter}`,
      slug: `employer-${counter}-${Date.now().toString(36)}`,
      kind: 'employer',
    },
  });
  if (created.statusCode !== 201) throw new Error(`employer creation failed: ${created.body}`);
  const orgId = created.json().id as string;
  const manager = await aLoggedInUser(app, deps);
  const added = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${orgId}/members`,
    headers: owner.headers,
    payload: { email: manager.email, role: 'manager' },
  });
  if (added.statusCode !== 201) throw new Error(`manager not added: ${added.body}`);
  return { orgId, owner, manager };
}

export function invitationTokenIn(text: string): string {
  const match = /\/join\/employer\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no invitation link in mail:\n${text}`);
  return match[1];
}

/** The token of the newest employer invitation mailed to an address. */
export async function lastInvitationToken(deps: Deps, email: string): Promise<string> {
  const message = await deps.db
    .selectFrom('mailMessages')
    .select('textBody')
    .where('toAddress', '=', email.toLowerCase())
    .where('idempotencyKey', 'like', 'employer-invitation:%')
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
  if (!message) throw new Error(`no invitation mail to ${email}`);
  return invitationTokenIn(message.textBody);
}

/** Invites the person as the employer's manager and accepts as the person; returns the employee id. */
export async function anEmployee(
  app: FastifyInstance,
  deps: Deps,
  employer: TestEmployer,
  person: TestSession & { email: string },
): Promise<string> {
  const invited = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${employer.orgId}/employees/invitations`,
    headers: employer.manager.headers,
    payload: { emails: [person.email] },
  });
  if (invited.statusCode !== 200) throw new Error(`invitation failed: ${invited.body}`);
  const token = await lastInvitationToken(deps, person.email);
  const accepted = await app.inject({
    method: 'POST',
    url: `/api/v1/me/employers/invitations/${token}/accept`,
    headers: person.headers,
  });
  if (accepted.statusCode !== 200) throw new Error(`acceptance failed: ${accepted.body}`);
  const listed = await app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${employer.orgId}/employees?limit=200`,
    headers: employer.manager.headers,
  });
  const row = (listed.json().items as Array<{ id: string; email: string }>).find(
    (item) => item.email === person.email.toLowerCase(),
  );
  if (!row) throw new Error('the accepted person is not listed');
  return row.id;
}

/**
 * Role profiles and teams: a person of the organization in the given status, written straight into the
 * table (as an accepted invitation leaves an active one), for tests of what builds on people.
 */
export async function anEmployeeRow(
  deps: Deps,
  orgId: string,
  options: { name?: string; status?: 'invited' | 'active' | 'withdrawn' | 'removed' } = {},
): Promise<{ employeeId: string; userId: string; name: string }> {
  const person = await aVerifiedUser(deps, options.name ? { name: options.name } : {});
  const status = options.status ?? 'active';
  const now = deps.now();
  const row = await deps.db
    .insertInto('workforceEmployees')
    .values({
      orgId,
      userId: person.user.id,
      invitedEmail: person.email.toLowerCase(),
      status,
      invitedAt: now,
      acceptedAt: status === 'invited' ? null : now,
      withdrawnAt: status === 'withdrawn' ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { employeeId: row.id, userId: person.user.id, name: person.user.name };
}

interface TestApp {
  app: FastifyInstance;
  deps: Deps;
}

export interface TestShop {
  issuer: TestIssuer;
  /** €40.00 and €60.00; their bundle costs €90.00 (10 % off), tax 20 %. */
  courseA: string;
  courseB: string;
  badgeId: string;
}

export async function aSeatShop(
  t: TestApp,
  names = { a: 'Payroll basics', b: 'Payroll reporting' },
): Promise<TestShop> {
  const issuer = await anIssuerWithOwner(t.app, t.deps, 'Seat Academy');
  await setShopSettings(t, issuer, { taxRateBp: 2000, bundleDiscountBp: 1000 });
  const courseA = await aPricedCourse(t, issuer, { priceMinor: 4000, title: names.a });
  const courseB = await aPricedCourse(t, issuer, { priceMinor: 6000, title: names.b });
  const badgeId = (await aPublishedBadge(t.app, issuer, { courseIds: [courseA, courseB] })).id;
  return { issuer, courseA, courseB, badgeId };
}

export type TestPerson = TestSession & { email: string; employeeId: string };

/** A signed-in person who accepted the employer's invitation (active). */
export async function anActivePerson(t: TestApp, employer: TestEmployer, name?: string): Promise<TestPerson> {
  const person = await aLoggedInUser(t.app, t.deps, name ? { name } : {});
  const employeeId = await anEmployee(t.app, t.deps, employer, person);
  return { ...person, employeeId };
}

/** The employer's sponsorship calls, as the Sponsor page makes them. */
export function sponsorshipsOf(t: TestApp, employer: TestEmployer, as: TestSession = employer.manager) {
  const base = `/api/v1/orgs/${employer.orgId}/sponsorships`;
  return {
    quote: (body: object) =>
      t.app.inject({ method: 'POST', url: `${base}/quote`, headers: as.headers, payload: body }),
    place: (body: object) => t.app.inject({ method: 'POST', url: base, headers: as.headers, payload: body }),
    list: (query = '') => t.app.inject({ method: 'GET', url: `${base}${query}`, headers: as.headers }),
  };
}

/** The person's seat calls, as the Seats page makes them. */
export function seatsOf(t: TestApp, person: TestSession) {
  return {
    list: () => t.app.inject({ method: 'GET', url: '/api/v1/me/seats', headers: person.headers }),
    claim: (seatId: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/me/seats/${seatId}/claim`, headers: person.headers }),
  };
}

/** The mails sent to an address whose subject mentions `text`. */
export async function mailsTo(deps: Deps, email: string, text: string) {
  return deps.db
    .selectFrom('mailMessages')
    .select(['subject', 'textBody'])
    .where('toAddress', '=', email.toLowerCase())
    .where('subject', 'like', `%${text}%`)
    .execute();
}
