// Pure rules of outbound webhooks: the events an endpoint may ask for, its URL, its secret, the Standard
// Webhooks signature (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md)
// and the retry schedule. No I/O.
import { createHmac, randomBytes } from 'node:crypto';
import type { FieldProblem } from '../errors.ts';

export const WEBHOOK_EVENT_TYPES = [
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
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Attempts in all (the first and four retries) before a delivery is left as failed, to be redelivered by hand. */
export const MAX_ATTEMPTS = 5;
/** One attempt's deadline: a slow receiver cannot hold a worker. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** What the log keeps of a receiver's answer. */
export const RESPONSE_BODY_LIMIT = 1_000;
export const URL_MAX = 2_000;
/** After a rotation the replaced secret keeps signing, alongside the new one, this long. */
export const SECRET_GRACE_MS = 24 * 3_600_000;

/** The delay before retry `attempt + 1` after `attempt` failed: base, then four times longer each time. */
export function retryDelaySeconds(baseSeconds: number, attempt: number): number {
  return baseSeconds * 4 ** Math.max(0, attempt - 1);
}

/** `whsec_` + base64 of 24 random bytes, as the Standard Webhooks libraries expect it. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under the secret's decoded bytes. */
export function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * The secrets a delivery sent at `at` is signed with: the current one, and the one a rotation replaced while its
 * grace lasts (the receiver may still know only that one).
 */
export function signingSecrets(
  current: string,
  previous: { secret: string | null; until: Date | null },
  at: Date,
): string[] {
  const inGrace =
    previous.secret !== null && previous.until !== null && previous.until.getTime() > at.getTime();
  return inGrace ? [current, previous.secret as string] : [current];
}

/**
 * The request body `{type, timestamp, data}` and the three Standard Webhooks headers; `webhook-signature` holds one
 * `v1,…` signature per secret, space-separated (a receiver accepts the call when any of them verifies).
 */
export function signedRequest(
  secrets: readonly string[],
  event: { id: string; type: string; occurredAt: Date; data: Record<string, unknown> },
  sentAt: Date,
): SignedRequest {
  const body = JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: event.data,
  });
  const timestamp = Math.floor(sentAt.getTime() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': secrets.map((secret) => signature(secret, event.id, timestamp, body)).join(' '),
    },
  };
}

/**
 * Why an endpoint URL is refused (the `url` field's problem), or null. https only; http only where the SSRF guard's test allowance
 * (VERIFY_ALLOW_PRIVATE with VERIFY_ALLOW_HOSTS) names the host. Addresses are checked again on every delivery.
 */
export function urlProblem(
  input: string,
  allowance: { allowPrivate: boolean; allowHosts: string[] | undefined },
): FieldProblem | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { path: 'url', message: 'must be an absolute URL', code: 'absolute-url' };
  }
  if (url.username || url.password)
    return { path: 'url', message: 'must not carry a user name or password', code: 'url-user-password' };
  const allowedHost =
    allowance.allowPrivate && (allowance.allowHosts ?? []).includes(url.hostname.toLowerCase());
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && allowedHost) return null;
  return { path: 'url', message: 'must be an https URL', code: 'https-url' };
}

/** The first bytes of a receiver's answer, as text, for the delivery log. */
export function truncatedBody(body: Buffer | undefined): string | null {
  if (!body || body.length === 0) return null;
  return body.subarray(0, RESPONSE_BODY_LIMIT).toString('utf8');
}
