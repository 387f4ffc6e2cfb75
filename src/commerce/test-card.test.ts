// Test-mode card payments through the real HTTP routes and database: a learner pays alone, a declined card
// leaves the order payable, bad card fields are named, nobody pays another's payment, test mode turned off
// (by the issuer or the server) takes the option away, and the card number is kept nowhere.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { loadConfig } from '../config.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aPricedCourse, cartOf, ordersOf, type TestOrder } from './testing.ts';

const APPROVED = '4242 4242 4242 4242';
const DECLINED = '4000 0000 0000 0002';
const card = (number: string) => ({ number, expiry: '12/39', cvc: '123' });

let t: TestApp;
let issuer: TestIssuer;
const logLines: string[] = [];

beforeAll(async () => {
  t = await createTestApp({
    env: { LOG_LEVEL: 'info' },
    logDestination: { write: (line: string) => void logLines.push(line) },
  });
  issuer = await anIssuerWithOwner(t.app, t.deps);
  await testMode(issuer, true);
});
afterAll(() => t?.close());

async function testMode(seller: TestIssuer, on: boolean, app = t) {
  const response = await app.app.inject({
    method: 'PUT',
    url: `/api/v1/orgs/${seller.orgId}/commerce/settings`,
    headers: seller.owner.headers,
    payload: {
      taxRateBp: 2000,
      taxLabel: 'VAT',
      bundleDiscountBp: 1000,
      sellerDetails: 'Academy Ltd',
      issuanceFee: null,
      testCardPayments: on,
    },
  });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json().testCardPayments).toBe(on);
}

/** A learner's placed order for one priced course, and its Pay reply. */
async function anOrderPaidByCard(learner?: TestSession, app = t, seller = issuer) {
  const buyer = learner ?? (await aLoggedInUser(app.app, app.deps));
  const courseId = await aPricedCourse(app, seller, { priceMinor: 4500 });
  const cart = cartOf(app, buyer, seller.orgId);
  expect((await cart.add({ kind: 'course', courseId })).statusCode).toBe(201);
  const order = (await cart.checkout()).json() as TestOrder & { testMode: boolean };
  const pay = await ordersOf(app, buyer).pay(order.id);
  expect(pay.statusCode, pay.body).toBe(200);
  const payment = pay.json().payment as { provider: string; redirectUrl: string | null; reference: string };
  return { buyer, courseId, order, payment, paymentId: payment.redirectUrl?.split('/').at(-1) ?? '' };
}

const payByCard = (buyer: TestSession, paymentId: string, body: Record<string, unknown>, app = t) =>
  app.app.inject({
    method: 'POST',
    url: `/api/v1/payments/${paymentId}/test-card`,
    headers: buyer.headers,
    payload: body,
  });

