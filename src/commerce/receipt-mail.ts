// The mails of an order, each with its PDF attached and queued in the caller's transaction (so a rolled
// back payment or refund mails nothing), once per order or refund (idempotency keys): the receipt when
// it is paid, the invoice when a manual payment is opened, the refund with the updated receipt.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { accountContact } from '../identity/index.ts';
import { type MailAttachment, type MailTemplate, queueMail } from '../mail/index.ts';
import { formatMoney } from './money.ts';
import { receiptFileName, renderReceiptPdf } from './receipt.ts';
import { orderIdOfRefund, type ReceiptFacts, receiptFacts } from './receipt-store.ts';

/** Queue after the order is marked paid in `trx` (the receipt prints the payment date and reference). */
export async function queueReceiptMail(deps: Deps, trx: Executor, orderId: string): Promise<void> {
  const facts = await factsOf(trx, orderId);
  if (!facts.order.paidAt) throw new Error(`Order ${orderId} is not paid: it has no receipt yet.`);
  await queueOrderMail(deps, trx, facts, `order-receipt:${orderId}`, (name, locale) => ({
    kind: 'order-receipt',
    name,
    issuerName: facts.order.sellerName,
    orderNumber: facts.order.number,
    total: formatMoney(facts.order.totalMinor, facts.order.currency, locale),
    ...(facts.order.kind === 'issuance-fee' ? { issuanceFee: true } : {}),
    link: orderLink(deps, orderId),
  }));
}

/** Queue when a manual payment is opened in `trx`: the invoice with the reference to quote. */
export async function queueInvoiceMail(deps: Deps, trx: Executor, orderId: string): Promise<void> {
  const facts = await factsOf(trx, orderId);
  const reference = facts.payment?.providerRef ?? `INV-${facts.order.number}`;
  await queueOrderMail(deps, trx, facts, `invoice-issued:${orderId}`, (name, locale) => ({
    kind: 'invoice-issued',
    name,
    issuerName: facts.order.sellerName,
    orderNumber: facts.order.number,
    amountDue: formatMoney(facts.order.totalMinor, facts.order.currency, locale),
    ...(facts.order.kind === 'issuance-fee' ? { issuanceFee: true } : {}),
    reference,
    link: orderLink(deps, orderId),
  }));
}

/** Queue after the refund and its lines are recorded in `trx`: the receipt then lists it as a credit. */
export async function queueRefundMail(deps: Deps, trx: Executor, refundId: string): Promise<void> {
  const orderId = await orderIdOfRefund(trx, refundId);
  if (!orderId) throw new Error(`Refund ${refundId} does not exist.`);
  const facts = await factsOf(trx, orderId);
  const refund = facts.refunds.find((r) => r.id === refundId);
  if (!refund) throw new Error(`Refund ${refundId} is not recorded on order ${orderId}.`);
  const courses = facts.lines
    .filter((line) => line.refundId === refundId && line.courseId !== null)
    .map((line) => line.description);
  await queueOrderMail(deps, trx, facts, `refund-issued:${refundId}`, (name, locale) => ({
    kind: 'refund-issued',
    name,
    issuerName: facts.order.sellerName,
    orderNumber: facts.order.number,
    amount: formatMoney(refund.amountMinor, facts.order.currency, locale),
    courses,
    link: orderLink(deps, orderId),
  }));
}

function orderLink(deps: Deps, orderId: string): string {
  return `${deps.config.publicUrl}/learn/orders/${orderId}`;
}

async function factsOf(trx: Executor, orderId: string): Promise<ReceiptFacts> {
  const facts = await receiptFacts(trx, orderId);
  if (!facts) throw new Error(`Order ${orderId} does not exist.`);
  return facts;
}

/** To the buyer's address on the order, in their account's language, with the PDF in that language. */
async function queueOrderMail(
  deps: Deps,
  trx: Executor,
  facts: ReceiptFacts,
  idempotencyKey: string,
  template: (name: string, locale: string) => MailTemplate,
): Promise<void> {
  const contact = await accountContact(trx, facts.order.userId);
  const locale = contact?.locale ?? 'en';
  const name = facts.order.buyerName ?? contact?.name ?? facts.order.buyerEmail;
  const pdf = await renderReceiptPdf(facts, locale);
  const attachment: MailAttachment = {
    filename: receiptFileName(facts),
    contentType: 'application/pdf',
    contentBase64: Buffer.from(pdf).toString('base64'),
  };
  await queueMail(deps, trx, {
    to: facts.order.buyerEmail,
    locale,
    template: template(name, locale),
    idempotencyKey,
    attachments: [attachment],
  });
}
