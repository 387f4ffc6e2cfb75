import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { pdfText } from '../../test/support/pdf.ts';
import { aLoggedInUser, aVerifiedUser, logInAs, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aRecordedOrder, aRecordedRefund } from './receipt-testing.ts';
import { aPaidOrder, aPricedCourse, setShopSettings } from './testing.ts';

describe('receipt downloads', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let buyer: TestSession & { email: string };

  const anOrder = (paid: boolean) =>
    aRecordedOrder(t.deps, {
      orgId: issuer.orgId,
      userId: buyer.userId,
      buyerEmail: buyer.email,
      buyerName: 'Ana Núñez',
      sellerName: 'Payroll Academy',
      lines: [
        { description: 'Payroll basics', listMinor: 6000, discountMinor: 600 },
        { description: 'Year-end closing', listMinor: 5000, discountMinor: 500 },
      ],
      ...(paid ? { paid: { provider: 'manual', at: new Date('2026-03-02T09:30:00Z') } } : {}),
    });

  const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Payroll Academy');
    buyer = await aLoggedInUser(t.app, t.deps);
  });
  afterAll(() => t?.close());

  it('gives the buyer the receipt of a paid order as a PDF attachment', async () => {
    const order = await anOrder(true);
    const response = await get(`/api/v1/me/orders/${order.orderId}/receipt.pdf`, buyer.headers);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="receipt-${order.number}.pdf"`,
    );
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(response.rawPayload);
    for (const fact of [
      'Receipt',
      `Order no. ${order.number}`,
      'Payroll Academy',
      'Paid March 2, 2026',
      '€118.80',
    ]) {
      expect(text).toContain(fact);
    }
    expect((await PDFDocument.load(response.rawPayload)).getPageCount()).toBe(1);
  });

  it('gives the invoice, with the amount due, while the order is unpaid', async () => {
    const order = await anOrder(false);
    const response = await get(`/api/v1/me/orders/${order.orderId}/receipt.pdf`, buyer.headers);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="invoice-${order.number}.pdf"`,
    );
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Invoice');
    expect(text).toContain('Amount due');
    expect(text).toContain(`INV-${order.number}`);
    expect(text).not.toContain('Receipt');
  });

  it('lists a refund on the receipt once it is made', async () => {
    const order = await anOrder(true);
    await aRecordedRefund(t.deps, order.orderId, [order.lineIds[1] ?? ''], new Date('2026-03-05T12:00:00Z'));
    const response = await get(`/api/v1/me/orders/${order.orderId}/receipt.pdf`, buyer.headers);
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Refund March 5, 2026: Year-end closing');
    expect(text).toContain('-€54.00');
    expect(text).toContain('€64.80');
  });

  it('writes the document in the language asked for', async () => {
    const order = await anOrder(true);
    const asked = await get(`/api/v1/me/orders/${order.orderId}/receipt.pdf?lang=es`, buyer.headers);
    expect(pdfText(asked.rawPayload)).toContain('Recibo');
    const preferred = await get(`/api/v1/me/orders/${order.orderId}/receipt.pdf`, {
      ...buyer.headers,
      'accept-language': 'es-ES,es;q=0.9',
    });
    expect(pdfText(preferred.rawPayload)).toContain('118,80\u00a0€');
  });

  it('answers 404 to anyone but the buyer on the learner route', async () => {
    const order = await anOrder(true);
    const stranger = await aLoggedInUser(t.app, t.deps);
    for (const headers of [stranger.headers, issuer.owner.headers]) {
      const response = await get(`/api/v1/me/orders/${order.orderId}/receipt.pdf`, headers);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const anonymous = await get(`/api/v1/me/orders/${order.orderId}/receipt.pdf`, {});
    expect(anonymous.statusCode).toBe(401);
  });

  it('gives the seller’s owner and staff the receipt of an order placed with them', async () => {
    const order = await anOrder(true);
    const staff = await aVerifiedUser(t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: staff.email, role: 'staff' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const staffSession = await logInAs(t.app, staff.email, staff.password);
    for (const headers of [issuer.owner.headers, staffSession.headers]) {
      const response = await get(`/api/v1/orgs/${issuer.orgId}/orders/${order.orderId}/receipt.pdf`, headers);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-disposition']).toContain(`receipt-${order.number}.pdf`);
      expect(pdfText(response.rawPayload)).toContain('Ana Núñez');
    }
  });

  it('answers 404 for an order of another organization, even to that organization’s owner', async () => {
    const order = await anOrder(true);
    const other = await anIssuerWithOwner(t.app, t.deps, 'Other Academy');
    const viaOwnOrg = await get(
      `/api/v1/orgs/${other.orgId}/orders/${order.orderId}/receipt.pdf`,
      other.owner.headers,
    );
    expect(viaOwnOrg.statusCode).toBe(404);
    const viaSellerOrg = await get(
      `/api/v1/orgs/${issuer.orgId}/orders/${order.orderId}/receipt.pdf`,
      other.owner.headers,
    );
    expect(viaSellerOrg.statusCode).toBe(404);
    const byBuyer = await get(
      `/api/v1/orgs/${issuer.orgId}/orders/${order.orderId}/receipt.pdf`,
      buyer.headers,
    );
    expect(byBuyer.statusCode).toBe(404);
  });
});

describe('receipts of an order bought through the shop', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date('2026-04-10T08:00:00Z') });
  });
  afterAll(() => t?.close());

  it('mails the invoice on Pay and the receipt once the issuer marks it paid, each with its PDF', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps, 'Shop Academy');
    await setShopSettings(t, issuer, { taxRateBp: 750, taxLabel: 'Sales tax' });
    const courseId = await aPricedCourse(t, issuer, { priceMinor: 12_000, title: 'Payroll in one lesson' });
    const learner = await aLoggedInUser(t.app, t.deps);
    const order = await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId }]);

    const mails = await t.deps.db
      .selectFrom('mailMessages')
      .select(['subject', 'attachments'])
      .where('toAddress', '=', learner.email.toLowerCase())
      .orderBy('createdAt')
      .execute();
    expect(mails.map((m) => m.subject)).toEqual([
      `Invoice INV-${order.number} from Shop Academy: €129.00 to pay`,
      `Your receipt from Shop Academy (order ${order.number})`,
    ]);
    expect(mails.map((m) => m.attachments?.map((a) => a.filename))).toEqual([
      [`invoice-${order.number}.pdf`],
      [`receipt-${order.number}.pdf`],
    ]);
    const invoice = pdfText(Buffer.from(mails[0]?.attachments?.[0]?.contentBase64 ?? '', 'base64'));
    expect(invoice).toContain('Amount due');

    const receipt = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/orders/${order.id}/receipt.pdf`,
      headers: learner.headers,
    });
    const text = pdfText(receipt.rawPayload);
    for (const fact of [
      'Receipt',
      'Shop Academy',
      'Academy Ltd, 1 Main St',
      'Payroll in one lesson',
      'Sales tax 7.5%',
      '€9.00',
      '€129.00',
      'Paid April 10, 2026 by invoice',
      `Payment reference: INV-${order.number}`,
    ]) {
      expect(text).toContain(fact);
    }
  });
});
