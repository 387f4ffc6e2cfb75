// LTI 1.3 end to end against a platform simulated in-process on loopback (testing.ts): registration, OIDC
// login and launch, deep linking, the services (client credentials, NRPS, AGS) and a grade-based badge.
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { awardsOfBadge } from '../badges/award-testing.ts';
import { processLearningEvents } from '../badges/index.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { listLineItems } from '../gradebook/index.ts';
import { aVerifiedUser, logInAs } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { ltiGradesTicker, ltiSweepTicker } from './jobs.ts';
import { CLAIMS, SCOPES } from './model.ts';
import { aSimulatedPlatform, type NextLaunch, type SimulatedPlatform } from './testing.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const learner = { sub: 'lms-user-7', email: 'lucia.ramos@example.org', name: 'Lucía Ramos' };
const instructor = { sub: 'lms-teacher-1', email: 'prof.ortega@example.org', name: 'Prof. Ortega' };
const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';

const field = (markup: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(markup)?.[1]?.replace(/&amp;/g, '&') ?? '';

describe('the LTI 1.3 tool', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let sim: SimulatedPlatform;
  let courseId: string;
  let platformId: string;
  const toolJwks = async () => (await t.app.inject({ url: '/lti/jwks.json' })).json() as JSONWebKeySet;

  beforeAll(async () => {
    t = await createTestApp({
      workers: false,
      env: { VERIFY_ALLOW_HOSTS: '127.0.0.1', VERIFY_ALLOW_PRIVATE: 'true' },
    });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'LTI Academy');
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title: 'Budgeting basics' });
    sim = await aSimulatedPlatform({ clientId: 'tessera-client-1', deploymentId: 'dep-1', toolJwks });
    const registered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/lti/platforms`,
      headers: issuer.owner.headers,
      payload: sim.registration,
    });
    expect(registered.statusCode, registered.body).toBe(201);
    platformId = registered.json().id;
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  /** The platform's side of a launch: login initiation, its authorization endpoint's form post. */
  async function startLaunch(launch: NextLaunch) {
    sim.prepare(launch);
    const login = await t.app.inject({
      method: 'POST',
      url: '/lti/login',
      headers: FORM,
      payload: new URLSearchParams({
        iss: sim.base,
        login_hint: launch.user.sub,
        target_link_uri: `${t.deps.config.publicUrl}/lti/launch`,
        lti_message_hint: launch.kind,
        client_id: 'tessera-client-1',
      }).toString(),
    });
    expect(login.statusCode, login.body).toBe(302);
    const authorization = await fetch(String(login.headers.location));
    const markup = await authorization.text();
    expect(authorization.status, markup).toBe(200);
    return {
      action: /action="([^"]*)"/.exec(markup)?.[1],
      idToken: field(markup, 'id_token'),
      state: field(markup, 'state'),
    };
  }

  const postLaunch = (form: { idToken: string; state: string }) =>
    t.app.inject({
      method: 'POST',
      url: '/lti/launch',
      headers: FORM,
      payload: new URLSearchParams({ id_token: form.idToken, state: form.state }).toString(),
    });

  it('shows the registration what to paste into the LMS and never the private key', async () => {
    const listed = await t.app.inject({
      url: `/api/v1/orgs/${issuer.orgId}/lti/platforms`,
      headers: issuer.owner.headers,
    });
    expect(listed.statusCode).toBe(200);
    const [platform] = listed.json().items;
    expect(platform.tool.loginUrl).toMatch(/\/lti\/login$/);
    expect(platform.tool.publicJwk).toMatchObject({ kty: 'RSA', alg: 'RS256', kid: platform.tool.keyId });
    expect(listed.body).not.toContain('"d":');
    expect(listed.body).not.toContain('Wrapped');
    const jwks = await toolJwks();
    expect(jwks.keys.map((k) => k.kid)).toContain(platform.tool.keyId);
    expect(JSON.stringify(jwks)).not.toContain('"d":');
  });

  it('refuses a second registration of the same issuer and client id, and an endpoint that is not a URL', async () => {
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/lti/platforms`,
      headers: issuer.owner.headers,
      payload: sim.registration,
    });
    expect(again.statusCode).toBe(409);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/lti/platforms`,
      headers: issuer.owner.headers,
      payload: { ...sim.registration, clientId: 'other', jwksUrl: 'not a url' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors?.[0]?.path ?? bad.body).toContain('jwksUrl');
  });

  it('launches a learner into the course the link names, with a Tessera session for the email the LMS sent', async () => {
    const form = await startLaunch({
      kind: 'resource',
      user: learner,
      custom: { tessera_course_id: courseId },
    });
    expect(form.action).toBe(`${t.deps.config.publicUrl}/lti/launch`);
    const launched = await postLaunch(form);
    expect(launched.statusCode, launched.body).toBe(303);
    expect(launched.headers.location).toBe(`/catalog/${courseId}`);
    const cookie = String(launched.headers['set-cookie']).split(';')[0]!;
    const session = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.name).toBe('Lucía Ramos');
    expect(session.json().user.emails.map((e: { email: string }) => e.email)).toContain(learner.email);

    // The same person launching again is the same account, found through the (platform, sub) link.
    const again = await postLaunch(await startLaunch({ kind: 'resource', user: learner }));
    expect(again.headers.location).toBe('/learn');
    const second = await t.app.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: String(again.headers['set-cookie']).split(';')[0]! },
    });
    expect(second.json().user.id).toBe(session.json().user.id);
  });

  it('deep-links a course: the instructor picks it and the LMS receives a response JWT signed by the tool key', async () => {
    const launched = await postLaunch(
      await startLaunch({ kind: 'deep-link', user: instructor, roles: [INSTRUCTOR] }),
    );
    expect(launched.statusCode, launched.body).toBe(303);
    const pickerUrl = String(launched.headers.location);
    const picker = await t.app.inject({ url: pickerUrl });
    expect(picker.statusCode).toBe(200);
    expect(picker.body).toContain('Budgeting basics');
    const chosen = await t.app.inject({
      method: 'POST',
      url: pickerUrl,
      headers: FORM,
      payload: `choice=course:${courseId}`,
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.body).toContain(`action="${sim.returnUrl()}"`);
    expect(chosen.headers['content-security-policy']).toContain(`form-action ${sim.base}`);
    const { payload } = await jwtVerify(field(chosen.body, 'JWT'), createLocalJWKSet(await toolJwks()), {
      issuer: 'tessera-client-1',
      audience: sim.base,
    });
    expect(payload[CLAIMS.messageType]).toBe('LtiDeepLinkingResponse');
    expect(payload[CLAIMS.deploymentId]).toBe('dep-1');
    expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/data']).toBe('opaque-platform-data');
    const [item] = payload[CLAIMS.contentItems] as Record<string, unknown>[];
    expect(item).toMatchObject({
      type: 'ltiResourceLink',
      title: 'Budgeting basics',
      url: `${t.deps.config.publicUrl}/lti/launch`,
      custom: { tessera_course_id: courseId },
      lineItem: { scoreMaximum: 100, label: 'Budgeting basics', resourceId: courseId },
    });
    // The choice is made once.
    const twice = await t.app.inject({
      method: 'POST',
      url: pickerUrl,
      headers: FORM,
      payload: `choice=course:${courseId}`,
    });
    expect(twice.statusCode).toBe(404);
    expect(twice.headers['content-type']).toContain('text/html');
  });

  it('refuses a learner who asks to deep-link', async () => {
    const launched = await postLaunch(await startLaunch({ kind: 'deep-link', user: learner }));
    expect(launched.statusCode).toBe(403);
    expect(launched.body).toContain('account-refused');
  });

  it('awards a grade-based badge once the platform’s result for the learner reaches the bar', async () => {
    sim.setResult(learner.sub, 40);
    await ltiGradesTicker.run(t.deps);
    expect(sim.granted.some((g) => g.scopes.includes(SCOPES.resultRead))).toBe(true);
    expect(sim.granted.every((g) => g.assertionIss === 'tessera-client-1')).toBe(true);
    const lineItem = (await listLineItems(t.deps.db, issuer.orgId)).find(
      (item) => item.lineItemUrl === sim.lineItemUrl(),
    );
    expect(lineItem).toMatchObject({ label: 'Final exam', scoreMaximum: 100, platformId });
    if (!lineItem) return;

    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [],
      name: 'Algebra pass',
      extra: {
        requirements: {
          items: [{ kind: 'grade', lineItemId: lineItem.id, min: { percent: 70 } }],
          required: null,
        },
      },
    });
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(0);

    sim.setResult(learner.sub, 85);
    await ltiGradesTicker.run(t.deps);
    await processLearningEvents(t.deps);
    const awards = await awardsOfBadge(t.deps, badge.id);
    expect(awards).toHaveLength(1);
    const learnerRow = await t.deps.db
      .selectFrom('userEmails')
      .select('userId')
      .where('email', '=', learner.email)
      .executeTakeFirstOrThrow();
    expect(awards[0]!.userId).toBe(learnerRow.userId);
  });

  it('links a learner known from the membership before they launch', async () => {
    const known = { sub: 'lms-user-9', email: issuer.owner.email, name: 'Owner in the LMS' };
    sim.addMember(known);
    await ltiGradesTicker.run(t.deps);
    const link = await t.deps.db
      .selectFrom('ltiUsers')
      .selectAll()
      .where('platformId', '=', platformId)
      .where('sub', '=', known.sub)
      .executeTakeFirstOrThrow();
    expect(link.userId).toBe(issuer.owner.userId);
    expect(link.signInConfirmedAt).toBeNull();
  });

  it('signs in as an existing account only once its owner, signed in with their own password, agrees', async () => {
    const known = { sub: 'lms-user-9', email: issuer.owner.email, name: 'Owner in the LMS' };
    const launched = await postLaunch(await startLaunch({ kind: 'resource', user: known }));
    expect(launched.statusCode, launched.body).toBe(303);
    expect(launched.headers['set-cookie']).toBeUndefined();
    const linkUrl = String(launched.headers.location);
    expect(linkUrl).toMatch(/^\/lti\/link\/[\w-]+$/);

    const anonymous = await t.app.inject({ url: linkUrl });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain(`/login?next=${encodeURIComponent(linkUrl)}`);
    expect(anonymous.body).not.toContain('name="csrf"');

    const other = await aVerifiedUser(t.deps);
    const otherSession = await logInAs(t.app, other.email);
    const asOther = await t.app.inject({ url: linkUrl, headers: otherSession.cookieOnly });
    expect(asOther.body).toContain('another account');
    const forged = await t.app.inject({
      method: 'POST',
      url: linkUrl,
      headers: { ...FORM, ...otherSession.cookieOnly },
      payload: `csrf=${encodeURIComponent(otherSession.csrfToken)}`,
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('link-other-account');

    const owner = await logInAs(t.app, issuer.owner.email);
    const page = await t.app.inject({ url: linkUrl, headers: owner.cookieOnly });
    expect(page.body).toContain('name="csrf"');
    const withoutToken = await t.app.inject({
      method: 'POST',
      url: linkUrl,
      headers: { ...FORM, ...owner.cookieOnly },
      payload: '',
    });
    expect(withoutToken.headers.location).toBe(`/login?next=${encodeURIComponent(linkUrl)}`);
    const agreed = await t.app.inject({
      method: 'POST',
      url: linkUrl,
      headers: { ...FORM, ...owner.cookieOnly },
      payload: `csrf=${encodeURIComponent(owner.csrfToken)}`,
    });
    expect(agreed.statusCode, agreed.body).toBe(303);
    expect(agreed.headers.location).toBe('/learn');
    const used = await t.app.inject({
      method: 'POST',
      url: linkUrl,
      headers: { ...FORM, ...owner.cookieOnly },
      payload: `csrf=${encodeURIComponent(owner.csrfToken)}`,
    });
    expect(used.statusCode).toBe(404);

    // From now on the platform signs this person in directly.
    const again = await postLaunch(await startLaunch({ kind: 'resource', user: known }));
    expect(again.headers.location).toBe('/learn');
    const session = await t.app.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: String(again.headers['set-cookie']).split(';')[0]! },
    });
    expect(session.json().user.id).toBe(issuer.owner.userId);
  });

  it('deletes login states, deep links and sign-in agreements once expired, and keeps live ones', async () => {
    const { db } = t.deps;
    const now = t.deps.now().getTime();
    const link = (id: string, expiresAt: number) => ({
      id,
      platformId,
      sub: 'lms-user-sweep',
      userId: issuer.owner.userId,
      landingPath: '/learn',
      expiresAt: new Date(expiresAt),
    });
    await db
      .insertInto('ltiPendingLinks')
      .values([link('sweep-expired', now - 1000), link('sweep-live', now + 600_000)])
      .execute();
    await ltiSweepTicker.run(t.deps);
    const left = await db
      .selectFrom('ltiPendingLinks')
      .select('id')
      .where('sub', '=', 'lms-user-sweep')
      .execute();
    expect(left.map((row) => row.id)).toEqual(['sweep-live']);
  });

  describe('refusals, each a page for the browser and never a 5xx', () => {
    it('refuses a token not signed by the platform’s key', async () => {
      const refused = await postLaunch(
        await startLaunch({ kind: 'resource', user: learner, forgeSignature: true }),
      );
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['content-type']).toContain('text/html');
      expect(refused.body).toContain('bad-token');
    });

    it('refuses a replayed id_token: its nonce belongs to a login already used', async () => {
      const first = await startLaunch({ kind: 'resource', user: learner });
      expect((await postLaunch(first)).statusCode).toBe(303);
      expect((await postLaunch(first)).body).toContain('state-unknown');
      const fresh = await startLaunch({ kind: 'resource', user: learner });
      const replayed = await postLaunch({ idToken: first.idToken, state: fresh.state });
      expect(replayed.statusCode).toBe(400);
      expect(replayed.body).toContain('nonce-mismatch');
    });

    it('refuses a deployment the registration does not list', async () => {
      const refused = await postLaunch(
        await startLaunch({ kind: 'resource', user: learner, deploymentId: 'dep-unknown' }),
      );
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('unknown-deployment');
    });

    it('refuses an expired id_token', async () => {
      const refused = await postLaunch(
        await startLaunch({ kind: 'resource', user: learner, expiresIn: -600 }),
      );
      expect(refused.statusCode).toBe(401);
      expect(refused.body).toContain('bad-token');
    });

    it('refuses a login from an unregistered platform and a launch without its fields', async () => {
      const login = await t.app.inject({
        url: '/lti/login?iss=https%3A%2F%2Flms.unknown.example&login_hint=x&target_link_uri=https%3A%2F%2Fx.example',
      });
      expect(login.statusCode).toBe(400);
      expect(login.body).toContain('unknown-platform');
      const empty = await t.app.inject({ method: 'POST', url: '/lti/launch', headers: FORM, payload: '' });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('bad-request');
    });
  });
});
