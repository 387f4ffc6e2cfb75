// Replies of the mail routes, built by presenters (explicit fields only).
import { z } from 'zod';
import type { MailMessageRow } from './store.ts';

const attachmentSchema = z.object({
  /** Its position in the message: GET /outbox/{id}/attachments/{index} downloads it. */
  index: z.number().int(),
  filename: z.string(),
  contentType: z.string(),
  /** Bytes. */
  size: z.number().int(),
});

/** Names and sizes only: the content is downloaded one file at a time. */
function presentAttachments(row: MailMessageRow): z.infer<typeof attachmentSchema>[] {
  return (row.attachments ?? []).map((file, index) => ({
    index,
    filename: file.filename,
    contentType: file.contentType,
    size: Buffer.byteLength(file.contentBase64, 'base64'),
  }));
}

const summarySchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  transport: z.enum(['outbox', 'smtp']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  attachments: z.array(attachmentSchema),
});

export const outboxMessageSummary = {
  schema: summarySchema,
  present: (row: MailMessageRow): z.infer<typeof summarySchema> => ({
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    status: row.status,
    transport: row.transport,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    attachments: presentAttachments(row),
  }),
};

const messageSchema = summarySchema.extend({
  text: z.string(),
  html: z.string(),
  lastError: z.string().nullable(),
});

export const outboxMessage = {
  schema: messageSchema,
  present: (row: MailMessageRow): z.infer<typeof messageSchema> => ({
    ...outboxMessageSummary.present(row),
    text: row.textBody,
    html: row.htmlBody,
    lastError: row.lastError,
  }),
};
