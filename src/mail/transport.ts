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

/**
 * Milliseconds. nodemailer waits up to 2 minutes to connect and 10 minutes on a silent socket; these keep
 * one delivery well under the delivery job's expiry (jobs.ts DELIVERY_EXPIRY_SECONDS), so a delivery
 * still running at its expiry is one a crash cut off, and is retried.
 */
export const SMTP_TIMEOUTS = {
  /** Covers DNS, the TCP connection, and the server's greeting (nodemailer caps greetingTimeout by it). */
  connectionTimeout: 20_000,
  greetingTimeout: 15_000,
  dnsTimeout: 10_000,
  /** Longest silence of the server during a command. */
  socketTimeout: 30_000,
} as const;

export function createMailTransport(smtpUrl: string | undefined): MailTransport {
  if (!smtpUrl) {
    return { kind: 'outbox', async deliver() {}, close() {} };
  }
  // Options in SMTP_URL's query (e.g. ?socketTimeout=60000) take precedence over these defaults.
  const transporter = nodemailer.createTransport({ ...SMTP_TIMEOUTS, url: smtpUrl });
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
