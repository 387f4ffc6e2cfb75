// SQL of the identity context: users, their emails, single-use email tokens, sessions, API tokens.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type {
  ApiTokensTable,
  EmailTokensTable,
  PendingUserEmailsTable,
  SessionsTable,
  UserEmailsTable,
  UsersTable,
} from './tables.ts';

export type UserRow = Selectable<UsersTable>;
export type UserEmailRow = Selectable<UserEmailsTable>;
export type PendingEmailRow = Selectable<PendingUserEmailsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type EmailTokenRow = Selectable<EmailTokensTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

// ── users ────────────────────────────────────────────────────────────────────────────────

export async function insertUser(db: Executor, user: Insertable<UsersTable>): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export async function findUser(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUsers(db: Executor, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
}

export async function setPasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute();
}

// ── emails ───────────────────────────────────────────────────────────────────────────────

export async function insertEmail(db: Executor, email: Insertable<UserEmailsTable>): Promise<UserEmailRow> {
  return db.insertInto('userEmails').values(email).returningAll().executeTakeFirstOrThrow();
}

export async function findEmail(db: Executor, email: string): Promise<UserEmailRow | undefined> {
  return db.selectFrom('userEmails').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function emailsOfUser(db: Executor, userId: string): Promise<UserEmailRow[]> {
  return db
    .selectFrom('userEmails')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('isPrimary', 'desc')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function emailsOfUsers(db: Executor, userIds: readonly string[]): Promise<UserEmailRow[]> {
  if (userIds.length === 0) return [];
  return db.selectFrom('userEmails').selectAll().where('userId', 'in', userIds).execute();
}

export async function markEmailVerified(
  db: Executor,
  userId: string,
  email: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('userEmails')
    .set((eb) => ({ verifiedAt: eb.fn.coalesce('verifiedAt', eb.val(at)) }))
    .where('userId', '=', userId)
    .where('email', '=', email)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteEmail(db: Executor, userId: string, id: string): Promise<void> {
  await db.deleteFrom('userEmails').where('userId', '=', userId).where('id', '=', id).execute();
}

/** Two statements, since the partial unique index allows one primary per user at any moment. */
export async function makeEmailPrimary(db: Executor, userId: string, id: string): Promise<void> {
  await db.updateTable('userEmails').set({ isPrimary: false }).where('userId', '=', userId).execute();
  await db
    .updateTable('userEmails')
    .set({ isPrimary: true })
    .where('userId', '=', userId)
    .where('id', '=', id)
    .execute();
}

// ── pending emails (added, not confirmed yet; never used to find an account) ─────────────────

/** Adds the address to the account's pending ones, or returns the one already pending (a re-send). */
export async function upsertPendingEmail(
  db: Executor,
  pending: { userId: string; email: string; createdAt: Date },
): Promise<PendingEmailRow> {
  return db
    .insertInto('pendingUserEmails')
    .values(pending)
    .onConflict((oc) =>
      oc.columns(['userId', 'email']).doUpdateSet((eb) => ({ email: eb.ref('excluded.email') })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function pendingEmailsOfUser(db: Executor, userId: string): Promise<PendingEmailRow[]> {
  return db
    .selectFrom('pendingUserEmails')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** Removes the account's pending address; returns it when there was one. */
export async function deletePendingEmail(
  db: Executor,
  userId: string,
  by: { id: string } | { email: string },
): Promise<PendingEmailRow | undefined> {
  const query = db.deleteFrom('pendingUserEmails').where('userId', '=', userId);
  return ('id' in by ? query.where('id', '=', by.id) : query.where('email', '=', by.email))
    .returningAll()
    .executeTakeFirst();
}

/** What lists show: the account's addresses, then its pending ones (never verified, never primary). */
export async function accountEmailsOf(db: Executor, userId: string): Promise<UserEmailRow[]> {
  const held = await emailsOfUser(db, userId);
  const pending = await pendingEmailsOfUser(db, userId);
  return [...held, ...pending.map(pendingAsEmail)];
}

export function pendingAsEmail(row: PendingEmailRow): UserEmailRow {
  return { ...row, isPrimary: false, verifiedAt: null };
}

// ── single-use email tokens ────────────────────────────────────────────────────────────────

export async function insertEmailToken(db: Executor, token: Insertable<EmailTokensTable>): Promise<void> {
  await db.insertInto('emailTokens').values(token).execute();
}

/** Uses the token in one statement: a second use, a late use or a wrong purpose finds nothing. */
export async function consumeEmailToken(
  db: Executor,
  tokenHash: string,
  purpose: EmailTokensTable['purpose'],
  now: Date,
): Promise<EmailTokenRow | undefined> {
  return db
    .updateTable('emailTokens')
    .set({ usedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** Retires every unused token of a purpose (an older reset link must not outlive a completed reset). */
export async function retireEmailTokens(
  db: Executor,
  userId: string,
  purpose: EmailTokensTable['purpose'],
  now: Date,
): Promise<void> {
  await db
    .updateTable('emailTokens')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .execute();
}

export async function findEmailToken(db: Executor, tokenHash: string): Promise<EmailTokenRow | undefined> {
  return db.selectFrom('emailTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

// ── sessions ─────────────────────────────────────────────────────────────────────────────

export async function insertSession(db: Executor, session: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function findSession(db: Executor, idHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('idHash', '=', idHash).executeTakeFirst();
}

export async function touchSession(
  db: Executor,
  idHash: string,
  lastSeenAt: Date,
  expiresAt: Date,
): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt, expiresAt }).where('idHash', '=', idHash).execute();
}

export async function setSessionOrganization(
  db: Executor,
  idHash: string,
  orgId: string | null,
): Promise<void> {
  await db.updateTable('sessions').set({ activeOrgId: orgId }).where('idHash', '=', idHash).execute();
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string, keepIdHash?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('userId', '=', userId);
  if (keepIdHash) query = query.where('idHash', '!=', keepIdHash);
  await query.execute();
}

// ── API tokens ───────────────────────────────────────────────────────────────────────────

export async function insertApiToken(db: Executor, token: Insertable<ApiTokensTable>): Promise<ApiTokenRow> {
  return db.insertInto('apiTokens').values(token).returningAll().executeTakeFirstOrThrow();
}

export async function findApiTokenByHash(db: Executor, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function apiTokensOfUser(db: Executor, userId: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('apiTokens')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
}

export async function revokeApiToken(db: Executor, userId: string, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('apiTokens')
    .set((eb) => ({ revokedAt: eb.fn.coalesce('revokedAt', eb.val(at)) }))
    .where('userId', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markApiTokenUsed(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
}
