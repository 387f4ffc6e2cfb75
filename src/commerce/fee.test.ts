import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import {
  aOneLessonCourse,
  awardsOfBadge,
  badgeMailsTo,
  completeOneLessonCourse,
  issuedCredentialOf,
  verifyCredential,
} from '../badges/award-testing.ts';
import { processLearningEvents } from '../badges/index.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';

const FEE = { amountMinor: 1500, currency: 'EUR' };

describe('the first-badge issuance fee', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Fee Academy');
    await setFee(issuer, FEE);
  });
  afterAll(() => t?.close());

  async function setFee(who: TestIssuer, fee: typeof FEE | null) {
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${who.orgId}/commerce/settings`,
      headers: who.owner.headers,
      payload: { taxRateBp: 0, taxLabel: 'Tax', bundleDiscountBp: 1000, sellerDetails: '', issuanceFee: fee },
    });
    expect(put.statusCode, put.body).toBe(200);
  }

  /** A published badge requiring one new one-lesson course; returns both ids. */
  async function aBadge(who = issuer, extra: { badgeIds?: string[] } = {}) {
    const courseId = await aOneLessonCourse(t.app, who);
    const badge = await aPublishedBadge(t.app, who, { courseIds: [courseId], ...extra });
    return { courseId, badgeId: badge.id };
  }

  async function earn(learner: TestSession, courseId: string) {
    await completeOneLessonCourse(t.app, learner, courseId);
    while ((await processLearningEvents(t.deps)) > 0);
  }

  const feeOrder = (learner: TestSession, awardId: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/me/awards/${awardId}/fee-order`, headers: learner.headers });

  const markPaid = (orderId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/orders/${orderId}/mark-paid`,
      headers: issuer.owner.headers,
      payload: { reference: 'Bank transfer 2025-001' },
    });

  const feeMailsTo = (email: string) =>
    t.deps.db
      .selectFrom('mailMessages')
      .selectAll()
      .where('toAddress', '=', email.toLowerCase())
      .where('idempotencyKey', 'like', 'badge-fee-due:%')
      .execute();

  it('holds the first badge in awaiting-fee until the fee is paid; then issues it and the next badge at once', async () => {
    const first = await aBadge();
    const second = await aBadge();
    const pathway = await aPublishedBadge(t.app, issuer, { courseIds: [], badgeIds: [first.badgeId] });
    const learner = await aLoggedInUser(t.app, t.deps);

    await earn(learner, first.courseId);
    const [waiting] = await awardsOfBadge(t.deps, first.badgeId);
    expect(waiting).toMatchObject({ state: 'awaiting-fee', credentialId: null, source: 'completion' });
    const claims = await t.deps.db
      .selectFrom('awardClaims')
      .select('id')
      .where('awardId', '=', waiting!.id)
      .execute();
    expect(claims).toEqual([]);
    expect(await badgeMailsTo(t.deps, learner.email)).toEqual([]);
    const [feeMail] = await feeMailsTo(learner.email);
    expect(feeMail?.textBody).toContain(`http://localhost:3000/learn/badges/${waiting!.id}`);
    expect(feeMail?.textBody).toContain('€15.00');
    // Not held: the pathway badge that requires it is not earned yet, and the backpack does not list it.
    expect(await awardsOfBadge(t.deps, pathway.id)).toEqual([]);
    const backpack = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/badges',
      headers: learner.headers,
    });
    expect(backpack.json().items).toEqual([]);
    const due = await t.app.inject({ method: 'GET', url: '/api/v1/me/fees', headers: learner.headers });
    expect(due.json().fees).toEqual([
      expect.objectContaining({ awardId: waiting!.id, amountMinor: 1500, currency: 'EUR', orderId: null }),
    ]);

    const placed = await feeOrder(learner, waiting!.id);
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    expect(order).toMatchObject({
      kind: 'issuance-fee',
      state: 'awaiting-payment',
      currency: 'EUR',
      totalMinor: 1500,
    });
    expect(order.lines).toEqual([
      expect.objectContaining({
        kind: 'issuance-fee',
        awardId: waiting!.id,
        badgeId: first.badgeId,
        listMinor: 1500,
        description: expect.stringMatching(/^Badge issuance fee — /),
      }),
    ]);
    const again = await feeOrder(learner, waiting!.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(order.id);

    const paid = await markPaid(order.id);
    expect(paid.statusCode, paid.body).toBe(200);
    const [released] = await awardsOfBadge(t.deps, first.badgeId);
    expect(released).toMatchObject({ id: waiting!.id, state: 'offered' });
    const issued = await issuedCredentialOf(t.deps, released!.credentialId);
    expect((await verifyCredential(t.app, issued.credential)).verified).toBe(true);
    expect(await badgeMailsTo(t.deps, learner.email)).toHaveLength(2);
    // The pathway badge is evaluated once the fee released the badge it requires: issued without a fee.
    expect(await awardsOfBadge(t.deps, pathway.id)).toEqual([expect.objectContaining({ state: 'offered' })]);

    await earn(learner, second.courseId);
    const [next] = await awardsOfBadge(t.deps, second.badgeId);
    expect(next).toMatchObject({ state: 'offered', credentialId: expect.any(String) });
    expect(await feeMailsTo(learner.email)).toHaveLength(1);
  });

  it('releases every badge that waited for the same fee with one payment', async () => {
    const one = await aBadge();
    const two = await aBadge();
    const learner = await aLoggedInUser(t.app, t.deps);
    await earn(learner, one.courseId);
    await earn(learner, two.courseId);
    const [a] = await awardsOfBadge(t.deps, one.badgeId);
    const [b] = await awardsOfBadge(t.deps, two.badgeId);
    expect([a?.state, b?.state]).toEqual(['awaiting-fee', 'awaiting-fee']);
    const first = await feeOrder(learner, a!.id);
    // One fee order at a time: asking for the second badge's fee finds the first order.
    const second = await feeOrder(learner, b!.id);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect((await markPaid(first.json().id)).statusCode).toBe(200);
    expect((await awardsOfBadge(t.deps, one.badgeId))[0]?.state).toBe('offered');
    expect((await awardsOfBadge(t.deps, two.badgeId))[0]?.state).toBe('offered');
  });

  it('never charges the fee for a badge the issuer awards by hand', async () => {
    const { badgeId } = await aBadge();
    const awarded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
      headers: issuer.owner.headers,
      payload: { email: 'by-hand@example.org' },
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    expect(awarded.json()).toMatchObject({ state: 'offered' });
    expect(await feeMailsTo('by-hand@example.org')).toEqual([]);
  });

  it('charges nothing when the learner already holds a badge of the issuer', async () => {
    const byHand = await aBadge();
    const earned = await aBadge();
    const learner = await aLoggedInUser(t.app, t.deps);
    const awarded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${byHand.badgeId}/awards`,
      headers: issuer.owner.headers,
      payload: { email: learner.email },
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    await earn(learner, earned.courseId);
    expect((await awardsOfBadge(t.deps, earned.badgeId))[0]?.state).toBe('offered');
  });

  it('refuses a fee order for a badge that waits for no fee (409) or someone else’s (404); the paid fee is not refundable', async () => {
    const { badgeId, courseId } = await aBadge();
    const learner = await aLoggedInUser(t.app, t.deps);
    await earn(learner, courseId);
    const [waiting] = await awardsOfBadge(t.deps, badgeId);
    const stranger = await aLoggedInUser(t.app, t.deps);
    expect((await feeOrder(stranger, waiting!.id)).statusCode).toBe(404);
    const paid = await markPaid((await feeOrder(learner, waiting!.id)).json().id);
    expect(paid.statusCode).toBe(200);
    // The fee is not refundable by the policy (an issuer may still grant an exception).
    const refund = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/orders/${paid.json().id}/refunds`,
      headers: learner.headers,
      payload: { lineIds: [paid.json().lines[0].id] },
    });
    expect(refund.statusCode).toBe(422);
    expect(refund.json().type).toBe('/problems/fee-not-refundable');
    const late = await feeOrder(learner, waiting!.id);
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toBe('/problems/fee-not-due');
  });

  it('issues the waiting badges when the issuer drops its fee', async () => {
    const other = await anIssuerWithOwner(t.app, t.deps);
    await setFee(other, { amountMinor: 900, currency: 'GBP' });
    const { badgeId, courseId } = await aBadge(other);
    const learner = await aLoggedInUser(t.app, t.deps);
    await earn(learner, courseId);
    expect((await awardsOfBadge(t.deps, badgeId))[0]?.state).toBe('awaiting-fee');
    await setFee(other, null);
    const [released] = await awardsOfBadge(t.deps, badgeId);
    expect(released).toMatchObject({ state: 'offered', credentialId: expect.any(String) });
  });
});
