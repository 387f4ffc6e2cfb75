// When a learner may refund a line by themselves: within 30 days of payment, only if the course was
// never opened, never for the issuance fee. Issuers may still grant an exception (refunds.ts).
import type { OrderLineKind } from './tables.ts';

export const REFUND_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;

export type RefundDecision = { ok: true } | { ok: false; code: RefundRefusal; reason: string };

export type RefundRefusal =
  | 'not-paid'
  | 'already-refunded'
  | 'refund-window-closed'
  | 'course-opened'
  | 'fee-not-refundable';

export interface RefundPolicyInput {
  kind: OrderLineKind;
  paidAt: Date | null;
  now: Date;
  /** The first time the learner opened the course this line gave access to; null if never. */
  firstOpenedAt: Date | null;
  refunded: boolean;
}

/** The last moment a learner may still ask for a refund of an order paid at `paidAt`. */
export function refundWindowEnd(paidAt: Date): Date {
  return new Date(paidAt.getTime() + REFUND_WINDOW_DAYS * DAY_MS);
}

export function policyRefundDecision(input: RefundPolicyInput): RefundDecision {
  if (input.refunded) {
    return { ok: false, code: 'already-refunded', reason: 'This item has already been refunded.' };
  }
  if (input.paidAt === null) {
    return { ok: false, code: 'not-paid', reason: 'This order has not been paid.' };
  }
  if (input.kind === 'issuance-fee') {
    return { ok: false, code: 'fee-not-refundable', reason: 'The badge issuance fee is not refundable.' };
  }
  if (input.now.getTime() > refundWindowEnd(input.paidAt).getTime()) {
    return {
      ok: false,
      code: 'refund-window-closed',
      reason: `Refunds are possible within ${REFUND_WINDOW_DAYS} days of payment.`,
    };
  }
  if (input.firstOpenedAt !== null) {
    return {
      ok: false,
      code: 'course-opened',
      reason: 'The course has been opened, so it can no longer be refunded.',
    };
  }
  return { ok: true };
}
