// An organization's outbound webhooks (src/webhooks/routes.ts, docs/integrations.md): endpoints (the secret is in
// the reply to creating one, and never again), enabling and disabling, deleting, and each endpoint's delivery log
// with "Redeliver". Shapes come from the OpenAPI description.
import { useQuery } from '@tanstack/react-query';
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';
import { useChangeThenReread } from './mutations.ts';

export type WebhookEndpoint = Item<ApiResult<'getOrgsByOrgIdWebhooks'>['items']>;
export type CreatedWebhookEndpoint = ApiResult<'postOrgsByOrgIdWebhooks'>;
export type RotatedWebhookSecret = ApiResult<'postOrgsByOrgIdWebhooksByIdRotateSecret'>;
export type NewWebhookEndpoint = ApiBody<'postOrgsByOrgIdWebhooks'>;
export type WebhookDelivery = Item<ApiResult<'getOrgsByOrgIdWebhooksByIdDeliveries'>['items']>;
export type WebhookEventType = NewWebhookEndpoint['events'][number];

/** The events an endpoint may ask for, in the order the form lists them (src/webhooks/model.ts). */
export const WEBHOOK_EVENTS: readonly WebhookEventType[] = [
  'award.offered',
  'award.accepted',
  'award.declined',
  'award.revoked',
  'award.suspended',
  'award.renewed',
  'award.expired',
  'course.completed',
  'evidence.submitted',
  'evidence.reviewed',
  'order.paid',
  'order.refunded',
];

/** How many deliveries the log shows (the API's default page). */
export const DELIVERY_LOG_SIZE = 50;

const base = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/webhooks`;

export const webhookKeys = {
  all: (orgId: string) => ['webhooks', orgId] as const,
  endpoints: (orgId: string) => ['webhooks', orgId, 'endpoints'] as const,
  deliveries: (orgId: string, endpointId: string, limit: number) =>
    ['webhooks', orgId, 'deliveries', endpointId, limit] as const,
};

export const webhooksApi = {
  endpoints: (orgId: string) => api<ApiResult<'getOrgsByOrgIdWebhooks'>>(base(orgId)),
  create: (orgId: string, body: NewWebhookEndpoint) =>
    api<CreatedWebhookEndpoint>(base(orgId), { method: 'POST', body }),
  setEnabled: (orgId: string, id: string, enabled: boolean) =>
    api<WebhookEndpoint>(`${base(orgId)}/${encodeURIComponent(id)}`, { method: 'PATCH', body: { enabled } }),
  rotateSecret: (orgId: string, id: string) =>
    api<RotatedWebhookSecret>(`${base(orgId)}/${encodeURIComponent(id)}/rotate-secret`, { method: 'POST' }),
  remove: (orgId: string, id: string) =>
    api<undefined>(`${base(orgId)}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  deliveries: (orgId: string, id: string, limit: number) =>
    api<ApiResult<'getOrgsByOrgIdWebhooksByIdDeliveries'>>(
      `${base(orgId)}/${encodeURIComponent(id)}/deliveries?limit=${limit}`,
    ),
  redeliver: (orgId: string, id: string, deliveryId: string) =>
    api<WebhookDelivery>(
      `${base(orgId)}/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
      { method: 'POST' },
    ),
};

export function useWebhookEndpoints(orgId: string) {
  return useQuery({ queryKey: webhookKeys.endpoints(orgId), queryFn: () => webhooksApi.endpoints(orgId) });
}

/**
 * The newest `limit` deliveries of an endpoint. While one is pending, or `watching` (a redelivery of a delivered
 * one, which stays delivered, was asked for and its attempt is not in the log yet), the log is read again.
 */
export function useDeliveries(orgId: string, endpointId: string, limit: number, watching = false) {
  return useQuery({
    queryKey: webhookKeys.deliveries(orgId, endpointId, limit),
    queryFn: () => webhooksApi.deliveries(orgId, endpointId, limit),
    refetchInterval: (query) =>
      watching ? 1_000 : query.state.data?.items.some((d) => d.state === 'pending') ? 3_000 : false,
  });
}

/** A change to the organization's webhooks, after which every list of them is read again. */
export function useWebhookChange<I, O>(
  orgId: string,
  mutationFn: (input: I) => Promise<O>,
  onDone?: (result: O, input: I) => void,
) {
  return useChangeThenReread(webhookKeys.all(orgId), mutationFn, onDone);
}

/** The last attempt's status code of a delivery, or null when none answered (or none was made yet). */
export function lastStatusCode(delivery: WebhookDelivery): number | null {
  return delivery.attempts.at(-1)?.statusCode ?? null;
}
