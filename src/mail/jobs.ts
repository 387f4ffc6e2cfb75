// The mail jobs: deliver one recorded message, or a batch of them (bulk awards queue one job per batch:
// a job row costs the database far more than a message row). Retried with back-off; a message already
// sent is skipped, so a retry after a crash between "sent" and "completed" does not mail twice.
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { JobDefinition } from '../jobs/queue.ts';
import { findMessage, markSent, recordFailure, recordFinalFailures } from './store.ts';

/** Most messages one batch job delivers. */
export const MESSAGES_PER_DELIVERY_JOB = 100;

/**
 * One delivery attempt ends within the SMTP transport's timeouts (transport.ts SMTP_TIMEOUTS, under a
 * minute), so an attempt still running after this was cut off by a crash and is retried.
 */
export const DELIVERY_EXPIRY_SECONDS = 90;

/** A batch job may run long; its worker's heartbeat says it is alive, its silence that it crashed. */
export const DELIVERY_BATCH_HEARTBEAT_SECONDS = 30;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Sends a recorded message unless it was sent already; a failure is recorded on it, then thrown. */
async function deliverMessage(deps: Deps, messageId: string): Promise<void> {
  const message = await findMessage(deps.db, messageId);
  if (!message || message.status === 'sent') return;
  if (message.transport === 'smtp') {
    try {
      await deps.mail.deliver({
        from: deps.config.mail.from,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody,
        messageId: `<${message.id}@tessera>`,
        attachments: (message.attachments ?? []).map((file) => ({
          filename: file.filename,
          contentType: file.contentType,
          content: Buffer.from(file.contentBase64, 'base64'),
        })),
      });
    } catch (error) {
      await recordFailure(deps.db, messageId, errorText(error), false);
      throw error;
    }
  }
  await markSent(deps.db, messageId, deps.now());
}

export const deliverMailJob: JobDefinition<{ messageId: string }> = {
  name: 'mail.deliver',
  payload: z.object({ messageId: z.uuid() }),
  retryLimit: 5,
  retryDelaySeconds: 10,
  expireInSeconds: DELIVERY_EXPIRY_SECONDS,
  handle: (deps, { messageId }) => deliverMessage(deps, messageId),
  async onFailed(deps, { messageId }, error) {
    await recordFailure(deps.db, messageId, errorText(error), true);
  },
};

export const deliverMailBatchJob: JobDefinition<{ messageIds: string[] }> = {
  name: 'mail.deliver-batch',
  payload: z.object({ messageIds: z.array(z.uuid()).min(1).max(MESSAGES_PER_DELIVERY_JOB) }),
  retryLimit: 5,
  retryDelaySeconds: 10,
  // Bounded by its messages' timeouts, not by one delivery's.
  expireInSeconds: MESSAGES_PER_DELIVERY_JOB * DELIVERY_EXPIRY_SECONDS,
  heartbeatSeconds: DELIVERY_BATCH_HEARTBEAT_SECONDS,
  /** One undeliverable message does not hold back the others; the job is retried for it after the rest. */
  async handle(deps, { messageIds }) {
    const failures: unknown[] = [];
    for (const messageId of messageIds) {
      try {
        await deliverMessage(deps, messageId);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  },
  async onFailed(deps, { messageIds }, error) {
    await recordFinalFailures(deps.db, messageIds, errorText(error));
  },
};
