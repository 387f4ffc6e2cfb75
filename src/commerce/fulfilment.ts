// What a paid order does, all inside the transaction of the payment event that reported the payment:
// the order and its payment become paid, the sale is posted to the ledger, each course line opens access
// for its window, a paid issuance fee releases the awards waiting for it, and the receipt is mailed.
// Nothing here is half-done: a failure rolls everything back and the event stays for the ticker.
import { randomUUID } from 'node:crypto';
import { releaseAwardsAwaitingFee } from '../badges/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { grantCourseAccess } from '../learning/index.ts';
import { assertBalanced, type Posting, salePostings } from './ledger.ts';
import { ORDER_KINDS_FOR_OTHERS, orderHooksFor } from './order-hooks.ts';
import { recordOrderEvent } from './order-webhooks.ts';
import { queueReceiptMail } from './receipt-mail.ts';
import {
  insertLedgerEntries,
  insertPayment,
  type OrderRow,
  orderLines,
  type PaymentRow,
  setLineEnrolment,
  settlePayment,
  updateOrder,
} from './store.ts';
import type { ProviderName } from './tables.ts';

/** Course access when a line carries no window of its own (the catalog's default). */
const DEFAULT_ACCESS_DAYS = 365;

/**
 * Writes one balanced ledger transaction (debits positive, credits negative); zero postings are
 * skipped. Returns the transaction id that groups the entries.
 */
export async function postLedger(
  trx: Executor,
  entry: {
    orgId: string;
    currency: string;
    orderId: string;
    refundId?: string | null;
    postings: Posting[];
    postedAt: Date;
  },
): Promise<string> {
  assertBalanced(entry.postings);
  const transactionId = randomUUID();
  await insertLedgerEntries(
    trx,
    entry.postings
      .filter((p) => p.amountMinor !== 0)
      .map((p) => ({
        orgId: entry.orgId,
        transactionId,
        account: p.account,
        amountMinor: p.amountMinor,
        currency: entry.currency,
        orderId: entry.orderId,
        orderLineId: p.orderLineId ?? null,
        refundId: entry.refundId ?? null,
        memo: p.memo,
        postedAt: entry.postedAt,
      })),
  );
  return transactionId;
}

export interface SettledPayment {
  provider: ProviderName;
  /** The provider's reference of the payment (an invoice number, a Checkout Session id …). */
  providerRef: string;
  paidAt: Date;
}

/**
 * Fulfils a locked, unpaid order (awaiting payment, or cancelled while the money was on its way). The
 * payment row is the live one when there is one; otherwise (a free order, an invoice marked paid before
 * the learner asked for it) a succeeded payment is recorded.
 */
export async function fulfilOrder(
  deps: Deps,
  trx: Executor,
  order: OrderRow,
  payment: PaymentRow | undefined,
  settled: SettledPayment,
): Promise<OrderRow> {
  const { paidAt } = settled;
  if (payment) {
    if (payment.state !== 'succeeded') await settlePayment(trx, payment.id, 'succeeded', paidAt);
  } else {
    await insertPayment(trx, {
      orgId: order.orgId,
      orderId: order.id,
      provider: settled.provider,
      providerRef: settled.providerRef,
      amountMinor: order.totalMinor,
      currency: order.currency,
      state: 'succeeded',
      redirectUrl: null,
      createdAt: paidAt,
      settledAt: paidAt,
    });
  }
  const paid = await updateOrder(trx, order.id, { state: 'paid', paidAt });
  const lines = await orderLines(trx, [order.id]);
  await postLedger(trx, {
    orgId: order.orgId,
    currency: order.currency,
    orderId: order.id,
    postings: salePostings(
      { provider: payment?.provider ?? settled.provider, totalMinor: order.totalMinor },
      lines,
    ),
    postedAt: paidAt,
  });
  const hooks = orderHooksFor(order.kind);
  // An order bought for other people (an employer's seats) enrols no one now: each person enrols on claiming.
  const forOthers = ORDER_KINDS_FOR_OTHERS.includes(order.kind);
  for (const line of forOthers ? [] : lines) {
    if ((line.kind === 'course' || line.kind === 'bundle-course') && line.courseId) {
      const access = await grantCourseAccess(trx, {
        userId: order.userId,
        courseId: line.courseId,
        now: paidAt,
        accessDays: line.accessDays ?? DEFAULT_ACCESS_DAYS,
      });
      await setLineEnrolment(trx, line.id, access.enrolmentId);
    }
  }
  if (lines.some((line) => line.kind === 'issuance-fee')) {
    await releaseAwardsAwaitingFee(deps, trx, {
      orgId: order.orgId,
      userId: order.userId,
      email: order.buyerEmail,
    });
  }
  if (hooks) await hooks.paid(deps, trx, paid);
  await queueReceiptMail(deps, trx, order.id);
  await recordOrderEvent(deps, trx, 'order.paid', paid, {
    lines: lines.map((line) => ({ id: line.id, kind: line.kind, courseId: line.courseId ?? null })),
  });
  return paid;
}
