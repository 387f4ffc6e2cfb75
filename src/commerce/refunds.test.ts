import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { type FakeStripe, startFakeStripe } from '../../test/support/fake-stripe.ts';
import { aLoggedInUser, aVerifiedUser, logInAs, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import {
  aBundleBadge,
  aPaidOrder,
  aPricedCourse,
  cartOf,
  ordersOf,
  setShopSettings,
  type TestOrder,
} from './testing.ts';

const DAY_MS = 86_400_000;

describe('refunds', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let offsetMs = 0;

  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date(Date.now() + offsetMs) });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Refund Academy');
    await setShopSettings(t, issuer, { taxRateBp: 2000 });
  });
  afterAll(() => t?.close());

  const course = (priceMinor: number, title: string) => aPricedCourse(t, issuer, { priceMinor, title });

  const refund = (learner: TestSession, orderId: string, lineIds: string[]) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/me/orders/${orderId}/refunds`,
      headers: learner.headers,
      payload: { lineIds },
    });

  const grant = (who: TestSession, orderId: string, body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/orders/${orderId}/refunds`,
      headers: who.headers,
      payload: body,
    });

  const openCourse = (learner: TestSession, enrolmentId: string | null) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/me/enrolments/${enrolmentId}/units/intro`,
      headers: learner.headers,
    });

  const order = async (learner: TestSession, orderId: string) =>
    (await ordersOf(t, learner).get(orderId)).json() as TestOrder & { state: string };

  const lineOf = (o: TestOrder, courseId: string) => {
    const line = o.lines.find((l) => l.courseId === courseId);
    if (!line) throw new Error(`no line for course ${courseId}`);
    return line;
  };

  const ledgerOf = (refundId: string) =>
    t.deps.db
      .selectFrom('ledgerEntries')
      .select(['account', 'amountMinor'])
      .where('refundId', '=', refundId)
      .orderBy('account')
      .execute()
      .then((rows) => rows.map((row) => ({ account: row.account, amountMinor: Number(row.amountMinor) })));

  it('refuses a refund for a course the learner opened, and refunds an unopened one: its access ends', async () => {
    const opened = await course(5000, 'Opened course');
    const unopened = await course(3000, 'Unopened course');
    const learner = await aLoggedInUser(t.app, t.deps);
    const paid = await aPaidOrder(t, issuer, learner, [
      { kind: 'course', courseId: opened },
      { kind: 'course', courseId: unopened },
    ]);
    const openedLine = lineOf(paid, opened);
    const unopenedLine = lineOf(paid, unopened);
    expect((await openCourse(learner, openedLine.enrolmentId)).statusCode).toBe(200);

    const refused = await refund(learner, paid.id, [openedLine.id]);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ type: '/problems/course-opened' });
    expect(refused.json().detail).toContain('Opened course');

    const granted = await refund(learner, paid.id, [unopenedLine.id]);
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({
      orderId: paid.id,
      kind: 'policy',
      amountMinor: 3600,
      taxMinor: 600,
      currency: 'EUR',
      reason: null,
      lineIds: [unopenedLine.id],
    });
    const after = await order(learner, paid.id);
    expect(after.state).toBe('partially-refunded');
    expect(lineOf(after, unopened)).toMatchObject({ refunded: true, refundable: { ok: false } });
    expect(new Date(lineOf(after, unopened).accessUntil ?? '').getTime()).toBeLessThanOrEqual(
      t.deps.now().getTime(),
    );
    const locked = await openCourse(learner, unopenedLine.enrolmentId);
    expect(locked.statusCode).toBe(422);
    expect(locked.json().type).toBe('/problems/access-expired');

    // The sale is reversed: net to `refunds`, tax back from `tax:payable`, cash paid out.
    expect(await ledgerOf(granted.json().id)).toEqual([
      { account: 'cash:manual', amountMinor: -3600 },
      { account: 'refunds', amountMinor: 3000 },
      { account: 'tax:payable', amountMinor: 600 },
    ]);
    const mails = await t.deps.db
      .selectFrom('mailMessages')
      .select('idempotencyKey')
      .where('idempotencyKey', '=', `refund-issued:${granted.json().id}`)
      .execute();
    expect(mails).toHaveLength(1);
  });

  it('refunds a bundle per unopened course; the opened one stays', async () => {
    const a = await course(4000, 'Bundle A');
    const b = await course(4000, 'Bundle B');
    const c = await course(2000, 'Bundle C');
    const badgeId = await aBundleBadge(t, issuer, [a, b, c]);
    const learner = await aLoggedInUser(t.app, t.deps);
    const paid = await aPaidOrder(t, issuer, learner, [{ kind: 'bundle', badgeId }]);
    expect(paid.lines.map((l) => l.kind)).toEqual(['bundle-course', 'bundle-course', 'bundle-course']);
    expect((await openCourse(learner, lineOf(paid, a).enrolmentId)).statusCode).toBe(200);

    const refusedA = await refund(learner, paid.id, [lineOf(paid, a).id, lineOf(paid, b).id]);
    expect(refusedA.statusCode).toBe(422);
    expect(refusedA.json().detail).toContain('Bundle A');
    const granted = await refund(learner, paid.id, [lineOf(paid, b).id, lineOf(paid, c).id]);
    expect(granted.statusCode, granted.body).toBe(201);
    const expected = lineOf(paid, b).totalMinor + lineOf(paid, c).totalMinor;
    expect(granted.json().amountMinor).toBe(expected);
    // 10 % bundle discount: 3600 + 1800 net, plus 20 % tax.
    expect(expected).toBe(6480);
    const after = await order(learner, paid.id);
    expect(after.state).toBe('partially-refunded');
    expect(after.lines.map((l) => l.refunded)).toEqual([false, true, true]);
  });

  it('refuses a refund more than 30 days after payment', async () => {
    const a = await course(1000, 'Old course');
    const learner = await aLoggedInUser(t.app, t.deps);
    const paid = await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId: a }]);
    offsetMs = 31 * DAY_MS;
    try {
      const again = await logInAs(t.app, learner.email);
      const response = await refund(again, paid.id, [lineOf(paid, a).id]);
      expect(response.statusCode).toBe(422);
      expect(response.json().type).toBe('/problems/refund-window-closed');
    } finally {
      offsetMs = 0;
    }
  });

  it('refunds the whole order: every line refunded, the order refunded', async () => {
    const a = await course(1000, 'Whole A');
    const learner = await aLoggedInUser(t.app, t.deps);
    const paid = await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId: a }]);
    expect((await refund(learner, paid.id, [lineOf(paid, a).id])).statusCode).toBe(201);
    expect((await order(learner, paid.id)).state).toBe('refunded');
    const again = await refund(learner, paid.id, [lineOf(paid, a).id]);
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/already-refunded');
  });

  it('makes one refund when two requests race for the same line', async () => {
    const a = await course(1000, 'Raced course');
    const learner = await aLoggedInUser(t.app, t.deps);
    const paid = await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId: a }]);
    const line = lineOf(paid, a).id;
    const results = await Promise.all([refund(learner, paid.id, [line]), refund(learner, paid.id, [line])]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const refunds = await t.deps.db
      .selectFrom('refunds')
      .select('id')
      .where('orderId', '=', paid.id)
      .execute();
    expect(refunds).toHaveLength(1);
  });

  it('answers 404 for someone else’s order and 400 for a line of another order', async () => {
    const a = await course(1000, 'Mine');
    const learner = await aLoggedInUser(t.app, t.deps);
    const paid = await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId: a }]);
    const stranger = await aLoggedInUser(t.app, t.deps);
    expect((await refund(stranger, paid.id, [lineOf(paid, a).id])).statusCode).toBe(404);
    const wrong = await refund(learner, paid.id, ['00000000-0000-4000-8000-000000000000']);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ path: 'body.lineIds' })]);
  });

  it('lets an issuer grant an exceptional refund of an opened course, with a reason, audited', async () => {
    const a = await course(2500, 'Exception course');
    const learner = await aLoggedInUser(t.app, t.deps);
    const paid = await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId: a }]);
    const line = lineOf(paid, a);
    expect((await openCourse(learner, line.enrolmentId)).statusCode).toBe(200);

    const noReason = await grant(issuer.owner, paid.id, { lineIds: [line.id], reason: '  ' });
    expect(noReason.statusCode).toBe(400);

    const reason = 'The course video was broken for a week.';
    const granted = await grant(issuer.owner, paid.id, { lineIds: [line.id], reason });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({
      kind: 'exception',
      reason,
      amountMinor: 3000,
      lineIds: [line.id],
    });
    expect((await order(learner, paid.id)).state).toBe('refunded');

    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/commerce/audit`,
      headers: issuer.owner.headers,
    });
    expect(audit.statusCode, audit.body).toBe(200);
    const entry = audit.json().entries.find((e: { subjectId: string }) => e.subjectId === granted.json().id);
    expect(entry).toMatchObject({
      action: 'refund.exception',
      actor: { userId: issuer.owner.userId },
      reason,
      details: { orderId: paid.id, lineIds: [line.id], amountMinor: 3000, currency: 'EUR' },
    });
    const twice = await grant(issuer.owner, paid.id, { lineIds: [line.id], reason });
    expect(twice.statusCode).toBe(409);
  });

  it('lets only owners and admins grant exceptional refunds, and only on their own orders', async () => {
    const a = await course(1000, 'Staff course');
    const learner = await aLoggedInUser(t.app, t.deps);
    const paid = await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId: a }]);
    const person = await aVerifiedUser(t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: person.email, role: 'staff' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const staff = await logInAs(t.app, person.email, person.password);
    const body = { lineIds: [lineOf(paid, a).id], reason: 'Goodwill gesture' };
    expect((await grant(staff, paid.id, body)).statusCode).toBe(403);
    const other = await anIssuerWithOwner(t.app, t.deps);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${other.orgId}/orders/${paid.id}/refunds`,
      headers: other.owner.headers,
      payload: body,
    });
    expect(elsewhere.statusCode).toBe(404);
  });
});

describe('refunds of Stripe payments', () => {
  let fake: FakeStripe;
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = await createTestApp({ env: fake.env });
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('pays the refund back through Stripe, once, keyed by the refund', async () => {
    const courseId = await aPricedCourse(t, issuer, { priceMinor: 4200, title: 'Stripe course' });
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    expect((await cart.add({ kind: 'course', courseId })).statusCode).toBe(201);
    const order = (await cart.checkout()).json() as TestOrder;
    const paying = await ordersOf(t, learner).pay(order.id);
    expect(paying.statusCode, paying.body).toBe(200);
    const sessionId = paying.json().payment.reference as string;
    expect((await fake.sendWebhook(t.app, fake.completeCheckout(sessionId))).statusCode).toBe(200);
    const paid = (await ordersOf(t, learner).get(order.id)).json() as TestOrder;
    expect(paid.state).toBe('paid');

    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/orders/${order.id}/refunds`,
      headers: learner.headers,
      payload: { lineIds: [paid.lines[0]?.id] },
    });
    expect(response.statusCode, response.body).toBe(201);
    const refundId = response.json().id as string;
    expect(fake.refunds).toEqual([expect.objectContaining({ amount: 4200, status: 'succeeded' })]);
    const call = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/refunds');
    expect(call?.idempotencyKey).toBe(`refund:${refundId}`);
    const stored = await t.deps.db
      .selectFrom('refunds')
      .selectAll()
      .where('id', '=', refundId)
      .executeTakeFirst();
    expect(stored?.providerRef).toBe(fake.refunds[0]?.id);
    const cash = await t.deps.db
      .selectFrom('ledgerEntries')
      .select('amountMinor')
      .where('refundId', '=', refundId)
      .where('account', '=', 'cash:stripe')
      .execute();
    expect(cash.map((row) => Number(row.amountMinor))).toEqual([-4200]);
  });
});