describe('paying by test card', () => {
  it('sends the learner to the test checkout page, pays the order and opens the course', async () => {
    const { buyer, courseId, order, payment, paymentId } = await anOrderPaidByCard();
    expect(order).toMatchObject({ provider: 'test-card', testMode: true, totalMinor: 5400 });
    expect(payment.provider).toBe('test-card');
    expect(payment.redirectUrl).toBe(`/checkout/test/${paymentId}`);

    const page = await t.app.inject({
      method: 'GET',
      url: `/api/v1/payments/${paymentId}/test-card`,
      headers: buyer.headers,
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({
      state: 'pending',
      enabled: true,
      testMode: true,
      amountMinor: 5400,
      taxMinor: 900,
      currency: 'EUR',
      order: { id: order.id },
    });

    const paid = await payByCard(buyer, paymentId, card(APPROVED));
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().result).toBe('paid');
    const shown = paid.json().order as TestOrder;
    expect(shown).toMatchObject({ state: 'paid', payment: { state: 'succeeded' } });
    expect(shown.lines[0]).toMatchObject({ courseId });
    expect(shown.lines[0]?.enrolmentId).not.toBeNull();

    // The same path as a provider's webhook: a stored payment event, the ledger, the receipt mail.
    const events = await t.deps.db
      .selectFrom('paymentEvents')
      .selectAll()
      .where('orderId', '=', order.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      provider: 'test-card',
      type: 'payment.succeeded',
      outcome: 'fulfilled',
    });
    expect(JSON.stringify(events[0]?.payload)).toContain('"last4":"4242"');
    const cash = await t.deps.db
      .selectFrom('ledgerEntries')
      .select(['account', 'amountMinor'])
      .where('orderId', '=', order.id)
      .where('account', 'like', 'cash:%')
      .execute();
    expect(cash.map((c) => [c.account, Number(c.amountMinor)])).toEqual([['cash:test-card', 5400]]);
    const mails = await t.deps.db
      .selectFrom('mailMessages')
      .select('subject')
      .where('idempotencyKey', 'like', `%${order.id}%`)
      .execute();
    expect(mails.map((m) => m.subject).join(' ')).toMatch(/receipt/i);

    // Paying the paid payment again changes nothing.
    const again = await payByCard(buyer, paymentId, card(APPROVED));
    expect(again.json().result).toBe('paid');
    expect(
      await t.deps.db.selectFrom('paymentEvents').select('id').where('orderId', '=', order.id).execute(),
    ).toHaveLength(1);
  });

  it('declines card 4000 0000 0000 0002: the payment fails, the order stays payable, a new attempt pays', async () => {
    const { buyer, order, paymentId } = await anOrderPaidByCard();
    const declined = await payByCard(buyer, paymentId, card(DECLINED));
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({
      result: 'declined',
      order: { state: 'awaiting-payment', payment: { state: 'failed' } },
    });
    const stale = await payByCard(buyer, paymentId, card(APPROVED));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toBe('/problems/payment-not-pending');

    const retry = await ordersOf(t, buyer).pay(order.id);
    const next = retry.json().payment.redirectUrl.split('/').at(-1) as string;
    expect(next).not.toBe(paymentId);
    expect((await payByCard(buyer, next, card(APPROVED))).json()).toMatchObject({
      result: 'paid',
      order: { state: 'paid' },
    });
  });

  it('answers 400 naming each wrong card field, and refuses numbers that are not test cards', async () => {
    const { buyer, paymentId } = await anOrderPaidByCard();
    const wrong = await payByCard(buyer, paymentId, {
      number: '4242 4242 4242 4241',
      expiry: '01/20',
      cvc: '12',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    const paths = (wrong.json().errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(['body.number', 'body.expiry', 'body.cvc']);

    const realLooking = await payByCard(buyer, paymentId, card('5555 5555 5555 4444'));
    expect(realLooking.statusCode).toBe(400);
    expect(realLooking.json().errors).toEqual([
      {
        path: 'body.number',
        message: expect.stringContaining('not a test card'),
        code: 'not-a-test-card',
        params: {},
      },
    ]);

    const badMonth = await payByCard(buyer, paymentId, { ...card(APPROVED), expiry: '13/30' });
    expect(badMonth.json().errors).toEqual([
      { path: 'body.expiry', message: expect.any(String), code: 'card-expiry-format', params: {} },
    ]);
    const missing = await payByCard(buyer, paymentId, { number: APPROVED });
    expect(missing.statusCode).toBe(400);
    expect((missing.json().errors as Array<{ path: string }>).map((e) => e.path).sort()).toEqual([
      'body.cvc',
      'body.expiry',
    ]);
    // Nothing was recorded by refused attempts: the payment is still open.
    const page = await t.app.inject({
      method: 'GET',
      url: `/api/v1/payments/${paymentId}/test-card`,
      headers: buyer.headers,
    });
    expect(page.json().state).toBe('pending');
  });

  it("answers 404 for another person's payment, and for a payment that is not a test-card payment", async () => {
    const { paymentId } = await anOrderPaidByCard();
    const stranger = await aLoggedInUser(t.app, t.deps);
    const get = await t.app.inject({
      method: 'GET',
      url: `/api/v1/payments/${paymentId}/test-card`,
      headers: stranger.headers,
    });
    expect(get.statusCode).toBe(404);
    expect((await payByCard(stranger, paymentId, card(APPROVED))).statusCode).toBe(404);
    expect((await payByCard(issuer.owner, paymentId, card(APPROVED))).statusCode).toBe(404);
  });
});

describe('the card number', () => {
  it('is kept in no table and written to no log line, only its last four digits', async () => {
    const { buyer, paymentId } = await anOrderPaidByCard();
    await payByCard(buyer, paymentId, { number: '4242-4242-4242-4242', expiry: '12/39', cvc: '987' });
    const tables = await sql<{ tableName: string }>`
      select table_name as "tableName" from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.deps.db);
    expect(tables.rows.length).toBeGreaterThan(20);
    let everything = '';
    for (const { tableName } of tables.rows) {
      const rows = await sql`select * from ${sql.table(tableName)}`.execute(t.deps.db);
      everything += JSON.stringify(rows.rows);
    }
    const logs = logLines.join('\n');
    expect(logs).toContain(`/api/v1/payments/${paymentId}/test-card`);
    for (const text of [everything, logs]) {
      expect(text.replace(/[\s-]/g, '')).not.toMatch(/4242424242424242|4000000000000002/);
      expect(text).not.toContain('"cvc"');
    }
    expect(everything).toContain('"last4":"4242"');
  });
});

describe("an issuer's price terms", () => {
  it('tell a visitor and a learner the tax and the first-badge fee, and stop applying it once a badge is held', async () => {
    const seller = await anIssuerWithOwner(t.app, t.deps);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${seller.orgId}/commerce/settings`,
      headers: seller.owner.headers,
      payload: {
        taxRateBp: 2100,
        taxLabel: 'IVA',
        bundleDiscountBp: 1000,
        sellerDetails: '',
        issuanceFee: { amountMinor: 1500, currency: 'EUR' },
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().testCardPayments).toBe(false);
    const url = `/api/v1/issuers/${seller.orgId}/price-terms`;
    const visitor = await t.app.inject({ method: 'GET', url });
    expect(visitor.statusCode, visitor.body).toBe(200);
    expect(visitor.json()).toEqual({
      orgId: seller.orgId,
      issuer: { name: expect.any(String) },
      taxRateBp: 2100,
      taxLabel: 'IVA',
      issuanceFee: { amountMinor: 1500, currency: 'EUR' },
      feeAppliesToMe: null,
      testCardPayments: false,
    });
    const learner = await aLoggedInUser(t.app, t.deps);
    const mine = () => t.app.inject({ method: 'GET', url, headers: learner.headers });
    expect((await mine()).json().feeAppliesToMe).toBe(true);

    const courseId = await aPricedCourse(t, seller, { priceMinor: 1000 });
    const badge = await aPublishedBadge(t.app, seller, { courseIds: [courseId] });
    const award = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${seller.orgId}/badges/${badge.id}/awards`,
      headers: seller.owner.headers,
      payload: { email: learner.email },
    });
    expect(award.statusCode, award.body).toBe(201);
    expect((await mine()).json().feeAppliesToMe).toBe(false);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/issuers/${crypto.randomUUID()}/price-terms` }))
        .statusCode,
    ).toBe(404);
  });
});

