// An issuance-fee order's mails speak of the badge, not of course access (issue #18, item 7), and the
// invoice they attach is also downloadable from the unpaid order's page, as the mail says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aOneLessonCourse, awardsOfBadge, completeOneLessonCourse } from '../badges/award-testing.ts';
import { processLearningEvents } from '../badges/index.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';

describe('the mails of an issuance-fee order', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Fee Mail Academy');
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuer.orgId}/commerce/settings`,
      headers: issuer.owner.headers,
      payload: {
        taxRateBp: 0,
        taxLabel: 'Tax',
        bundleDiscountBp: 0,
        sellerDetails: 'Fee Mail Academy, 1 Main St',
        issuanceFee: { amountMinor: 1500, currency: 'EUR' },
      },
    });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterAll(() => t?.close());

  const mailOf = (key: string) =>
    t.deps.db
      .selectFrom('mailMessages')
      .select(['subject', 'textBody'])
      .where('idempotencyKey', '=', key)
      .executeTakeFirstOrThrow();

  it('invoices and receipts the fee as the badge’s issuance, and offers the unpaid invoice as a PDF', async () => {
    const courseId = await aOneLessonCourse(t.app, issuer);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId] });
    const learner = await aLoggedInUser(t.app, t.deps);
    await completeOneLessonCourse(t.app, learner, courseId);
    while ((await processLearningEvents(t.deps)) > 0);
    const [waiting] = await awardsOfBadge(t.deps, badge.id);
    expect(waiting?.state).toBe('awaiting-fee');

    const ordered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/awards/${waiting?.id}/fee-order`,
      headers: learner.headers,
    });
    expect(ordered.statusCode, ordered.body).toBeLessThan(300);
    const orderId = ordered.json().id as string;
    const paid = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/orders/${orderId}/pay`,
      headers: learner.headers,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().payment.redirectUrl ?? null).toBeNull();

    const invoice = await mailOf(`invoice-issued:${orderId}`);
    expect(invoice.textBody).toContain('your badge is issued then');
    expect(invoice.textBody).not.toMatch(/access/i);
    // The mail says the order page has the invoice: the unpaid order's PDF is there to download.
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/orders/${orderId}/receipt.pdf`,
      headers: learner.headers,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('invoice-');

    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/orders/${orderId}/mark-paid`,
      headers: issuer.owner.headers,
      payload: { reference: 'Bank transfer 2026-7' },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const receipt = await mailOf(`order-receipt:${orderId}`);
    expect(receipt.textBody).toContain('the issuance fee of your badge');
    expect(receipt.textBody).not.toMatch(/until when you can use it|access/i);
  });
});
