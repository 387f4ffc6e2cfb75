// The delivery job: one attempt per job. Retries are scheduled here (not by pg-boss) so the log and the
// delivery's next attempt say exactly what happens, and a manual redelivery is one more job of the same kind.
import { z } from 'zod';
import type { JobDefinition } from '../jobs/queue.ts';
import { attemptDelivery } from './delivery.ts';

const payload = z.object({
  deliveryId: z.uuid(),
  attempt: z.number().int().min(1),
  manual: z.boolean(),
});
export type DeliverWebhookPayload = z.infer<typeof payload>;

export const deliverWebhookJob: JobDefinition<DeliverWebhookPayload> = {
  name: 'webhooks.deliver',
  payload,
  retryLimit: 0,
  retryDelaySeconds: 1,
  expireInSeconds: 60,
  handle: (deps, job) => attemptDelivery(deps, job),
};
