// SQL of the mail context.
import type { Insertable, Selectable } from 'kysely';
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

/** Many messages in one INSERT; returns the ids of those that did not exist yet (by idempotency key). */
export async function insertMessagesOnce(
  db: Executor,
  messages: Insertable<MailMessagesTable>[],
): Promise<string[]> {
  if (messages.length === 0) return [];
  const rows = await db
    .insertInto('mailMessages')
    .values(messages)
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .returning('id')
    .execute();
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

export async function listMessages(
  db: Executor,
  filter: { to?: string; limit: number; before?: Date },
): Promise<MailMessageRow[]> {
  let query = db
    .selectFrom('mailMessages')
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(filter.limit);
  if (filter.to) query = query.where('toAddress', '=', filter.to.toLowerCase());
  if (filter.before) query = query.where('createdAt', '<', filter.before);
  return query.execute();
}
