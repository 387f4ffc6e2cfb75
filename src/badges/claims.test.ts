import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, logInAs, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aOneLessonCourse, issuedCredentialOf, lastClaimToken } from './award-testing.ts';
import { aPublishedBadge } from './testing.ts';

const DAY_MS = 86_400_000;

describe('claiming an awarded badge', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let badgeId: string;
  let clock = new Date('2026-03-01T09:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const course = await aOneLessonCourse(t.app, issuer);
    badgeId = (await aPublishedBadge(t.app, issuer, { courseIds: [course], name: 'Payroll practitioner' }))
      .id;
  });
  afterAll(() => t?.close());

  /** The issuer awards the badge to a fresh verified learner; returns the learner and the mailed token. */
  async function anAwardedLearner(): Promise<{ learner: TestSession & { email: string }; token: string }> {
    const learner = await aLoggedInUser(t.app, t.deps);
    const awarded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
      headers: issuer.owner.headers,
      payload: { email: learner.email.toUpperCase(), name: 'Rosa Díaz' },
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    return { learner, token: await lastClaimToken(t.deps, learner.email) };
  }

  const claim = (token: string) => t.app.inject({ method: 'GET', url: `/api/v1/claims/${token}` });
  const decide = (token: string, action: 'accept' | 'decline', who?: TestSession) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/claims/${token}/${action}`,
      ...(who ? { headers: who.headers } : {}),
    });
  const awardOf = (email: string) =>
    t.deps.db
      .selectFrom('awards')
      .selectAll()
      .where('recipientEmail', '=', email.toLowerCase())
      .executeTakeFirstOrThrow();

  it('shows the badge and its issuer to anyone holding the link, never the address', async () => {
    const { learner, token } = await anAwardedLearner();
    const response = await claim(token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      state: 'open',
      decision: 'offered',
      badge: { id: badgeId, name: 'Payroll practitioner' },
      issuer: { slug: issuer.slug },
    });
    expect(response.body.toLowerCase()).not.toContain(learner.email.toLowerCase());
    expect(response.body).not.toContain('Rosa');
  });

  it('lets the account that verified the address accept the badge, once; asking again answers the same', async () => {
    const { learner, token } = await anAwardedLearner();
    const accepted = await decide(token, 'accept', learner);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'used', decision: 'accepted' });
    expect(await awardOf(learner.email)).toMatchObject({ state: 'accepted', userId: learner.userId });
    expect((await awardOf(learner.email)).decidedAt?.toISOString()).toBe(clock.toISOString());

    // A double-click's second request: the decision stands, answered as the first, nothing changes.
    clock = new Date(clock.getTime() + 1000);
    const again = await decide(token, 'accept', learner);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ state: 'used', decision: 'accepted' });
    expect((await awardOf(learner.email)).decidedAt?.toISOString()).toBe(
      new Date(clock.getTime() - 1000).toISOString(),
    );
    // Changing one's mind through the used link is refused.
    const decline = await decide(token, 'decline', learner);
    expect(decline.statusCode).toBe(409);
    expect(decline.json().type).toBe('/problems/claim-used');
    expect((await claim(token)).json().state).toBe('used');
  });

  it('accepts once when two accepts of the same link race, and answers both with the decision', async () => {
    const { learner, token } = await anAwardedLearner();
    const both = await Promise.all([decide(token, 'accept', learner), decide(token, 'accept', learner)]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(both.map((r) => r.json().decision)).toEqual(['accepted', 'accepted']);
    expect(await awardOf(learner.email)).toMatchObject({ state: 'accepted', userId: learner.userId });
  });

  it('does not answer another account’s repeat of an accepted link as if it had accepted', async () => {
    const { learner, token } = await anAwardedLearner();
    expect((await decide(token, 'accept', learner)).statusCode).toBe(200);
    const someoneElse = await aLoggedInUser(t.app, t.deps);
    const refused = await decide(token, 'accept', someoneElse);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('/problems/claim-used');
  });

  it('refuses another account with 403 and does not name the address', async () => {
    const { learner, token } = await anAwardedLearner();
    const someoneElse = await aLoggedInUser(t.app, t.deps);
    const refused = await decide(token, 'accept', someoneElse);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().type).toBe('/problems/claim-email-mismatch');
    expect(refused.body.toLowerCase()).not.toContain(learner.email.toLowerCase());
    expect(await awardOf(learner.email)).toMatchObject({ state: 'offered', userId: null });
  });

  it('asks for a login before accepting', async () => {
    const { token } = await anAwardedLearner();
    expect((await decide(token, 'accept')).statusCode).toBe(401);
  });

  it('sends a new link on request; the earlier link stops working', async () => {
    const { learner, token } = await anAwardedLearner();
    const award = await awardOf(learner.email);
    const resent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/awards/${award.id}/resend-claim`,
      headers: issuer.owner.headers,
    });
    expect(resent.statusCode, resent.body).toBe(200);
    const fresh = await lastClaimToken(t.deps, learner.email);
    expect(fresh).not.toBe(token);
    expect((await decide(token, 'accept', learner)).statusCode).toBe(410);
    expect((await decide(fresh, 'accept', learner)).statusCode).toBe(200);
  });

  it('records a decline: the credential stays issued and active, the badge is not accepted', async () => {
    const { learner, token } = await anAwardedLearner();
    const declined = await decide(token, 'decline', learner);
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ state: 'used', decision: 'declined' });
    const award = await awardOf(learner.email);
    expect(award).toMatchObject({ state: 'declined', userId: null });
    expect((await issuedCredentialOf(t.deps, award.credentialId)).state).toBe('active');
    expect((await decide(token, 'accept', learner)).statusCode).toBe(409);
  });

  it('answers 404 for a link that was never sent', async () => {
    const response = await claim('A'.repeat(43));
    expect(response.statusCode).toBe(404);
  });

  // It moves the clock past every session of this file.
  it('answers 410 once the link is more than 30 days old', async () => {
    const { learner, token } = await anAwardedLearner();
    clock = new Date(clock.getTime() + 31 * DAY_MS);
    const session = await logInAs(t.app, learner.email);
    const expired = await decide(token, 'accept', session);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().type).toBe('/problems/claim-expired');
    expect((await claim(token)).json().state).toBe('expired');
  });

  it('mails a fresh link for an expired one to the address the badge was sent to, once while it is open', async () => {
    // The test before moved the clock past the owner's session.
    issuer.owner = { ...(await logInAs(t.app, issuer.owner.email)), email: issuer.owner.email };
    const { learner, token } = await anAwardedLearner();
    const fresh = (link: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/claims/${link}/fresh-link` });
    expect((await fresh(token)).json().type).toBe('/problems/claim-open');
    clock = new Date(clock.getTime() + 31 * DAY_MS);

    const asked = await fresh(token);
    expect(asked.statusCode, asked.body).toBe(202);
    const [local, domain] = learner.email.split('@');
    expect(asked.json()).toEqual({ sentTo: `${local?.[0]}***${local?.at(-1)}@${domain}` });
    const newToken = await lastClaimToken(t.deps, learner.email);
    expect(newToken).not.toBe(token);
    const mailsTo = () =>
      t.deps.db
        .selectFrom('mailMessages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('toAddress', '=', learner.email.toLowerCase())
        .executeTakeFirstOrThrow();
    const before = Number((await mailsTo()).n);
    expect((await fresh(token)).statusCode).toBe(202);
    expect(Number((await mailsTo()).n)).toBe(before);

    const session = await logInAs(t.app, learner.email);
    expect((await decide(newToken, 'accept', session)).statusCode).toBe(200);
    expect((await fresh(token)).json().type).toBe('/problems/claim-used');
    expect((await fresh('no-such-token-at-all-0000000000000000000000')).statusCode).toBe(404);
  });
});
