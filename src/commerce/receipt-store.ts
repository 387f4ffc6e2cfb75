// The facts a receipt (or invoice) prints: the order with its seller and buyer snapshots, its lines, the
// payment that settled it (or the one awaiting settlement) and its refunds with the lines each credited.
import type { Executor } from '../db/database.ts';
import { livePayment, type OrderLineRow, type OrderRow, orderWithLines, type PaymentRow } from './store.ts';
import type { RefundKind } from './tables.ts';

export interface ReceiptFacts {
  /** The order row as stored, its number as a number. */
  order: Omit<OrderRow, 'number' | 'cartId' | 'couponId'> & { number: number };
  lines: ReceiptLine[];
  /** The live payment: the succeeded one, else the pending one (an invoice's reference), else null. */
  payment: ReceiptPayment | null;
  refunds: ReceiptRefund[];
}

export type ReceiptLine = Pick<
  OrderLineRow,
  | 'id'
  | 'kind'
  | 'courseId'
  | 'description'
  | 'listMinor'
  | 'discountMinor'
  | 'taxMinor'
  | 'totalMinor'
  | 'refundId'
>;

export type ReceiptPayment = Pick<
  PaymentRow,
  'provider' | 'providerRef' | 'state' | 'amountMinor' | 'settledAt'
>;

export interface ReceiptRefund {
  id: string;
  kind: RefundKind;
  amountMinor: number;
  taxMinor: number;
  createdAt: Date;
  /** The descriptions of the lines it credited. */
  lines: string[];
}

/** Everything a receipt of this order shows; undefined when there is no such order. */
export async function receiptFacts(db: Executor, orderId: string): Promise<ReceiptFacts | undefined> {
  const found = await orderWithLines(db, orderId);
  if (!found) return undefined;
  const { order, lines } = found;
  // One live payment per order at most (a unique index): the succeeded one, or the pending one.
  const payment = (await livePayment(db, orderId)) ?? null;
  const refunds = await db
    .selectFrom('refunds')
    .select(['id', 'kind', 'amountMinor', 'taxMinor', 'createdAt'])
    .where('orderId', '=', orderId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return {
    order: { ...order, number: Number(order.number) },
    lines,
    payment,
    refunds: refunds.map((refund) => ({
      ...refund,
      lines: lines.filter((line) => line.refundId === refund.id).map((line) => line.description),
    })),
  };
}

/** The order a refund belongs to, for the refund mail. */
export async function orderIdOfRefund(db: Executor, refundId: string): Promise<string | undefined> {
  const row = await db.selectFrom('refunds').select('orderId').where('id', '=', refundId).executeTakeFirst();
  return row?.orderId;
}
