// Requests and replies of the webhooks API, and the presenters (the wrapped secret never leaves in a reply).
import { z } from 'zod';
import { URL_MAX, WEBHOOK_EVENT_TYPES } from './model.ts';
import type { DeliveryView } from './service.ts';
import type { EndpointRow } from './store.ts';

export const orgParams = z.strictObject({ orgId: z.uuid() });
export const endpointParams = z.strictObject({ orgId: z.uuid(), id: z.uuid() });
export const deliveryParams = z.strictObject({ orgId: z.uuid(), id: z.uuid(), deliveryId: z.uuid() });
export const deliveriesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

const eventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length);

export const endpointBody = z.strictObject({
  url: z.string().trim().min(1).max(URL_MAX),
  description: z.string().trim().max(200).optional(),
  events: eventTypes,
  enabled: z.boolean().optional(),
});

export const endpointPatch = z.strictObject({
  url: z.string().trim().min(1).max(URL_MAX).optional(),
  description: z.string().trim().max(200).optional(),
  events: eventTypes.optional(),
  enabled: z.boolean().optional(),
});

export const endpointReply = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  previousSecretExpiresAt: z.iso
    .datetime()
    .nullable()
    .describe('After a rotation: until when the replaced secret still signs alongside the new one'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const createdEndpointReply = endpointReply.extend({
  secret: z
    .string()
    .describe('`whsec_` + base64: shown this once; verify the webhook-signature header with it'),
});

export const rotatedSecretReply = endpointReply.extend({
  secret: z
    .string()
    .describe('The new `whsec_` secret: shown this once; the replaced one signs alongside it for 24 hours'),
});

/** The endpoint as its owners see it at `now` (a replaced secret's grace that has ended is not mentioned). */
export function presentEndpoint(row: EndpointRow, now: Date): z.infer<typeof endpointReply> {
  const graceUntil = row.previousSecretUntil;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    previousSecretExpiresAt:
      graceUntil && graceUntil.getTime() > now.getTime() ? graceUntil.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const attemptReply = z.object({
  number: z.number().int(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  responseBody: z.string().nullable().describe('The first 1,000 bytes of the answer'),
  manual: z.boolean(),
});

export const deliveryReply = z.object({
  id: z.uuid(),
  eventId: z.uuid().describe('The webhook-id header: the same on every retry and redelivery'),
  eventType: z.string(),
  payload: z.record(z.string(), z.unknown()),
  occurredAt: z.iso.datetime(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.array(attemptReply),
  nextAttemptAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
});

export function presentDelivery({ delivery, attempts }: DeliveryView): z.infer<typeof deliveryReply> {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    payload: delivery.payload,
    occurredAt: delivery.occurredAt.toISOString(),
    state: delivery.state,
    attempts: attempts.map((a) => ({
      number: a.number,
      startedAt: a.startedAt.toISOString(),
      durationMs: a.durationMs,
      statusCode: a.statusCode,
      error: a.error,
      responseBody: a.responseBody,
      manual: a.manual,
    })),
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  };
}
