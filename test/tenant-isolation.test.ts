// A member of organization A must not reach anything of organization B: every org-scoped route answers
// 404 (problem+json), exactly as if B did not exist. Each context appends its routes (and, when a route
// needs one, a fixture builder that creates the resource inside B) to the two lists below.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardBadge } from '../src/badges/award.ts';
import { findVersion } from '../src/badges/definition-store.ts';
import { sampleBadge } from '../src/badges/testing.ts';
import { aPublishedCourse, sampleCourse } from '../src/catalog/testing.ts';
import { aRecordedOrder } from '../src/commerce/receipt-testing.ts';
import { API_TOKEN_SCOPES } from '../src/identity/index.ts';
import { aLoggedInUser, aVerifiedUser, type TestSession } from '../src/identity/testing.ts';
import { sampleIssueRequest } from '../src/issuing/testing.ts';
import { anEnrolment, playerOf, workThroughSampleCourse } from '../src/learning/testing.ts';
import { lastInvitationToken } from '../src/workforce/testing.ts';
import { createTestApp, type TestApp } from './support/app.ts';

/** Ids of B's resources; `:name` placeholders in a route's url and string body values are filled from it. */
type Fixture = Record<string, string>;

interface OrgScopedRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: Record<string, unknown>;
  /** Routes of a person's own session (not usable with API tokens). */
  sessionOnly?: boolean;
}

/** Create resources inside B as B's owner; return their ids for the placeholders. */
type FixtureBuilder = (t: TestApp, b: Fixture, ownerOfB: TestSession) => Promise<Fixture>;

