// One attempt to deliver: sign, POST through the SSRF-guarded client with a deadline, log the outcome, then
// either mark it delivered, schedule the next attempt with exponential backoff, or leave it failed.
// The request runs outside any transaction (PGlite is one connection; a slow receiver must not hold it).
import { decryptSecretKey } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import type { DeliverWebhookPayload } from './jobs.ts';
import { deliverWebhookJob } from './jobs.ts';
import {
  DELIVERY_TIMEOUT_MS,
  MAX_ATTEMPTS,
  retryDelaySeconds,
  signedRequest,
  signingSecrets,
  truncatedBody,
} from './model.ts';
import { lockDeliveryForSending, recordAttempt } from './store.ts';

interface Outcome {
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
  ok: boolean;
}

async function send(
  deps: Deps,
  target: { url: string; secrets: string[] },
  event: Parameters<typeof signedRequest>[1],
  sentAt: Date,
) {
  const request = signedRequest(target.secrets, event, sentAt);
  const allowPrivate = deps.config.verifyAllowPrivate;
  const result = await safeFetch(target.url, {
    method: 'POST',
    body: request.body,
    headers: request.headers,
    accept: ['*/*'],
    timeoutMs: DELIVERY_TIMEOUT_MS,
    maxBytes: 64_000,
    ...(allowPrivate ? { allowPrivate, allowHosts: deps.config.verifyAllowHosts ?? [] } : {}),
  });
  if (result.ok) {
    return { ok: true, statusCode: result.status, error: null, responseBody: truncatedBody(result.body) };
  }
  return {
    ok: false,
    statusCode: result.status ?? null,
    error: `${result.code}: ${result.reason}`,
    responseBody: truncatedBody(result.body),
  } satisfies Outcome;
}

export async function attemptDelivery(deps: Deps, job: DeliverWebhookPayload): Promise<void> {
  const delivery = await lockDeliveryForSending(deps.db, job.deliveryId);
  if (!delivery) return; // the endpoint was deleted since
  if (!job.manual && (delivery.state !== 'pending' || !delivery.enabled)) return;
  const startedAt = deps.now();
  const clock = performance.now();
  const unwrap = (wrapped: string) => decryptSecretKey(deps.secrets.keyEncryptionKey, wrapped);
  const secrets = signingSecrets(
    unwrap(delivery.secretWrapped),
    {
      secret: delivery.previousSecretWrapped ? unwrap(delivery.previousSecretWrapped) : null,
      until: delivery.previousSecretUntil,
    },
    startedAt,
  );
  const outcome = await send(
    deps,
    { url: delivery.url, secrets },
    {
      id: delivery.eventId,
      type: delivery.eventType,
      occurredAt: delivery.occurredAt,
      data: delivery.payload,
    },
    startedAt,
  );
  const durationMs = Math.round(performance.now() - clock);
  await deps.db.transaction().execute(async (trx) => {
    const current = await lockDeliveryForSending(trx, job.deliveryId);
    if (!current) return;
    const number = current.attempts + 1;
    const retry = !outcome.ok && !job.manual && job.attempt < MAX_ATTEMPTS;
    const nextAt = retry
      ? new Date(
          deps.now().getTime() + retryDelaySeconds(deps.config.webhookRetrySeconds, job.attempt) * 1000,
        )
      : null;
    const state = outcome.ok || current.state === 'delivered' ? 'delivered' : retry ? 'pending' : 'failed';
    await recordAttempt(
      trx,
      {
        deliveryId: current.id,
        number,
        startedAt,
        durationMs,
        statusCode: outcome.statusCode,
        error: outcome.error,
        responseBody: outcome.responseBody,
        manual: job.manual,
      },
      {
        attempts: number,
        state,
        nextAttemptAt: nextAt,
        ...(outcome.ok ? { deliveredAt: deps.now() } : {}),
      },
    );
    if (nextAt) {
      await deps.jobs.enqueue(
        trx,
        deliverWebhookJob,
        { deliveryId: current.id, attempt: job.attempt + 1, manual: false },
        { idempotencyKey: `${current.id}:${job.attempt + 1}`, startAfter: nextAt },
      );
    }
  });
  if (!outcome.ok) {
    deps.log.info(
      { delivery: delivery.id, attempt: job.attempt, status: outcome.statusCode, error: outcome.error },
      'webhook delivery refused',
    );
  }
}
