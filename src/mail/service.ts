// Use-cases of the mail context.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { deliverMailBatchJob, deliverMailJob, MESSAGES_PER_DELIVERY_JOB } from './jobs.ts';
import {
  findMessage,
  insertMessageOnce,
  insertMessagesOnce,
  listMessages,
  type MailMessageRow,
} from './store.ts';
import type { MailAttachment } from './tables.ts';
import { carriesSecretLink, type MailTemplate, renderMail } from './templates.ts';

export interface MailRequest {
  to: string;
  locale: string;
  template: MailTemplate;
  /** The same key never produces a second message (e.g. `verify-email:<token hash>`). */
  idempotencyKey: string;
  /** Files sent with the message (a receipt PDF); stored with it, so a retried delivery sends the same bytes. */
  attachments?: readonly MailAttachment[];
}

function attachmentsColumn(request: MailRequest): string | null {
  return request.attachments?.length ? JSON.stringify(request.attachments) : null;
}

/**
 * Records the message and enqueues its delivery in the caller's transaction: if the transaction
 * rolls back, no mail goes out; if the request is retried, the key keeps it to one message.
 */
export async function queueMail(deps: Deps, executor: Executor, request: MailRequest): Promise<void> {
  const rendered = renderMail(request.locale, request.template);
  const id = await insertMessageOnce(executor, {
    idempotencyKey: request.idempotencyKey,
    toAddress: request.to.toLowerCase(),
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
    transport: deps.mail.kind,
    status: 'queued',
    carriesSecret: carriesSecretLink(request.template),
    attachments: attachmentsColumn(request),
  });
  if (id) await deps.jobs.enqueue(executor, deliverMailJob, { messageId: id }, { idempotencyKey: id });
}

/**
 * queueMail for many messages (bulk awards), in the caller's transaction: one INSERT of the messages and
 * one delivery job per MESSAGES_PER_DELIVERY_JOB of them. A message belongs to one job only, so the job's
 * key is its first message's id.
 */
export async function queueMails(
  deps: Deps,
  executor: Executor,
  requests: readonly MailRequest[],
): Promise<void> {
  const ids = await insertMessagesOnce(
    executor,
    requests.map((request) => {
      const rendered = renderMail(request.locale, request.template);
      return {
        idempotencyKey: request.idempotencyKey,
        toAddress: request.to.toLowerCase(),
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
        transport: deps.mail.kind,
        status: 'queued' as const,
        carriesSecret: carriesSecretLink(request.template),
        attachments: attachmentsColumn(request),
      };
    }),
  );
  const jobs: { payload: { messageIds: string[] }; idempotencyKey: string }[] = [];
  for (let start = 0; start < ids.length; start += MESSAGES_PER_DELIVERY_JOB) {
    const messageIds = ids.slice(start, start + MESSAGES_PER_DELIVERY_JOB);
    jobs.push({ payload: { messageIds }, idempotencyKey: messageIds[0]! });
  }
  await deps.jobs.enqueueMany(executor, deliverMailBatchJob, jobs);
}

/**
 * What a caller may read of the outbox: operators everything; with OUTBOX_PUBLIC (a local trial on loopback)
 * anyone the mail without secret links; nobody else anything.
 */
function outboxView(deps: Deps, actor: Actor | null): 'everything' | 'without-secrets' {
  if (actor?.user.isOperator) return 'everything';
  if (deps.config.mail.outboxPublic) return 'without-secrets';
  throw new ForbiddenError('Only platform operators may read the outbox; log in as one.');
}

export async function listOutbox(
  deps: Deps,
  actor: Actor | null,
  filter: { to?: string; limit: number; before?: Date },
): Promise<MailMessageRow[]> {
  const view = outboxView(deps, actor);
  return listMessages(deps.db, { ...filter, withoutSecrets: view === 'without-secrets' });
}

/** A secret-carrying message is "not found" to a public reader, as if it did not exist. */
export async function getOutboxMessage(deps: Deps, actor: Actor | null, id: string): Promise<MailMessageRow> {
  const view = outboxView(deps, actor);
  const message = await findMessage(deps.db, id);
  if (!message || (view === 'without-secrets' && message.carriesSecret)) throw new NotFoundError('message');
  return message;
}

/** One attached file of a recorded message, decoded (the outbox lists only names and sizes). */
export async function getOutboxAttachment(
  deps: Deps,
  actor: Actor | null,
  id: string,
  index: number,
): Promise<{ filename: string; contentType: string; content: Buffer }> {
  const message = await getOutboxMessage(deps, actor, id);
  const file = message.attachments?.[index];
  if (!file) throw new NotFoundError('attachment');
  return {
    filename: file.filename,
    contentType: file.contentType,
    content: Buffer.from(file.contentBase64, 'base64'),
  };
}
