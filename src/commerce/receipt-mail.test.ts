import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { pdfText } from '../../test/support/pdf.ts';
import { type ReceivedMail, type SmtpCapture, startSmtpCapture } from '../../test/support/smtp.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { renderMail } from '../mail/templates.ts';
import { queueInvoiceMail, queueReceiptMail, queueRefundMail } from './receipt-mail.ts';
import { aRecordedOrder, aRecordedRefund } from './receipt-testing.ts';

describe('order mails over SMTP', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let issuer: TestIssuer;
  let courseId: string;
  let buyer: TestSession & { email: string };

  const anOrder = (paid: boolean, to = buyer) =>
    aRecordedOrder(t.deps, {
      orgId: issuer.orgId,
      userId: to.userId,
      buyerEmail: to.email,
      buyerName: 'Ana Núñez',
      sellerName: 'Payroll Academy',
      lines: [
        { description: 'Payroll basics', listMinor: 6000, discountMinor: 600, courseId },
        { description: 'Issuance fee', listMinor: 5000, discountMinor: 500 },
      ],
      ...(paid ? { paid: { provider: 'stripe', at: new Date('2026-03-02T09:30:00Z') } } : {}),
    });
  const to = (address: string) => (mail: ReceivedMail) =>
    [mail.parsed.to].flat().some((a) => a?.value.some((v) => v.address === address.toLowerCase()));

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Tessera <mail@tessera.test>' },
      workers: true,
    });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Payroll Academy');
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    buyer = await aLoggedInUser(t.app, t.deps);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('mails the buyer the receipt, with the PDF attached, when the order is paid', async () => {
    const order = await anOrder(true);
    await t.deps.db.transaction().execute((trx) => queueReceiptMail(t.deps, trx, order.orderId));
    const mail = await smtp.waitFor(to(buyer.email));
    expect(mail.parsed.subject).toBe(`Your receipt from Payroll Academy (order ${order.number})`);
    expect(mail.parsed.text).toContain('Hello Ana Núñez,');
    expect(mail.parsed.text).toContain('€118.80');
    expect(mail.parsed.text).toContain(`http://localhost:3000/learn/orders/${order.orderId}`);
    // On the wire: a MIME part of type application/pdf, named and marked as an attachment.
    expect(mail.raw).toMatch(new RegExp(`Content-Type: application/pdf; name=receipt-${order.number}\\.pdf`));
    expect(mail.raw).toMatch(
      new RegExp(`Content-Disposition: attachment;\\s+filename=receipt-${order.number}\\.pdf`),
    );
    const [pdf] = mail.parsed.attachments;
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.filename).toBe(`receipt-${order.number}.pdf`);
    const text = pdfText(pdf?.content ?? new Uint8Array());
    expect(text).toContain(`Order no. ${order.number}`);
    expect(text).toContain('Payroll Academy');
    expect(text).toContain('€118.80');
  });

  it('mails a receipt once however often it is queued', async () => {
    const once = await aLoggedInUser(t.app, t.deps);
    const order = await anOrder(true, once);
    for (let i = 0; i < 3; i++) {
      await t.deps.db.transaction().execute((trx) => queueReceiptMail(t.deps, trx, order.orderId));
    }
    await smtp.waitFor(to(once.email));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.messages.filter(to(once.email))).toHaveLength(1);
  });

  it('refuses to mail a receipt for an order that is not paid', async () => {
    const unpaid = await anOrder(false);
    await expect(
      t.deps.db.transaction().execute((trx) => queueReceiptMail(t.deps, trx, unpaid.orderId)),
    ).rejects.toThrow('is not paid');
  });

  it('mails the invoice of a manual payment with the reference to quote and the invoice attached', async () => {
    const invoiced = await aLoggedInUser(t.app, t.deps);
    const order = await anOrder(false, invoiced);
    await t.deps.db.transaction().execute((trx) => queueInvoiceMail(t.deps, trx, order.orderId));
    const mail = await smtp.waitFor(to(invoiced.email));
    expect(mail.parsed.subject).toBe(`Invoice INV-${order.number} from Payroll Academy: €118.80 to pay`);
    expect(mail.parsed.text).toContain('the issuer will confirm your payment');
    const [pdf] = mail.parsed.attachments;
    expect(pdf?.filename).toBe(`invoice-${order.number}.pdf`);
    const text = pdfText(pdf?.content ?? new Uint8Array());
    expect(text).toContain('Amount due');
    expect(text).toContain(`INV-${order.number}`);
  });

  it('mails a refund with the courses whose access ended and the receipt showing the credit', async () => {
    const refunded = await aLoggedInUser(t.app, t.deps);
    const order = await anOrder(true, refunded);
    const refundId = await aRecordedRefund(
      t.deps,
      order.orderId,
      order.lineIds,
      new Date('2026-03-05T12:00:00Z'),
    );
    await t.deps.db.transaction().execute((trx) => queueRefundMail(t.deps, trx, refundId));
    const mail = await smtp.waitFor(to(refunded.email));
    expect(mail.parsed.subject).toBe(`Refund of €118.80 from Payroll Academy (order ${order.number})`);
    expect(mail.parsed.text).toContain('Your access to these courses has ended:\n- Payroll basics\n');
    // The fee line has no course: it is refunded but names no access.
    expect(mail.parsed.text).not.toContain('- Issuance fee');
    const text = pdfText(mail.parsed.attachments[0]?.content ?? new Uint8Array());
    expect(text).toContain('Refund March 5, 2026: Payroll basics, Issuance fee');
    expect(text).toContain('Net paid');
  });

  it('writes to the buyer in their account’s language, PDF included', async () => {
    const spanish = await aLoggedInUser(t.app, t.deps);
    await t.deps.db.updateTable('users').set({ locale: 'es' }).where('id', '=', spanish.userId).execute();
    const order = await anOrder(true, spanish);
    await t.deps.db.transaction().execute((trx) => queueReceiptMail(t.deps, trx, order.orderId));
    const mail = await smtp.waitFor(to(spanish.email));
    expect(mail.parsed.subject).toBe(`Tu recibo de Payroll Academy (pedido ${order.number})`);
    expect(mail.parsed.text).toContain('118,80\u00a0€');
    expect(pdfText(mail.parsed.attachments[0]?.content ?? new Uint8Array())).toContain('Recibo');
  });

  it('mails nothing when the transaction that queued the receipt rolls back', async () => {
    const rolledBack = await aLoggedInUser(t.app, t.deps);
    const order = await anOrder(true, rolledBack);
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await queueReceiptMail(t.deps, trx, order.orderId);
        throw new Error('fulfilment failed after queueing');
      }),
    ).rejects.toThrow('fulfilment failed');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.messages.some(to(rolledBack.email))).toBe(false);
  });
});

