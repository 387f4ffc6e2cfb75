// Table types of the webhooks context: endpoints, deliveries and their attempts (migrations 0043, 0049).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** Where an organization wants to hear of its events; the secret is stored wrapped, never returned after creation. */
export interface WebhookEndpointsTable {
  id: Generated<string>;
  orgId: string;
  url: string;
  description: ColumnType<string, string | undefined, string>;
  events: string[];
  secretWrapped: string;
  /** After a rotation, the secret it replaced: it signs alongside the new one until previousSecretUntil. */
  previousSecretWrapped: ColumnType<string | null, string | null | undefined, string | null>;
  previousSecretUntil: ColumnType<Date | null, Date | null | undefined, Date | null>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: CreatedAt;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** One event for one endpoint: created once (endpoint × event id), delivered at least once. */
export interface WebhookDeliveriesTable {
  id: Generated<string>;
  orgId: string;
  endpointId: string;
  /** The Standard Webhooks `webhook-id`: the same on every retry and redelivery. */
  eventId: string;
  eventType: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  occurredAt: Date;
  state: ColumnType<DeliveryState, DeliveryState | undefined, DeliveryState>;
  attempts: ColumnType<number, number | undefined, number>;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: CreatedAt;
}

/** The delivery log: every request made, its answer (body truncated) or why there was none. */
export interface WebhookAttemptsTable {
  id: Generated<string>;
  deliveryId: string;
  number: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
  manual: ColumnType<boolean, boolean | undefined, never>;
}

export interface WebhooksTables {
  webhookEndpoints: WebhookEndpointsTable;
  webhookDeliveries: WebhookDeliveriesTable;
  webhookAttempts: WebhookAttemptsTable;
}
