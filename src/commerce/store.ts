// SQL of carts, orders, payments, payment events and the ledger. Every learner-facing read is filtered
// by the learner's own user id, every issuer-facing read by the organization.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type {
  CartItemsTable,
  CartsTable,
  CommerceAuditTable,
  LedgerEntriesTable,
  OrderLinesTable,
  OrderState,
  OrdersTable,
  PaymentEventsTable,
  PaymentState,
  PaymentsTable,
  ProviderName,
} from './tables.ts';

export type CartRow = Selectable<CartsTable>;
export type CartItemRow = Selectable<CartItemsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type OrderLineRow = Selectable<OrderLinesTable>;
export type PaymentRow = Selectable<PaymentsTable>;
export type PaymentEventRow = Selectable<PaymentEventsTable>;

// ---- carts

export async function openCart(db: Executor, userId: string, orgId: string): Promise<CartRow | undefined> {
  return db
    .selectFrom('carts')
    .selectAll()
    .where('userId', '=', userId)
    .where('orgId', '=', orgId)
    .where('state', '=', 'open')
    .executeTakeFirst();
}

export async function openCartsOf(db: Executor, userId: string): Promise<CartRow[]> {
  return db
    .selectFrom('carts')
    .selectAll()
    .where('userId', '=', userId)
    .where('state', '=', 'open')
    .orderBy('createdAt')
    .execute();
}

