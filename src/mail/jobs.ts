// The one mail job: deliver a recorded message. Retried with back-off; a message already sent is skipped,
// so a retry after a crash between "sent" and "completed" does not mail twice.
import { z } from 'zod';
import type { JobDefinition } from '../jobs/queue.ts';
import { findMessage, markSent, recordFailure } from './store.ts';

export const deliverMailJob: JobDefinition<{ messageId: string }> = {
  name: 'mail.deliver',
  payload: z.object({ messageId: z.uuid() }),
  retryLimit: 5,
  retryDelaySeconds: 10,
  async handle(deps, { messageId }) {
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
        await recordFailure(
          deps.db,
          messageId,
          error instanceof Error ? error.message : String(error),
          false,
        );
        throw error;
      }
    }
    await markSent(deps.db, messageId, deps.now());
  },
  async onFailed(deps, { messageId }, error) {
    await recordFailure(deps.db, messageId, error instanceof Error ? error.message : String(error), true);
  },
};
