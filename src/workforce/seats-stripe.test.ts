// Sponsored seats paid by card: the order opens a Stripe Checkout Session (the fake Stripe of test/support),
// and the signed webhook that reports the payment opens the seats — the buyer (the manager) is enrolled in nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { type FakeStripe, startFakeStripe } from '../../test/support/fake-stripe.ts';
import {
  anActivePerson,
  anEmployerWithManager,
  aSeatShop,
  mailsTo,
  seatsOf,
  sponsorshipsOf,
} from './testing.ts';

describe('sponsored seats paid by card', { timeout: 300_000 }, () => {
  let fake: FakeStripe;
  let t: TestApp;

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = await createTestApp({ env: fake.env });
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('opens a Checkout Session; the webhook pays the order and opens the seats', async () => {
    const shop = await aSeatShop(t);
    const employer = await anEmployerWithManager(t.app, t.deps);
    const person = await anActivePerson(t, employer, 'Cara Card');
    const placed = await sponsorshipsOf(t, employer).place({
      employeeIds: [person.employeeId],
      items: [{ kind: 'bundle', badgeId: shop.badgeId }],
      provider: 'stripe',
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const { order, payment } = placed.json();
    expect(order).toMatchObject({ provider: 'stripe', state: 'awaiting-payment', totalMinor: 10_800 });
    expect(payment.redirectUrl).toMatch(/^https?:\/\//);
    const session = fake.sessions.get(payment.reference);
    expect(session?.amount_total).toBe(10_800);
    expect((await seatsOf(t, person).list()).json().items).toEqual([]);

    const reply = await fake.sendWebhook(t.app, fake.completeCheckout(payment.reference));
    expect(reply.statusCode).toBe(200);

    const seats = (await seatsOf(t, person).list()).json().items;
    expect(seats).toHaveLength(1);
    expect(seats[0]).toMatchObject({ status: 'open' });
    expect(await mailsTo(t.deps, person.email, 'sponsored')).toHaveLength(1);
    const managerEnrolments = await t.deps.db
      .selectFrom('enrolments')
      .select('id')
      .where('userId', '=', employer.manager.userId)
      .execute();
    expect(managerEnrolments).toEqual([]);
    const list = (await sponsorshipsOf(t, employer).list()).json();
    expect(list.items[0]).toMatchObject({ status: 'open', order: { id: order.id, state: 'paid' } });
  });
});
