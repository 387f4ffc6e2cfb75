// SQL of the webhooks context. Every endpoint and delivery query names the organization.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEndpointsTable } from './tables.ts';

export type EndpointRow = Selectable<WebhookEndpointsTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type AttemptRow = Selectable<WebhookAttemptsTable>;

export async function insertEndpoint(
  db: Executor,
  row: Insertable<WebhookEndpointsTable>,
): Promise<EndpointRow> {
  return db.insertInto('webhookEndpoints').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function endpointsOf(db: Executor, orgId: string): Promise<EndpointRow[]> {
  return db
    .selectFrom('webhookEndpoints')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function findEndpoint(
  db: Executor,
  orgId: string,
  id: string,
): Promise<EndpointRow | undefined> {
  return db
    .selectFrom('webhookEndpoints')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateEndpoint(
  db: Executor,
  orgId: string,
  id: string,
  changes: Updateable<WebhookEndpointsTable>,
): Promise<EndpointRow | undefined> {
  return db
    .updateTable('webhookEndpoints')
    .set(changes)
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Replaces the endpoint's secret; the one it had signs alongside until `previousUntil` (one statement: the old
 * value is read and moved under the row's lock, so two rotations at once leave a consistent pair).
 */
export async function rotateEndpointSecret(
  db: Executor,
  orgId: string,
  id: string,
  change: { secretWrapped: string; previousUntil: Date; at: Date },
): Promise<EndpointRow | undefined> {
  return db
    .updateTable('webhookEndpoints')
    .set((eb) => ({
      previousSecretWrapped: eb.ref('secretWrapped'),
      previousSecretUntil: change.previousUntil,
      secretWrapped: change.secretWrapped,
      updatedAt: change.at,
    }))
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteEndpoint(db: Executor, orgId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('webhookEndpoints')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The enabled endpoints of an organization that asked for this event type. */
export async function subscribedEndpoints(db: Executor, orgId: string, type: string): Promise<EndpointRow[]> {
  return db
    .selectFrom('webhookEndpoints')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('enabled', '=', true)
    .where((eb) => eb(eb.val(type), '=', eb.fn.any('events')))
    .execute();
}

/** Inserts the delivery unless this endpoint already has this event (a replayed event is not sent twice). */
export async function insertDeliveryOnce(
  db: Executor,
  row: Insertable<WebhookDeliveriesTable>,
): Promise<DeliveryRow | undefined> {
  return db
    .insertInto('webhookDeliveries')
    .values(row)
    .onConflict((oc) => oc.constraint('webhook_deliveries_once').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function deliveriesOf(
  db: Executor,
  orgId: string,
  endpointId: string,
  limit: number,
): Promise<DeliveryRow[]> {
  return db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('endpointId', '=', endpointId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findDelivery(
  db: Executor,
  orgId: string,
  endpointId: string,
  id: string,
): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('endpointId', '=', endpointId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The delivery with its endpoint, locked, for the job that sends it (the job's payload names only the id). */
export async function lockDeliveryForSending(db: Executor, id: string) {
  return db
    .selectFrom('webhookDeliveries as d')
    .innerJoin('webhookEndpoints as e', 'e.id', 'd.endpointId')
    .select([
      'd.id',
      'd.orgId',
      'd.eventId',
      'd.eventType',
      'd.payload',
      'd.occurredAt',
      'd.state',
      'd.attempts',
      'e.url',
      'e.secretWrapped',
      'e.previousSecretWrapped',
      'e.previousSecretUntil',
      'e.enabled',
    ])
    .where('d.id', '=', id)
    .forUpdate('d')
    .executeTakeFirst();
}

export async function recordAttempt(
  db: Executor,
  attempt: Insertable<WebhookAttemptsTable>,
  delivery: Updateable<WebhookDeliveriesTable>,
): Promise<void> {
  await db.insertInto('webhookAttempts').values(attempt).execute();
  await db.updateTable('webhookDeliveries').set(delivery).where('id', '=', attempt.deliveryId).execute();
}

export async function attemptsOf(db: Executor, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return db
    .selectFrom('webhookAttempts')
    .selectAll()
    .where('deliveryId', 'in', deliveryIds)
    .orderBy('deliveryId')
    .orderBy('number')
    .execute();
}

export async function markDeliveryPending(db: Executor, id: string, at: Date): Promise<void> {
  await db
    .updateTable('webhookDeliveries')
    .set({ state: 'pending', nextAttemptAt: at })
    .where('id', '=', id)
    .execute();
}
