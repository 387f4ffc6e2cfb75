// Payment events are the source of truth: every outcome (a Stripe webhook, an issuer's "mark paid", a free
// checkout) is stored first — once, replays are recognised by (provider, event id) — and then processed
// in a transaction of its own. Whatever a crash leaves unprocessed, the ticker processes later.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { fulfilOrder } from './fulfilment.ts';
import type { ProviderEvent } from './providers/provider.ts';
import {
  claimPaymentEvent,
  countPaymentEventAttempt,
  findOrder,
  insertPaymentEventOnce,
  livePayment,
  markPaymentEventProcessed,
  type PaymentEventRow,
  paymentByRef,
  paymentEventId,
  settlePayment,
  unprocessedPaymentEventIds,
} from './store.ts';
import type { ProviderName } from './tables.ts';

/** An event that failed this often is left alone (and logged) for a person to look at. */
export const MAX_EVENT_ATTEMPTS = 10;
const TICKER_BATCH = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RecordedEvent = ProviderEvent & { provider: ProviderName };

/** What the event's payload keeps besides the provider's own details. */
interface StoredPayload {
  amountMinor: number | null;
  currency: string | null;
  details: Record<string, unknown>;
}

/** Stores the event once; a replay answers `duplicate: true` with the first one's id. */
export async function recordPaymentEvent(
  deps: Deps,
  event: RecordedEvent,
): Promise<{ id: string; duplicate: boolean }> {
  return recordPaymentEventIn(deps, deps.db, event);
}

/** recordPaymentEvent inside the caller's transaction (a free checkout records its event with the order). */
export async function recordPaymentEventIn(
  deps: Deps,
  db: Executor,
  event: RecordedEvent,
): Promise<{ id: string; duplicate: boolean }> {
  // An order id from a provider's metadata may name no order of ours (another install, same account).
  const orderId =
    event.orderId && UUID.test(event.orderId) && (await findOrder(db, event.orderId)) ? event.orderId : null;
  const payload: StoredPayload = {
    amountMinor: event.amountMinor,
    currency: event.currency,
    details: event.payload,
  };
  const id = await insertPaymentEventOnce(db, {
    provider: event.provider,
    eventId: event.eventId,
    type: event.type,
    providerRef: event.providerRef,
    orderId,
    payload: JSON.stringify(payload),
    occurredAt: event.occurredAt,
    receivedAt: deps.now(),
  });
  if (id) return { id, duplicate: false };
  const first = await paymentEventId(db, event.provider, event.eventId);
  if (!first) throw new Error('a payment event was neither inserted nor found');
  return { id: first, duplicate: true };
}

/**
 * Processes one stored event in its own transaction; resolves to its outcome, or null when it was already
 * processed, is being processed elsewhere, or failed. A failure is counted and logged, never thrown:
 * the event stays unprocessed and the ticker tries again.
 */
export async function processPaymentEvent(deps: Deps, id: string): Promise<string | null> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const event = await claimPaymentEvent(trx, id);
      if (!event) return null;
      return processClaimedEvent(deps, trx, event);
    });
  } catch (error) {
    deps.log.error({ err: error, paymentEventId: id }, 'payment event failed; the ticker will retry it');
    await countPaymentEventAttempt(deps.db, id, error instanceof Error ? error.message : String(error));
    return null;
  }
}

/** Applies a claimed (locked, unprocessed) event and marks it processed with its outcome. */
export async function processClaimedEvent(
  deps: Deps,
  trx: Executor,
  event: PaymentEventRow,
): Promise<string> {
  const outcome = await applyPaymentEvent(deps, trx, event);
  await markPaymentEventProcessed(trx, event.id, outcome, deps.now());
  return outcome;
}

/** The ticker's work: the oldest unprocessed events; returns how many reached an outcome. */
export async function processPendingPaymentEvents(deps: Deps, limit = TICKER_BATCH): Promise<number> {
  const ids = await unprocessedPaymentEventIds(deps.db, limit, MAX_EVENT_ATTEMPTS);
  let processed = 0;
  for (const id of ids) {
    if ((await processPaymentEvent(deps, id)) !== null) processed += 1;
  }
  return processed;
}

async function applyPaymentEvent(deps: Deps, trx: Executor, event: PaymentEventRow): Promise<string> {
  switch (event.type) {
    case 'payment.succeeded':
      return paymentSucceeded(deps, trx, event);
    case 'payment.failed':
    case 'payment.expired':
      return paymentEnded(trx, event, event.type === 'payment.failed' ? 'failed' : 'expired');
    case 'refund.succeeded':
      // Our own refunds are recorded when they are made (refunds.ts); the provider's echo is only noted.
      return 'noted';
    default:
      return 'ignored';
  }
}

async function paymentSucceeded(deps: Deps, trx: Executor, event: PaymentEventRow): Promise<string> {
  const byRef = event.providerRef ? await paymentByRef(trx, event.provider, event.providerRef) : undefined;
  const orderId = byRef?.orderId ?? event.orderId;
  const order = orderId ? await findOrder(trx, orderId, true) : undefined;
  if (!order) return 'unknown-order';
  const payload = event.payload as unknown as StoredPayload;
  if (
    payload.amountMinor !== null &&
    (payload.amountMinor !== order.totalMinor || payload.currency?.toUpperCase() !== order.currency)
  ) {
    deps.log.error(
      { paymentEventId: event.id, orderId: order.id, paid: payload, due: order.totalMinor },
      'a payment does not match its order: not fulfilled, look at it by hand',
    );
    return 'amount-mismatch';
  }
  if (order.state !== 'awaiting-payment' && order.state !== 'cancelled') {
    if (byRef && byRef.state !== 'succeeded') {
      deps.log.error({ paymentEventId: event.id, orderId: order.id }, 'a second payment for a paid order');
    }
    return 'already-paid';
  }
  const live = await livePayment(trx, order.id);
  const payment = byRef ?? (live?.provider === event.provider ? live : undefined);
  // Money was taken by this payment: it wins over any other attempt still open (one live payment per order).
  if (live && live.id !== payment?.id) await settlePayment(trx, live.id, 'expired', deps.now());
  await fulfilOrder(deps, trx, order, payment, {
    provider: event.provider,
    providerRef: event.providerRef ?? `${event.provider.toUpperCase()}-${order.number}`,
    paidAt: event.occurredAt,
  });
  return 'fulfilled';
}

/** A failed or expired attempt: only a pending payment changes; a success is never undone by it. */
async function paymentEnded(
  trx: Executor,
  event: PaymentEventRow,
  state: 'failed' | 'expired',
): Promise<string> {
  const payment = event.providerRef ? await paymentByRef(trx, event.provider, event.providerRef) : undefined;
  if (!payment) return 'unknown-payment';
  if (payment.state !== 'pending') return 'out-of-order';
  await settlePayment(trx, payment.id, state, event.occurredAt);
  return `payment-${state}`;
}
