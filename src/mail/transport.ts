// Delivery: real SMTP through nodemailer when SMTP_URL is set; otherwise the message stays in the
// outbox table, which the app lists (the embedded default needs no mail server).
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Sent as Message-ID so a receiving server can spot a duplicate delivery after a retry. */
  messageId: string;
  attachments?: OutgoingAttachment[];
}

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MailTransport {
  kind: 'smtp' | 'outbox';
  deliver(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailTransport(smtpUrl: string | undefined): MailTransport {
  if (!smtpUrl) {
    return { kind: 'outbox', async deliver() {}, close() {} };
  }
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    async deliver(mail) {
      await transporter.sendMail({ ...mail });
    },
    close() {
      transporter.close();
    },
  };
}
