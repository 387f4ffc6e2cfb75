// Use-cases of webhooks: owners and admins register endpoints, read the delivery log and redeliver.
import { randomUUID } from 'node:crypto';
import { encryptSecretKey } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireMembership } from '../orgs/index.ts';
import { deliverWebhookJob } from './jobs.ts';
import { newWebhookSecret, SECRET_GRACE_MS, urlProblem, type WebhookEventType } from './model.ts';
import {
  type AttemptRow,
  attemptsOf,
  type DeliveryRow,
  deleteEndpoint,
  deliveriesOf,
  type EndpointRow,
  endpointsOf,
  findDelivery,
  findEndpoint,
  insertEndpoint,
  markDeliveryPending,
  rotateEndpointSecret,
  updateEndpoint,
} from './store.ts';

const MANAGERS = ['owner', 'admin'] as const;

export interface EndpointInput {
  url: string;
  description?: string;
  events: WebhookEventType[];
  enabled?: boolean;
}

function checkUrl(deps: Deps, url: string): void {
  const problem = urlProblem(url, {
    allowPrivate: deps.config.verifyAllowPrivate,
    allowHosts: deps.config.verifyAllowHosts,
  });
  if (problem) throw new InvalidError('The endpoint URL is refused.', [problem]);
}

/** The new endpoint and its secret: the only time the secret leaves the server. */
export async function createEndpoint(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: EndpointInput,
): Promise<{ endpoint: EndpointRow; secret: string }> {
  requireMembership(actor, orgId, MANAGERS);
  checkUrl(deps, input.url);
  const secret = newWebhookSecret();
  const endpoint = await insertEndpoint(deps.db, {
    orgId,
    url: input.url,
    description: input.description ?? '',
    events: [...new Set(input.events)],
    enabled: input.enabled ?? true,
    secretWrapped: encryptSecretKey(deps.secrets.keyEncryptionKey, secret),
  });
  return { endpoint, secret };
}

export async function listEndpoints(deps: Deps, actor: Actor | null, orgId: string): Promise<EndpointRow[]> {
  requireMembership(actor, orgId, MANAGERS);
  return endpointsOf(deps.db, orgId);
}

export async function getEndpoint(deps: Deps, actor: Actor | null, orgId: string, id: string) {
  requireMembership(actor, orgId, MANAGERS);
  const endpoint = await findEndpoint(deps.db, orgId, id);
  if (!endpoint) throw new NotFoundError('webhook');
  return endpoint;
}

export async function changeEndpoint(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
  changes: Partial<EndpointInput>,
): Promise<EndpointRow> {
  requireMembership(actor, orgId, MANAGERS);
  if (changes.url !== undefined) checkUrl(deps, changes.url);
  const endpoint = await updateEndpoint(deps.db, orgId, id, {
    ...(changes.url !== undefined ? { url: changes.url } : {}),
    ...(changes.description !== undefined ? { description: changes.description } : {}),
    ...(changes.events !== undefined ? { events: [...new Set(changes.events)] } : {}),
    ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
    updatedAt: deps.now(),
  });
  if (!endpoint) throw new NotFoundError('webhook');
  return endpoint;
}

/**
 * A new secret for the endpoint, returned this once. The secret it replaces keeps signing alongside it for 24 hours
 * (while the receiver changes over), then stops; a second rotation within those hours drops the oldest one.
 */
export async function rotateSecret(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
): Promise<{ endpoint: EndpointRow; secret: string }> {
  requireMembership(actor, orgId, MANAGERS);
  const secret = newWebhookSecret();
  const at = deps.now();
  const endpoint = await rotateEndpointSecret(deps.db, orgId, id, {
    secretWrapped: encryptSecretKey(deps.secrets.keyEncryptionKey, secret),
    previousUntil: new Date(at.getTime() + SECRET_GRACE_MS),
    at,
  });
  if (!endpoint) throw new NotFoundError('webhook');
  return { endpoint, secret };
}

export async function removeEndpoint(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
): Promise<void> {
  requireMembership(actor, orgId, MANAGERS);
  if (!(await deleteEndpoint(deps.db, orgId, id))) throw new NotFoundError('webhook');
}

export interface DeliveryView {
  delivery: DeliveryRow;
  attempts: AttemptRow[];
}

export async function listDeliveries(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  endpointId: string,
  limit: number,
): Promise<DeliveryView[]> {
  await getEndpoint(deps, actor, orgId, endpointId);
  const deliveries = await deliveriesOf(deps.db, orgId, endpointId, limit);
  const attempts = await attemptsOf(
    deps.db,
    deliveries.map((d) => d.id),
  );
  return deliveries.map((delivery) => ({
    delivery,
    attempts: attempts.filter((a) => a.deliveryId === delivery.id),
  }));
}

/** Sends a delivery once more, whatever its state, with the same webhook-id (the receiver dedupes). */
export async function redeliver(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  endpointId: string,
  deliveryId: string,
): Promise<DeliveryRow> {
  await getEndpoint(deps, actor, orgId, endpointId);
  return deps.db.transaction().execute(async (trx) => {
    const delivery = await findDelivery(trx, orgId, endpointId, deliveryId);
    if (!delivery) throw new NotFoundError('delivery');
    if (delivery.state !== 'delivered') await markDeliveryPending(trx, delivery.id, deps.now());
    await deps.jobs.enqueue(
      trx,
      deliverWebhookJob,
      { deliveryId: delivery.id, attempt: delivery.attempts + 1, manual: true },
      { idempotencyKey: `${delivery.id}:manual:${randomUUID()}` },
    );
    return (await findDelivery(trx, orgId, endpointId, deliveryId)) ?? delivery;
  });
}