describe('the badge-fee-due mail', () => {
  const template = {
    kind: 'badge-fee-due' as const,
    badgeName: 'Payroll Clerk',
    issuerName: 'Payroll Academy',
    amount: '€25.00',
    payUrl: 'http://localhost:3000/learn/awards/123/fee',
  };

  it('tells the learner which badge they earned, the one-time fee and where to pay it', () => {
    const mail = renderMail('en', template);
    expect(mail.subject).toBe('You earned “Payroll Clerk”: pay the issuance fee to receive it');
    expect(mail.text).toContain('You earned “Payroll Clerk”; pay the one-time issuance fee to receive it.');
    expect(mail.text).toContain('Payroll Academy charges €25.00');
    expect(mail.text).toContain('http://localhost:3000/learn/awards/123/fee');
    expect(mail.html).toContain('href="http://localhost:3000/learn/awards/123/fee"');
    expect(mail.text.startsWith('Hello,\n')).toBe(true);
  });

  it('greets by name when it is known, in the reader’s language', () => {
    const mail = renderMail('es', { ...template, name: 'Ana', amount: '25,00 €' });
    expect(mail.text.startsWith('Hola Ana:\n')).toBe(true);
    expect(mail.subject).toBe('Has obtenido «Payroll Clerk»: paga la tasa de emisión para recibirla');
    expect(mail.text).toContain('25,00 €');
  });

  it('escapes names in the HTML part', () => {
    const mail = renderMail('en', { ...template, badgeName: '<script>x</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});
