// Table types of the mail context: every message is recorded once (idempotency key), then delivered.
import type { ColumnType, Generated } from 'kysely';

export interface MailMessagesTable {
  id: Generated<string>;
  /** Unique: the same logical message (e.g. "verify email for token X") is never sent twice. */
  idempotencyKey: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  /** 'outbox' when no SMTP server is configured (the embedded default), else 'smtp'. */
  transport: 'outbox' | 'smtp';
  status: 'queued' | 'sent' | 'failed';
  attempts: Generated<number>;
  lastError: string | null;
  createdAt: ColumnType<Date, Date | undefined, never>;
  sentAt: Date | null;
  /**
   * The message holds a secret link (reset, confirmation, claim, attestation): only platform operators may
   * read it in the outbox. Decided by the template kind (templates.ts CARRIES_SECRET_LINK).
   */
  carriesSecret: boolean;
  /** Files sent with the message (receipts): base64 content. */
  attachments: ColumnType<MailAttachment[] | null, string | null | undefined, string | null>;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

export interface MailTables {
  mailMessages: MailMessagesTable;
}