describe('test mode turned off', () => {
  it('by the issuer: new orders are invoiced, and an open test payment is refused, then paid another way', async () => {
    const other = await anIssuerWithOwner(t.app, t.deps);
    await testMode(other, true);
    const { buyer, order, paymentId } = await anOrderPaidByCard(undefined, t, other);
    await testMode(other, false);

    const refused = await payByCard(buyer, paymentId, card(APPROVED));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('/problems/test-card-disabled');
    const page = await t.app.inject({
      method: 'GET',
      url: `/api/v1/payments/${paymentId}/test-card`,
      headers: buyer.headers,
    });
    expect(page.json().enabled).toBe(false);

    const later = await anOrderPaidByCard(undefined, t, other);
    expect(later.order).toMatchObject({ provider: 'manual', testMode: false });
    expect(later.payment).toMatchObject({ provider: 'manual', redirectUrl: null });
    expect(later.payment.reference).toBe(`INV-${later.order.number}`);

    // Pay again: the test payment that can no longer be paid gives way to an invoice.
    const invoiced = await ordersOf(t, buyer).pay(order.id);
    expect(invoiced.statusCode, invoiced.body).toBe(200);
    expect(invoiced.json()).toMatchObject({
      order: { state: 'awaiting-payment', provider: 'manual', testMode: false },
      payment: { provider: 'manual', state: 'pending', reference: `INV-${order.number}`, redirectUrl: null },
    });
  });

  it('by the server (PAYMENTS_TEST_MODE=off): the setting is kept but orders are never placed for test cards', async () => {
    const off = await createTestApp({ env: { PAYMENTS_TEST_MODE: 'off' } });
    try {
      const seller = await anIssuerWithOwner(off.app, off.deps);
      await testMode(seller, true, off);
      const { order, payment } = await anOrderPaidByCard(undefined, off, seller);
      expect(order).toMatchObject({ provider: 'manual', testMode: false });
      expect(payment.redirectUrl).toBeNull();
    } finally {
      await off.close();
    }
  });

  it('is the production default; PAYMENTS_TEST_MODE=on allows it there, off refuses it anywhere', () => {
    const production = { NODE_ENV: 'production', SMTP_URL: 'smtp://mail:25' };
    expect(loadConfig({}).testCardPayments).toBe(true);
    expect(loadConfig(production).testCardPayments).toBe(false);
    expect(loadConfig({ ...production, PAYMENTS_TEST_MODE: 'on' }).testCardPayments).toBe(true);
    expect(loadConfig({ PAYMENTS_TEST_MODE: 'off' }).testCardPayments).toBe(false);
    expect(() => loadConfig({ PAYMENTS_TEST_MODE: 'yes' })).toThrow(/PAYMENTS_TEST_MODE/);
  });
});