const fixtureBuilders: FixtureBuilder[] = [
  // issuing: B's first signing key (made on first use), which revoking names by its number.
  async () => ({ keyNumber: '1' }),
  // orgs: B has an owner and a staff member; `outsider` is a verified person in neither organization.
  async (t, b, ownerOfB) => {
    const member = await aVerifiedUser(t.deps);
    const outsider = await aVerifiedUser(t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/members`,
      headers: ownerOfB.headers,
      payload: { email: member.email, role: 'staff' },
    });
    expect(added.statusCode).toBe(201);
    return { memberUserId: member.user.id, ownerUserId: ownerOfB.userId, outsiderEmail: outsider.email };
  },
  // orgs: B has an open member invitation.
  async (t, b, ownerOfB) => {
    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/invitations`,
      headers: ownerOfB.headers,
      payload: { email: 'invited.to.b@example.org', role: 'assessor' },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    return { orgInvitationId: invited.json().id };
  },
  // issuing: B has issued one credential.
  async (t, b, ownerOfB) => {
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/credentials`,
      headers: ownerOfB.headers,
      payload: sampleIssueRequest(),
    });
    expect(issued.statusCode, issued.body).toBe(201);
    return { credentialId: issued.json().id, fileType: 'png' };
  },
  // catalog + learning: B published a course; a learner handed in the essay, now in B's review queue.
  async (t, b, ownerOfB) => {
    const orgId = b.orgId ?? '';
    const courseId = await aPublishedCourse(t.app, orgId, ownerOfB);
    const learner = await aLoggedInUser(t.app, t.deps);
    await workThroughSampleCourse(playerOf(t.app, learner, await anEnrolment(t.app, learner, courseId)));
    const queue = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${orgId}/reviews`,
      headers: ownerOfB.headers,
    });
    expect(queue.json().items).toHaveLength(1);
    return { courseId, submissionId: queue.json().items[0].submission.id };
  },
  // badges: B published a badge requiring its course.
  async (t, b, ownerOfB) => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/badges`,
      headers: ownerOfB.headers,
      payload: sampleBadge({ courseIds: [b.courseId ?? ''] }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const badgeId = created.json().id as string;
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/badges/${badgeId}/publish`,
      headers: ownerOfB.headers,
    });
    expect(published.statusCode, published.body).toBe(200);
    return { badgeId };
  },
  // badges: B awarded its badge by hand.
  async (t, b, ownerOfB) => {
    const awarded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/badges/${b.badgeId}/awards`,
      headers: ownerOfB.headers,
      payload: { email: 'awarded-in-b@example.org' },
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    return { awardId: awarded.json().id as string };
  },
  // badges: B awarded its badge to a learner.
  async (t, b) => {
    const [badge] = await t.deps.db
      .selectFrom('badges')
      .select('latestVersionId')
      .where('id', '=', b.badgeId ?? '')
      .execute();
    const version = await findVersion(t.deps.db, badge?.latestVersionId ?? '');
    if (!version) throw new Error('B’s badge has no published version');
    const { award } = await t.deps.db
      .transaction()
      .execute((trx) => awardBadge(t.deps, trx, { version, email: 'holder@example.org', source: 'manual' }));
    return { awardId: award.id };
  },
  // badges: B previewed a bulk award from a CSV file.
  async (t, b, ownerOfB) => {
    const previewed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/badges/${b.badgeId}/bulk-awards`,
      headers: { ...ownerOfB.headers, 'content-type': 'text/csv' },
      payload: 'email\nbulk-in-b@example.org\n',
    });
    expect(previewed.statusCode, previewed.body).toBe(201);
    return { bulkRunId: previewed.json().id as string };
  },
  // commerce: a learner bought from B (a paid order, as fulfilment leaves it).
  async (t, b) => {
    const learner = await aVerifiedUser(t.deps);
    const order = await aRecordedOrder(t.deps, {
      orgId: b.orgId ?? '',
      userId: learner.user.id,
      buyerEmail: learner.email,
      lines: [{ description: 'A course of B', listMinor: 1000 }],
      paid: { provider: 'manual', at: new Date('2026-03-02T09:30:00Z') },
    });
    return { receiptOrderId: order.orderId };
  },
  // commerce: B has a coupon.
  async (t, b, ownerOfB) => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/coupons`,
      headers: ownerOfB.headers,
      payload: { code: 'B-ONLY', kind: 'percent', percentBp: 1000, scope: 'issuer' },
    });
    expect(created.statusCode, created.body).toBe(201);
    return { couponId: created.json().id as string };
  },
  // workforce: B holds a role profile, a team and an active employee (written straight in: B is an issuer,
  // and the 404 comes before any check of the organization's kind).
  async (t, b) => {
    const db = t.deps.db;
    const orgId = b.orgId ?? '';
    const skills = [
      { framework: 'onet', code: '2.A.1.b', label: 'Active Listening', level: 3, importance: 3 },
    ];
    const role = await db
      .insertInto('workforceRoleProfiles')
      .values({ orgId, name: 'Role of B', source: null, skills: JSON.stringify(skills) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const team = await db
      .insertInto('workforceTeams')
      .values({ orgId, name: 'Team of B' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const employee = await db
      .insertInto('workforceEmployees')
      .values({ orgId, invitedEmail: 'employee-of-b@example.org', status: 'active', invitedAt: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { roleProfileId: role.id, teamId: team.id, roleEmployeeId: employee.id };
  },
  // workforce: B's owner also runs an employer, where a person accepted the invitation and shares all.
  async (t, _b, ownerOfB) => {
    const employer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: ownerOfB.headers,
      payload: { name: 'employer-b', slug: 'employer-b', kind: 'employer' },
    });
    expect(employer.statusCode, employer.body).toBe(201);
    const employerOrgId = employer.json().id as string;
    const person = await aLoggedInUser(t.app, t.deps);
    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${employerOrgId}/employees/invitations`,
      headers: ownerOfB.headers,
      payload: { emails: [person.email] },
    });
    expect(invited.statusCode, invited.body).toBe(200);
    const token = await lastInvitationToken(t.deps, person.email);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/employers/invitations/${token}/accept`,
      headers: person.headers,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${employerOrgId}/employees`,
      headers: ownerOfB.headers,
    });
    return { employerOrgId, employeeId: listed.json().items[0].id as string };
  },
  // webhooks: B registered an endpoint (not called here: nothing happens in B while the test runs).
  async (t, b, ownerOfB) => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/webhooks`,
      headers: ownerOfB.headers,
      payload: { url: 'https://hooks.example.org/tessera', events: ['award.revoked'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    return { webhookId: created.json().id };
  },
  // LTI: B registered a platform.
  async (t, b, ownerOfB) => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/lti/platforms`,
      headers: ownerOfB.headers,
      payload: {
        issuer: 'https://canvas.example.edu',
        clientId: `isolation-${b.orgId}`,
        deploymentIds: ['1:abc'],
        authUrl: 'https://canvas.example.edu/api/lti/authorize_redirect',
        tokenUrl: 'https://canvas.example.edu/login/oauth2/token',
        jwksUrl: 'https://canvas.example.edu/api/lti/security/jwks',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    return { ltiPlatformId: created.json().id };
  },
  // OB 3.0 API: B publishes an OAuth app.
  async (t, b, ownerOfB) => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/oauth-clients`,
      headers: ownerOfB.headers,
      payload: {
        name: 'B Wallet',
        homePageUrl: 'https://wallet.b.example/',
        redirectUris: ['https://wallet.b.example/callback'],
        scopes: ['https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    return { oauthClientId: created.json().clientId };
  },
];

const orgScopedRoutes: OrgScopedRoute[] = [
  // orgs
  { method: 'GET', url: '/api/v1/orgs/:orgId' },
  { method: 'PATCH', url: '/api/v1/orgs/:orgId', body: { name: 'Taken over' } },
  { method: 'GET', url: '/api/v1/orgs/:orgId/members' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/members', body: { email: ':outsiderEmail', role: 'staff' } },
  { method: 'PATCH', url: '/api/v1/orgs/:orgId/members/:memberUserId', body: { role: 'admin' } },
  { method: 'PATCH', url: '/api/v1/orgs/:orgId/members/:ownerUserId', body: { role: 'admin' } },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/members/:memberUserId' },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/members/:ownerUserId' },
  // orgs: branding and member invitations (the organization console)
  { method: 'PUT', url: '/api/v1/orgs/:orgId/logo' },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/logo' },
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/invitations',
    body: { email: 'someone@example.org', role: 'staff' },
  },
  { method: 'GET', url: '/api/v1/orgs/:orgId/invitations' },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/invitations/:orgInvitationId' },
  // issuing
  { method: 'GET', url: '/api/v1/orgs/:orgId/issuer' },
  { method: 'PUT', url: '/api/v1/orgs/:orgId/issuer', body: { didMethod: 'key' } },
  { method: 'POST', url: '/api/v1/orgs/:orgId/issuer/keys' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/issuer/keys/:keyNumber/revoke', body: { reason: 'Intruder.' } },
  { method: 'GET', url: '/api/v1/orgs/:orgId/domain' },
  { method: 'PUT', url: '/api/v1/orgs/:orgId/domain', body: { domain: 'badges.example.edu' } },
  { method: 'POST', url: '/api/v1/orgs/:orgId/domain/verify' },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/domain' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/credentials', body: sampleIssueRequest() },
  { method: 'GET', url: '/api/v1/orgs/:orgId/credentials' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/credentials/:credentialId' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/credentials/:credentialId/baked.:fileType' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/credentials/:credentialId/revoke', body: {} },
  { method: 'POST', url: '/api/v1/orgs/:orgId/credentials/:credentialId/suspend', body: {} },
  { method: 'POST', url: '/api/v1/orgs/:orgId/credentials/:credentialId/reinstate', body: {} },
  // catalog
  { method: 'POST', url: '/api/v1/orgs/:orgId/courses', body: sampleCourse() },
  { method: 'GET', url: '/api/v1/orgs/:orgId/courses' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/courses/:courseId' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/courses/:courseId/preview' },
  { method: 'PATCH', url: '/api/v1/orgs/:orgId/courses/:courseId', body: { title: 'Taken over' } },
  { method: 'POST', url: '/api/v1/orgs/:orgId/courses/:courseId/publish' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/courses/:courseId/images' },
  { method: 'PUT', url: '/api/v1/orgs/:orgId/courses/:courseId/image' },
  { method: 'PATCH', url: '/api/v1/orgs/:orgId/courses/:courseId/image', body: { alt: 'Taken over' } },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/courses/:courseId/image' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/courses/:courseId/archive' },
  // badges: definitions
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/badges',
    body: sampleBadge({ courseIds: ['00000000-0000-4000-8000-000000000000'] }),
  },
  { method: 'GET', url: '/api/v1/orgs/:orgId/badges' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/badges/:badgeId' },
  { method: 'PATCH', url: '/api/v1/orgs/:orgId/badges/:badgeId', body: { name: 'Taken over' } },
  { method: 'POST', url: '/api/v1/orgs/:orgId/badges/:badgeId/publish' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/badges/:badgeId/archive' },
  { method: 'PUT', url: '/api/v1/orgs/:orgId/badges/:badgeId/image' },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/badges/:badgeId/image' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/badges/:badgeId/image' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/badges/:badgeId/design-options' },
  {
    method: 'PUT',
    url: '/api/v1/orgs/:orgId/badges/:badgeId/design',
    body: {
      template: 'shield',
      colors: { primary: '#1e3a8a', secondary: '#dbeafe', accent: '#f59e0b' },
      icon: 'code',
      useLogo: false,
      subtitle: null,
    },
  },
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/badges/design-preview',
    body: {
      name: 'Taken over',
      design: {
        template: 'circle',
        colors: { primary: '#1e3a8a', secondary: '#dbeafe', accent: '#f59e0b' },
        icon: null,
        useLogo: true,
        subtitle: null,
      },
    },
  },
  // badges: awards
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/badges/:badgeId/awards',
    body: { email: 'intruder@example.org' },
  },
  { method: 'POST', url: '/api/v1/orgs/:orgId/awards/:awardId/revoke', body: { reason: 'Taken over' } },
  { method: 'POST', url: '/api/v1/orgs/:orgId/awards/:awardId/suspend', body: {} },
  { method: 'POST', url: '/api/v1/orgs/:orgId/awards/:awardId/reinstate', body: {} },
  { method: 'POST', url: '/api/v1/orgs/:orgId/awards/:awardId/resend-claim' },
  // wallets: a wallet link for a badge of B's (anyone's but the caller's own badge is not found)
  { method: 'POST', url: '/api/v1/me/badges/:awardId/wallet-offers' },
  // badges: bulk awards
  { method: 'POST', url: '/api/v1/orgs/:orgId/badges/:badgeId/bulk-awards' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/bulk-awards' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/bulk-awards/:bulkRunId' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/bulk-awards/:bulkRunId/rows' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/bulk-awards/:bulkRunId/start' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/bulk-awards/:bulkRunId/cancel' },
  // badges: the award list and its export
  { method: 'GET', url: '/api/v1/orgs/:orgId/awards' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/awards.csv' },
  // badges: credentials issued through the API, in the list of issued credentials (any id of B's will do:
  // membership is checked first)
  { method: 'GET', url: '/api/v1/orgs/:orgId/api-credentials' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/api-credentials/:credentialId/revoke' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/api-credentials/:credentialId/suspend' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/api-credentials/:credentialId/reinstate' },
  // reports: the issuer dashboard's figures
  { method: 'GET', url: '/api/v1/orgs/:orgId/figures' },
  // learning: the review queue
  { method: 'GET', url: '/api/v1/orgs/:orgId/reviews' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/reviews/history' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/reviews/:submissionId/file' },
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/reviews/:submissionId',
    body: { decision: 'accept', feedback: 'Looks fine to me.', scores: [] },
  },
  // commerce: orders
  { method: 'GET', url: '/api/v1/orgs/:orgId/orders' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/orders/:receiptOrderId' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/orders/:receiptOrderId/mark-paid', body: {} },
  // commerce: settings, bundles, coupons, exceptional refunds, the audit trail
  { method: 'GET', url: '/api/v1/orgs/:orgId/commerce/settings' },
  {
    method: 'PUT',
    url: '/api/v1/orgs/:orgId/commerce/settings',
    body: { taxRateBp: 0, taxLabel: 'Tax', bundleDiscountBp: 0, sellerDetails: '', issuanceFee: null },
  },
  { method: 'GET', url: '/api/v1/orgs/:orgId/bundles' },
  {
    method: 'PUT',
    url: '/api/v1/orgs/:orgId/bundles/:badgeId',
    body: { priceMinor: null, discountBp: null, onSale: false },
  },
  { method: 'PATCH', url: '/api/v1/orgs/:orgId/bundles/:badgeId', body: { onSale: false } },
  { method: 'GET', url: '/api/v1/orgs/:orgId/coupons' },
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/coupons',
    body: { code: 'INTRUDER', kind: 'percent', percentBp: 10000, scope: 'issuer' },
  },
  { method: 'PATCH', url: '/api/v1/orgs/:orgId/coupons/:couponId', body: { active: false } },
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/orders/:receiptOrderId/refunds',
    body: { lineIds: ['00000000-0000-4000-8000-000000000000'], reason: 'Taken over' },
  },
  { method: 'GET', url: '/api/v1/orgs/:orgId/commerce/audit' },
  // commerce: receipts
  { method: 'GET', url: '/api/v1/orgs/:orgId/orders/:receiptOrderId/receipt.pdf' },
  // commerce: sales reports
  { method: 'GET', url: '/api/v1/orgs/:orgId/reports/sales' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/reports/sales.csv' },
  // workforce: role profiles, teams, assignments
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/role-profiles/from-occupation',
    body: { framework: 'onet', code: '15-1251.00' },
  },
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/role-profiles',
    body: { name: 'Intruder', skills: [{ framework: 'onet', code: '2.A.1.b', level: 3, importance: 3 }] },
  },
  { method: 'GET', url: '/api/v1/orgs/:orgId/role-profiles' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/role-profiles/:roleProfileId' },
  {
    method: 'PUT',
    url: '/api/v1/orgs/:orgId/role-profiles/:roleProfileId',
    body: { name: 'Taken over', skills: [{ framework: 'onet', code: '2.A.1.b', level: 7, importance: 5 }] },
  },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/role-profiles/:roleProfileId' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/teams', body: { name: 'Intruders' } },
  { method: 'GET', url: '/api/v1/orgs/:orgId/teams' },
  { method: 'PUT', url: '/api/v1/orgs/:orgId/teams/:teamId', body: { name: 'Taken over' } },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/teams/:teamId' },
  { method: 'PUT', url: '/api/v1/orgs/:orgId/teams/:teamId/members', body: { employeeIds: [] } },
  {
    method: 'PUT',
    url: '/api/v1/orgs/:orgId/employees/:roleEmployeeId/roles',
    body: { roleIds: [] },
  },
  // workforce: people and consent (an employer of B's owner; A's people are no employees of it)
  {
    method: 'POST',
    url: '/api/v1/orgs/:employerOrgId/employees/invitations',
    body: { emails: ['intruder@example.org'] },
  },
  { method: 'GET', url: '/api/v1/orgs/:employerOrgId/employees' },
  { method: 'GET', url: '/api/v1/orgs/:employerOrgId/employees/:employeeId' },
  { method: 'GET', url: '/api/v1/orgs/:employerOrgId/employees/:employeeId/badges' },
  { method: 'DELETE', url: '/api/v1/orgs/:employerOrgId/employees/:employeeId' },
  // workforce: analytics (figures and the skill-gap heat map of B's owner's employer)
  { method: 'GET', url: '/api/v1/orgs/:employerOrgId/analytics' },
  { method: 'GET', url: '/api/v1/orgs/:employerOrgId/analytics/people' },
  { method: 'GET', url: '/api/v1/orgs/:employerOrgId/analytics/gap' },
  // workforce: sponsored seats (B's employer; the ids are no one's: the membership answers first)
  {
    method: 'POST',
    url: '/api/v1/orgs/:employerOrgId/sponsorships/quote',
    body: {
      employeeIds: ['00000000-0000-4000-8000-000000000000'],
      items: [{ kind: 'course', courseId: '00000000-0000-4000-8000-000000000001' }],
      provider: 'manual',
    },
  },
  {
    method: 'POST',
    url: '/api/v1/orgs/:employerOrgId/sponsorships',
    body: {
      employeeIds: ['00000000-0000-4000-8000-000000000000'],
      items: [{ kind: 'course', courseId: '00000000-0000-4000-8000-000000000001' }],
      provider: 'manual',
    },
  },
  { method: 'GET', url: '/api/v1/orgs/:employerOrgId/sponsorships' },
  {
    method: 'PUT',
    url: '/api/v1/me/employers/:employerOrgId/consent',
    body: { share: 'all', includeImports: true },
  },
  { method: 'DELETE', url: '/api/v1/me/employers/:employerOrgId' },
  // workforce: recognition and the weekly digest (an endorsement id that is not B's: the membership answers first)
  {
    method: 'POST',
    url: '/api/v1/orgs/:employerOrgId/employees/:employeeId/endorsements',
    body: { awardId: '00000000-0000-4000-8000-000000000000', kind: 'congratulation', comment: 'Intruder' },
  },
  { method: 'GET', url: '/api/v1/orgs/:employerOrgId/employees/:employeeId/endorsements' },
  {
    method: 'DELETE',
    url: '/api/v1/orgs/:employerOrgId/employees/:employeeId/endorsements/:employeeId',
  },
  { method: 'GET', url: '/api/v1/orgs/:employerOrgId/digest' },
  { method: 'PUT', url: '/api/v1/orgs/:employerOrgId/digest', body: { enabled: false } },
  // workforce: open roles (B's employer; an open-role id that is not B's: the membership answers first)
  {
    method: 'POST',
    url: '/api/v1/orgs/:employerOrgId/open-roles',
    body: { roleId: ':roleProfileId', title: 'Intruder' },
  },
  { method: 'GET', url: '/api/v1/orgs/:employerOrgId/open-roles' },
  {
    method: 'PUT',
    url: '/api/v1/orgs/:employerOrgId/open-roles/:employeeId',
    body: { roleId: ':roleProfileId', title: 'Taken over' },
  },
  { method: 'DELETE', url: '/api/v1/orgs/:employerOrgId/open-roles/:employeeId' },
  { method: 'GET', url: '/api/v1/orgs/:employerOrgId/open-roles/:employeeId/applications' },
  // webhooks (a delivery id that is no one's: the membership answers first)
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/webhooks',
    body: { url: 'https://in.example.org/', events: ['order.paid'] },
  },
  { method: 'GET', url: '/api/v1/orgs/:orgId/webhooks' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/webhooks/:webhookId' },
  { method: 'PATCH', url: '/api/v1/orgs/:orgId/webhooks/:webhookId', body: { enabled: false } },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/webhooks/:webhookId' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/webhooks/:webhookId/deliveries' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/webhooks/:webhookId/deliveries/:webhookId/redeliver' },
  // gradebook: the LMS line items the badge editor picks from
  { method: 'GET', url: '/api/v1/orgs/:orgId/lms/line-items' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/webhooks/:webhookId/rotate-secret' },
  // LTI platform registrations
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/lti/platforms',
    body: {
      issuer: 'https://lms.intruder.example',
      clientId: 'intruder',
      deploymentIds: ['1'],
      authUrl: 'https://lms.intruder.example/auth',
      tokenUrl: 'https://lms.intruder.example/token',
      jwksUrl: 'https://lms.intruder.example/jwks',
    },
  },
  { method: 'GET', url: '/api/v1/orgs/:orgId/lti/platforms' },
  { method: 'GET', url: '/api/v1/orgs/:orgId/lti/platforms/:ltiPlatformId' },
  { method: 'PATCH', url: '/api/v1/orgs/:orgId/lti/platforms/:ltiPlatformId', body: { name: 'Taken over' } },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/lti/platforms/:ltiPlatformId' },
  // OB 3.0 API: the OAuth apps an organization publishes
  {
    method: 'POST',
    url: '/api/v1/orgs/:orgId/oauth-clients',
    body: {
      name: 'Intruder',
      homePageUrl: 'https://intruder.example/',
      redirectUris: ['https://intruder.example/cb'],
      scopes: ['https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly'],
    },
  },
  { method: 'GET', url: '/api/v1/orgs/:orgId/oauth-clients' },
  { method: 'POST', url: '/api/v1/orgs/:orgId/oauth-clients/:oauthClientId/rotate-secret' },
  { method: 'DELETE', url: '/api/v1/orgs/:orgId/oauth-clients/:oauthClientId' },
  // identity
  { method: 'PUT', url: '/api/v1/auth/session/organization', body: { orgId: ':orgId' }, sessionOnly: true },
  {
    method: 'POST',
    url: '/api/v1/me/tokens',
    body: { name: 'into B', orgId: ':orgId', scopes: ['read'] },
    sessionOnly: true,
  },
];

/**
 * Routes whose {orgId} names a seller, not a tenant: a learner's own cart at any issuer. Anyone may shop
 * anywhere; what isolates them is the user (a cart is always the caller's own), not a membership.
 */
const sellerScoped = new Set([
  'GET /api/v1/me/carts/{}',
  'POST /api/v1/me/carts/{}/items',
  'DELETE /api/v1/me/carts/{}/items/{}',
  'PUT /api/v1/me/carts/{}/coupon',
  'DELETE /api/v1/me/carts/{}/coupon',
  'POST /api/v1/me/carts/{}/checkout',
  // Public: an issuer's tax and issuance-fee terms, shown to anyone before they buy.
  'GET /api/v1/issuers/{}/price-terms',
]);

function fill(template: string, b: Fixture): string {
  return template.replace(/:([A-Za-z]+)/g, (whole, name: string) => {
    const value = b[name];
    if (value === undefined) throw new Error(`No fixture value for ${whole}`);
    return value;
  });
}

function fillBody(body: Record<string, unknown>, b: Fixture): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [
      key,
      typeof value === 'string' && value.startsWith(':') ? fill(value, b) : value,
    ]),
  );
}

describe('tenant isolation', () => {
  let t: TestApp;
  let ownerOfA: TestSession;
  let ownerOfB: TestSession;
  let tokenOfA: string;
  let tokenBoundToA: string;
  let orgA: string;
  let membersOfBBefore: unknown;
  const b: Fixture = {};
  const allScopes = API_TOKEN_SCOPES;

  const membersOfB = async () =>
    (
      await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${b.orgId}/members`, headers: ownerOfB.headers })
    ).json();

  async function createToken(as: TestSession, orgId?: string): Promise<string> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: as.headers,
      payload: { name: 'isolation', scopes: allScopes, ...(orgId ? { orgId } : {}) },
    });
    expect(response.statusCode).toBe(201);
    return response.json().token;
  }

  async function createOrg(as: TestSession, slug: string): Promise<string> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: as.headers,
      payload: { name: slug, slug, kind: 'issuer' },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    ownerOfA = await aLoggedInUser(t.app, t.deps);
    ownerOfB = await aLoggedInUser(t.app, t.deps);
    orgA = await createOrg(ownerOfA, 'org-a');
    b.orgId = await createOrg(ownerOfB, 'org-b');
    for (const build of fixtureBuilders) Object.assign(b, await build(t, b, ownerOfB));
    tokenOfA = await createToken(ownerOfA);

    // Someone who is an admin of both organizations, acting through a token bound to A.
    const inBoth = await aLoggedInUser(t.app, t.deps);
    for (const [orgId, owner] of [
      [orgA, ownerOfA],
      [b.orgId, ownerOfB],
    ] as const) {
      const added = await t.app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${orgId}/members`,
        headers: owner.headers,
        payload: { email: inBoth.email, role: 'admin' },
      });
      expect(added.statusCode).toBe(201);
    }
    tokenBoundToA = await createToken(inBoth, orgA);
    membersOfBBefore = await membersOfB();
  });
  afterAll(() => t?.close());

  function request(route: OrgScopedRoute, headers: Record<string, string>): InjectOptions {
    return {
      method: route.method,
      url: fill(route.url, b),
      headers,
      ...(route.body ? { payload: fillBody(route.body, b) } : {}),
    };
  }

  const expectNotFound = (response: {
    statusCode: number;
    headers: Record<string, unknown>;
    body: string;
  }) => {
    expect(response.statusCode, response.body).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  };

  it.each(orgScopedRoutes)(
    'answers $method $url with 404 to the owner of another organization',
    async (route) => {
      expectNotFound(await t.app.inject(request(route, ownerOfA.headers)));
    },
  );

  it.each(orgScopedRoutes.filter((route) => !route.sessionOnly))(
    'answers $method $url with 404 to an API token of another organization’s owner',
    async (route) => {
      expectNotFound(await t.app.inject(request(route, { authorization: `Bearer ${tokenOfA}` })));
    },
  );

  it.each(orgScopedRoutes.filter((route) => !route.sessionOnly))(
    'answers $method $url with 404 to a token bound to A even when its owner is an admin of B',
    async (route) => {
      expectNotFound(await t.app.inject(request(route, { authorization: `Bearer ${tokenBoundToA}` })));
    },
  );

  it('lets the same session and tokens reach A, so the 404s above are about B', async () => {
    for (const headers of [
      ownerOfA.headers,
      { authorization: `Bearer ${tokenOfA}` },
      { authorization: `Bearer ${tokenBoundToA}` },
    ]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${orgA}/members`, headers });
      expect(response.statusCode).toBe(200);
    }
  });

  it('lists every organization-scoped operation the API documents', async () => {
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    // Compared by shape: the list may name a parameter after its fixture (`:memberUserId` for `{userId}`).
    const documented = Object.entries(openapi.paths)
      .filter(([path]) => path.includes('{orgId}'))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{\w+\}/g, '{}')}`),
      );
    const listed = new Set(
      orgScopedRoutes.map((route) => `${route.method} ${route.url.replace(/:\w+/g, '{}')}`),
    );
    expect(documented.filter((operation) => !listed.has(operation) && !sellerScoped.has(operation))).toEqual(
      [],
    );
  });

  it('never lists B among the organizations of A’s owner', async () => {
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: ownerOfA.headers });
    expect(mine.json().items.map((org: { id: string }) => org.id)).not.toContain(b.orgId);
  });

  it('leaves B unchanged after all those attempts', async () => {
    const org = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${b.orgId}`,
      headers: ownerOfB.headers,
    });
    expect(org.json().name).toBe('org-b');
    expect(await membersOfB()).toEqual(membersOfBBefore);
  });
});
