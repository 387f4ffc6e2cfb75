// SQL of the mail context.
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { MailMessagesTable } from './tables.ts';

export type MailMessageRow = Selectable<MailMessagesTable>;

/** Inserts once per idempotency key; returns the id only when this call created the row. */
export async function insertMessageOnce(
  db: Executor,
  message: Insertable<MailMessagesTable>,
): Promise<string | undefined> {
  const row = await db
    .insertInto('mailMessages')
    .values(message)
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Many messages in one INSERT; returns the ids of those that did not exist yet (by idempotency key). The
 * rows travel as one JSON parameter (jsonb_to_recordset): cheaper than thousands of bound parameters.
 */
export async function insertMessagesOnce(
  db: Executor,
  messages: Insertable<MailMessagesTable>[],
): Promise<string[]> {
  if (messages.length === 0) return [];
  const records = messages.map((m) => ({
    idempotency_key: m.idempotencyKey,
    to_address: m.toAddress,
    subject: m.subject,
    text_body: m.textBody,
    html_body: m.htmlBody,
    transport: m.transport,
    status: m.status,
    carries_secret: m.carriesSecret,
    attachments: m.attachments ?? null,
  }));
  const { rows } = await sql<{ id: string }>`insert into mail_messages (idempotency_key, to_address, subject,
      text_body, html_body, transport, status, carries_secret, attachments)
    select idempotency_key, to_address, subject, text_body, html_body, transport, status, carries_secret,
      attachments::jsonb
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(idempotency_key text, to_address text,
      subject text, text_body text, html_body text, transport text, status text, carries_secret boolean,
      attachments text)
    on conflict (idempotency_key) do nothing
    returning id`.execute(db);
  return rows.map((row) => row.id);
}

export async function findMessage(db: Executor, id: string): Promise<MailMessageRow | undefined> {
  return db.selectFrom('mailMessages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markSent(db: Executor, id: string, at: Date): Promise<void> {
  await db
    .updateTable('mailMessages')
    .set((eb) => ({ status: 'sent', sentAt: at, lastError: null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function recordFailure(db: Executor, id: string, error: string, final: boolean): Promise<void> {
  await db
    .updateTable('mailMessages')
    .set((eb) => ({
      lastError: error,
      attempts: eb('attempts', '+', 1),
      ...(final ? { status: 'failed' as const } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

/** A batch job's last retry failed: every message of it not sent by then is marked failed. */
export async function recordFinalFailures(
  db: Executor,
  ids: readonly string[],
  error: string,
): Promise<void> {
  await db
    .updateTable('mailMessages')
    .set((eb) => ({ lastError: error, attempts: eb('attempts', '+', 1), status: 'failed' as const }))
    .where('id', 'in', [...ids])
    .where('status', '!=', 'sent')
    .execute();
}

export async function listMessages(
  db: Executor,
  filter: { to?: string; limit: number; before?: Date; withoutSecrets?: boolean },
): Promise<MailMessageRow[]> {
  let query = db
    .selectFrom('mailMessages')
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(filter.limit);
  if (filter.to) query = query.where('toAddress', '=', filter.to.toLowerCase());
  if (filter.before) query = query.where('createdAt', '<', filter.before);
  if (filter.withoutSecrets) query = query.where('carriesSecret', '=', false);
  return query.execute();
}