/** The open cart, created when there is none (the partial unique index keeps it to one). */
export async function ensureOpenCart(
  db: Executor,
  userId: string,
  orgId: string,
  now: Date,
): Promise<CartRow> {
  await db
    .insertInto('carts')
    .values({ userId, orgId, createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.columns(['orgId', 'userId']).where('state', '=', 'open').doNothing())
    .execute();
  const cart = await openCart(db, userId, orgId);
  if (!cart) throw new Error('the open cart vanished right after it was created');
  return cart;
}

/** Locks a cart by id whatever its state: a second checkout waits here, then finds it checked out. */
export async function lockCart(db: Executor, cartId: string): Promise<CartRow | undefined> {
  return db.selectFrom('carts').selectAll().where('id', '=', cartId).forUpdate().executeTakeFirst();
}

export async function touchCart(
  db: Executor,
  cartId: string,
  change: { updatedAt: Date; couponId?: string | null; state?: 'checked-out' },
): Promise<void> {
  await db.updateTable('carts').set(change).where('id', '=', cartId).execute();
}

export async function cartItems(db: Executor, cartId: string): Promise<CartItemRow[]> {
  return db
    .selectFrom('cartItems')
    .selectAll()
    .where('cartId', '=', cartId)
    .orderBy('addedAt')
    .orderBy('id')
    .execute();
}

export async function insertCartItem(
  db: Executor,
  item: Insertable<CartItemsTable>,
): Promise<CartItemRow | undefined> {
  return db
    .insertInto('cartItems')
    .values(item)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function deleteCartItems(db: Executor, cartId: string, itemIds: string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const result = await db
    .deleteFrom('cartItems')
    .where('cartId', '=', cartId)
    .where('id', 'in', itemIds)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---- orders

export async function insertOrder(db: Executor, order: Insertable<OrdersTable>): Promise<OrderRow> {
  return db.insertInto('orders').values(order).returningAll().executeTakeFirstOrThrow();
}

export async function insertOrderLines(
  db: Executor,
  lines: Insertable<OrderLinesTable>[],
): Promise<OrderLineRow[]> {
  if (lines.length === 0) return [];
  return db.insertInto('orderLines').values(lines).returningAll().execute();
}

export async function findOrder(db: Executor, orderId: string, lock = false): Promise<OrderRow | undefined> {
  const query = db.selectFrom('orders').selectAll().where('id', '=', orderId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function orderOfCart(db: Executor, cartId: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').selectAll().where('cartId', '=', cartId).executeTakeFirst();
}

/** The newest order checked out from a cart of this learner at this issuer since a moment. */
export async function recentCartOrder(
  db: Executor,
  userId: string,
  orgId: string,
  since: Date,
): Promise<OrderRow | undefined> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('userId', '=', userId)
    .where('orgId', '=', orgId)
    .where('cartId', 'is not', null)
    .where('placedAt', '>=', since)
    .orderBy('placedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function orderLines(db: Executor, orderIds: string[]): Promise<OrderLineRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('orderLines')
    .selectAll()
    .where('orderId', 'in', orderIds)
    .orderBy('orderId')
    .orderBy('position')
    .execute();
}

/** An order and its lines in order: what refunds, receipts and fee orders read. */
export async function orderWithLines(
  db: Executor,
  orderId: string,
): Promise<{ order: OrderRow; lines: OrderLineRow[] } | undefined> {
  const order = await findOrder(db, orderId);
  if (!order) return undefined;
  return { order, lines: await orderLines(db, [orderId]) };
}

export async function ordersOfUser(db: Executor, userId: string, limit: number): Promise<OrderRow[]> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('placedAt', 'desc')
    .orderBy('number', 'desc')
    .limit(limit)
    .execute();
}

export async function ordersOfOrg(
  db: Executor,
  orgId: string,
  filter: { state?: OrderState; before?: Date; limit: number },
): Promise<OrderRow[]> {
  let query = db.selectFrom('orders').selectAll().where('orgId', '=', orgId);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.before) query = query.where('placedAt', '<', filter.before);
  return query.orderBy('placedAt', 'desc').orderBy('number', 'desc').limit(filter.limit).execute();
}

export async function updateOrder(
  db: Executor,
  orderId: string,
  change: Partial<Pick<OrderRow, 'state' | 'paidAt' | 'cancelledAt' | 'provider'>>,
): Promise<OrderRow> {
  return db
    .updateTable('orders')
    .set(change)
    .where('id', '=', orderId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setLineEnrolment(db: Executor, lineId: string, enrolmentId: string): Promise<void> {
  await db.updateTable('orderLines').set({ enrolmentId }).where('id', '=', lineId).execute();
}

// ---- payments

/** The pending or succeeded payment of an order (payments_one_live allows at most one). */
export async function livePayment(db: Executor, orderId: string): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('orderId', '=', orderId)
    .where('state', 'in', ['pending', 'succeeded'])
    .executeTakeFirst();
}

/** The newest payment of each order (what an order shows): live first, then the latest attempt. */
export async function latestPayments(db: Executor, orderIds: string[]): Promise<Map<string, PaymentRow>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('payments')
    .selectAll()
    .where('orderId', 'in', orderIds)
    .orderBy('createdAt')
    .execute();
  const latest = new Map<string, PaymentRow>();
  for (const row of rows) {
    const current = latest.get(row.orderId);
    const live = (p: PaymentRow) => p.state === 'pending' || p.state === 'succeeded';
    if (!current || !live(current) || live(row)) latest.set(row.orderId, row);
  }
  return latest;
}

export async function paymentCount(db: Executor, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('orderId', '=', orderId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function paymentByRef(
  db: Executor,
  provider: ProviderName,
  providerRef: string,
): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('provider', '=', provider)
    .where('providerRef', '=', providerRef)
    .executeTakeFirst();
}

export async function insertPayment(db: Executor, payment: Insertable<PaymentsTable>): Promise<PaymentRow> {
  return db.insertInto('payments').values(payment).returningAll().executeTakeFirstOrThrow();
}

export async function settlePayment(
  db: Executor,
  paymentId: string,
  state: PaymentState,
  settledAt: Date,
): Promise<void> {
  await db.updateTable('payments').set({ state, settledAt }).where('id', '=', paymentId).execute();
}

/** A lapsed (failed or expired) payment opened again under the same reference. */
export async function reopenPayment(
  db: Executor,
  paymentId: string,
  redirectUrl: string | null,
  at: Date,
): Promise<PaymentRow> {
  return db
    .updateTable('payments')
    .set({ state: 'pending', settledAt: null, redirectUrl, createdAt: at })
    .where('id', '=', paymentId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- payment events

/** Inserts the event once: a replay (same provider and event id) inserts nothing and returns undefined. */
export async function insertPaymentEventOnce(
  db: Executor,
  event: Insertable<PaymentEventsTable>,
): Promise<string | undefined> {
  const row = await db
    .insertInto('paymentEvents')
    .values(event)
    .onConflict((oc) => oc.columns(['provider', 'eventId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function paymentEventId(
  db: Executor,
  provider: ProviderName,
  eventId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('paymentEvents')
    .select('id')
    .where('provider', '=', provider)
    .where('eventId', '=', eventId)
    .executeTakeFirst();
  return row?.id;
}

/** The event, locked, if nobody else holds it and it still waits to be processed. */
export async function claimPaymentEvent(db: Executor, id: string): Promise<PaymentEventRow | undefined> {
  return db
    .selectFrom('paymentEvents')
    .selectAll()
    .where('id', '=', id)
    .where('processedAt', 'is', null)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function markPaymentEventProcessed(
  db: Executor,
  id: string,
  outcome: string,
  processedAt: Date,
): Promise<void> {
  await db.updateTable('paymentEvents').set({ processedAt, outcome }).where('id', '=', id).execute();
}

export async function countPaymentEventAttempt(db: Executor, id: string, error: string): Promise<void> {
  await db
    .updateTable('paymentEvents')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), outcome: `error: ${error.slice(0, 200)}` }))
    .where('id', '=', id)
    .where('processedAt', 'is', null)
    .execute();
}

/** Unprocessed events, oldest first, that have not failed too often. */
export async function unprocessedPaymentEventIds(
  db: Executor,
  limit: number,
  maxAttempts: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('paymentEvents')
    .select('id')
    .where('processedAt', 'is', null)
    .where('attempts', '<', maxAttempts)
    .orderBy('receivedAt')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

// ---- ledger

export async function insertLedgerEntries(
  db: Executor,
  entries: Insertable<LedgerEntriesTable>[],
): Promise<void> {
  if (entries.length > 0) await db.insertInto('ledgerEntries').values(entries).execute();
}

// ---- audit

export async function insertAudit(db: Executor, entry: Insertable<CommerceAuditTable>): Promise<void> {
  await db.insertInto('commerceAudit').values(entry).execute();
}
