// What commerce tells the rest of the application about an order of a kind another context sells for
// (today: 'sponsorship', the employer's seats in src/workforce). Commerce knows nothing of who reacts: a context
// registers its hooks for an order kind when it loads, and commerce calls them inside the transaction that
// pays, refunds or cancels the order — so the reaction commits (or rolls back) with the order itself.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import type { OrderRow } from './store.ts';
import type { OrderKind } from './tables.ts';

export interface OrderEnded {
  order: OrderRow;
  /** Every line of the order refunded so far (none when it was cancelled before payment). */
  refundedLineIds: string[];
  /** The order's state after it: 'cancelled', 'refunded' or 'partially-refunded'. */
  state: OrderRow['state'];
}

export interface OrderHooks {
  /** The order was paid (its lines enrol no one: the hooks' context does what the order bought). */
  paid(deps: Deps, trx: Executor, order: OrderRow): Promise<void>;
  /** The order was cancelled before payment, or lines of it were refunded. */
  ended(deps: Deps, trx: Executor, ended: OrderEnded): Promise<void>;
}

/** Orders bought for other people: paying them grants the buyer nothing. */
export const ORDER_KINDS_FOR_OTHERS: readonly OrderKind[] = ['sponsorship'];

// A table of code, filled once per process as contexts load (like the job registry), not state that changes.
const hooksByKind = new Map<OrderKind, OrderHooks>();

/** Registers the hooks of an order kind; registering again replaces them (a module loaded twice in tests). */
export function registerOrderHooks(kind: OrderKind, hooks: OrderHooks): void {
  hooksByKind.set(kind, hooks);
}

/**
 * The hooks of an order's kind. An order bought for others with no hooks in this process is refused loudly:
 * paying it without its reaction would take the money and give no one anything (the payment event stays
 * unprocessed and is retried).
 */
export function orderHooksFor(kind: OrderKind): OrderHooks | undefined {
  const hooks = hooksByKind.get(kind);
  if (!hooks && ORDER_KINDS_FOR_OTHERS.includes(kind)) {
    throw new Error(`No hooks are registered for ${kind} orders in this process`);
  }
  return hooks;
}
