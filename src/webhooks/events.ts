// Recording an event for the organization's endpoints, inside the transaction that made it happen: the
// delivery rows and their jobs commit (or roll back) with the award, completion or order itself — an outbox.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { deliverWebhookJob } from './jobs.ts';
import type { WebhookEventType } from './model.ts';
import { insertDeliveryOnce, subscribedEndpoints } from './store.ts';

export interface WebhookEvent {
  orgId: string;
  type: WebhookEventType;
  /** Ids and the minimum a receiver needs; never secrets, never a learner's address the organization does not see. */
  data: Record<string, unknown>;
  /** Stable id (the Standard Webhooks `webhook-id`) when the caller has one; otherwise a fresh one. */
  id?: string;
}

/** Creates one delivery (and its job) per enabled endpoint of the organization that asked for this type. */
export async function recordWebhookEvent(deps: Deps, trx: Executor, event: WebhookEvent): Promise<void> {
  const endpoints = await subscribedEndpoints(trx, event.orgId, event.type);
  if (endpoints.length === 0) return;
  const eventId = event.id ?? randomUUID();
  const occurredAt = deps.now();
  for (const endpoint of endpoints) {
    const delivery = await insertDeliveryOnce(trx, {
      orgId: event.orgId,
      endpointId: endpoint.id,
      eventId,
      eventType: event.type,
      payload: JSON.stringify(event.data),
      occurredAt,
      nextAttemptAt: occurredAt,
    });
    if (!delivery) continue;
    await deps.jobs.enqueue(
      trx,
      deliverWebhookJob,
      { deliveryId: delivery.id, attempt: 1, manual: false },
      { idempotencyKey: `${delivery.id}:1` },
    );
  }
}
