// The facts a receipt (or invoice) prints: the order with its seller and buyer snapshots, its lines, the
// payment that settled it (or the one awaiting settlement) and its refunds with the lines each credited.
import type { Executor } from '../db/database.ts';
import type {
  OrderKind,
  OrderLineKind,
  OrderState,
  PaymentState,
  ProviderName,
  RefundKind,
} from './tables.ts';

export interface ReceiptFacts {
  order: {
    id: string;
    orgId: string;
    userId: string;
    number: number;
    kind: OrderKind;
    state: OrderState;
    currency: string;
    subtotalMinor: number;
    discountMinor: number;
    taxMinor: number;
    totalMinor: number;
    taxRateBp: number;
    taxLabel: string;
    couponCode: string | null;
    provider: ProviderName;
    buyerEmail: string;
    buyerName: string | null;
    sellerName: string;
    sellerDetails: string;
    placedAt: Date;
    paidAt: Date | null;
    cancelledAt: Date | null;
  };
  lines: ReceiptLine[];
  /** The succeeded payment, else the pending one (an invoice's reference), else null. */
  payment: ReceiptPayment | null;
  refunds: ReceiptRefund[];
}

export interface ReceiptLine {
  id: string;
  kind: OrderLineKind;
  courseId: string | null;
  description: string;
  listMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  refundId: string | null;
}

export interface ReceiptPayment {
  provider: ProviderName;
  providerRef: string;
  state: PaymentState;
  amountMinor: number;
  settledAt: Date | null;
}

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
  const order = await db
    .selectFrom('orders')
    .select([
      'id',
      'orgId',
      'userId',
      'number',
      'kind',
      'state',
      'currency',
      'subtotalMinor',
      'discountMinor',
      'taxMinor',
      'totalMinor',
      'taxRateBp',
      'taxLabel',
      'couponCode',
      'provider',
      'buyerEmail',
      'buyerName',
      'sellerName',
      'sellerDetails',
      'placedAt',
      'paidAt',
      'cancelledAt',
    ])
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!order) return undefined;
  const lines = await linesOf(db, orderId);
  const payment = await paymentOf(db, orderId);
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

function linesOf(db: Executor, orderId: string): Promise<ReceiptLine[]> {
  return db
    .selectFrom('orderLines')
    .select([
      'id',
      'kind',
      'courseId',
      'description',
      'listMinor',
      'discountMinor',
      'taxMinor',
      'totalMinor',
      'refundId',
    ])
    .where('orderId', '=', orderId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

async function paymentOf(db: Executor, orderId: string): Promise<ReceiptPayment | null> {
  const live = await db
    .selectFrom('payments')
    .select(['provider', 'providerRef', 'state', 'amountMinor', 'settledAt'])
    .where('orderId', '=', orderId)
    .where('state', 'in', ['succeeded', 'pending'])
    // A succeeded payment wins over a pending one (the unique index allows only one of them anyway).
    .orderBy((eb) => eb.case().when('state', '=', 'succeeded').then(0).else(1).end())
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
  return live ?? null;
}
