// Public face of the mail context.
export { deliverMailBatchJob, deliverMailJob } from './jobs.ts';
export { mailRoutes } from './routes.ts';
export { type MailRequest, queueMail, queueMails } from './service.ts';
export type { MailAttachment } from './tables.ts';
export type { MailTemplate } from './templates.ts';
export { createMailTransport, type MailTransport } from './transport.ts';
