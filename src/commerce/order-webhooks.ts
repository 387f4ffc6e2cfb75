// What an organization's webhook endpoints hear of its orders (docs/integrations.md): ids and amounts, no
// buyer details beyond the account id.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { recordWebhookEvent } from '../webhooks/index.ts';
import type { OrderRow } from './store.ts';

export async function recordOrderEvent(
  deps: Deps,
  trx: Executor,
  type: 'order.paid' | 'order.refunded',
  order: OrderRow,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordWebhookEvent(deps, trx, {
    orgId: order.orgId,
    type,
    data: {
      orderId: order.id,
      userId: order.userId,
      kind: order.kind,
      state: order.state,
      totalMinor: order.totalMinor,
      currency: order.currency,
      paidAt: order.paidAt?.toISOString() ?? null,
      ...extra,
    },
  });
}
