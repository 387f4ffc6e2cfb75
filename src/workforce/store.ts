// SQL of people and consent: every query names its organization (employer side) or its person (employee
// side). The badges a consent shows are read in shared-store.ts.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import { forgetVisible, refreshVisible } from './analytics-visible.ts';
import type { Consent } from './model.ts';
import type { EmployeeStatus, WorkforceEmployeesTable } from './tables.ts';

export type EmployeeRow = Selectable<WorkforceEmployeesTable>;

export async function findEmployeeByEmail(
  db: Executor,
  orgId: string,
  email: string,
): Promise<EmployeeRow | undefined> {
  return db
    .selectFrom('workforceEmployees')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('invitedEmail', '=', email)
    .forUpdate()
    .executeTakeFirst();
}

/** A new invitation, or a fresh one for a row that was invited, withdrawn or removed before. */
export async function upsertInvitation(
  db: Executor,
  row: Insertable<WorkforceEmployeesTable> & { invitedAt: Date },
): Promise<EmployeeRow> {
  return db
    .insertInto('workforceEmployees')
    .values({ ...row, status: 'invited', userId: null, acceptedAt: null, withdrawnAt: null })
    .onConflict((oc) =>
      oc.columns(['orgId', 'invitedEmail']).doUpdateSet({
        status: 'invited',
        userId: null,
        inviteTokenHash: row.inviteTokenHash ?? null,
        invitedBy: row.invitedBy ?? null,
        invitedAt: row.invitedAt,
        acceptedAt: null,
        withdrawnAt: null,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findEmployee(
  db: Executor,
  orgId: string,
  employeeId: string,
): Promise<EmployeeRow | undefined> {
  return db
    .selectFrom('workforceEmployees')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', employeeId)
    .executeTakeFirst();
}

export async function findInvitationByHash(
  db: Executor,
  tokenHash: string,
  lock = false,
): Promise<EmployeeRow | undefined> {
  const query = db
    .selectFrom('workforceEmployees')
    .selectAll()
    .where('inviteTokenHash', '=', tokenHash)
    .where('status', '=', 'invited');
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The person's row at an employer, whatever its status. */
export async function findEmploymentOf(
  db: Executor,
  orgId: string,
  userId: string,
  lock = false,
): Promise<EmployeeRow | undefined> {
  const query = db
    .selectFrom('workforceEmployees')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('userId', '=', userId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** An ended row of the same person at the same employer lets go of the account before another is accepted. */
export async function detachUser(db: Executor, employeeId: string): Promise<void> {
  await db.updateTable('workforceEmployees').set({ userId: null }).where('id', '=', employeeId).execute();
}

export async function activate(
  db: Executor,
  employeeId: string,
  userId: string,
  at: Date,
): Promise<EmployeeRow> {
  return db
    .updateTable('workforceEmployees')
    .set({ userId, status: 'active', acceptedAt: at, inviteTokenHash: null, withdrawnAt: null })
    .where('id', '=', employeeId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Ends sharing: the status changes and every consent row of the person at the employer goes, together. */
export async function endSharing(
  db: Executor,
  row: EmployeeRow,
  status: Extract<EmployeeStatus, 'withdrawn' | 'removed'>,
  at: Date,
): Promise<void> {
  await db
    .updateTable('workforceEmployees')
    .set({ status, withdrawnAt: at, inviteTokenHash: null })
    .where('id', '=', row.id)
    .execute();
  if (row.userId) await deleteConsent(db, row.orgId, row.userId);
}

async function deleteConsent(db: Executor, orgId: string, userId: string): Promise<void> {
  for (const table of ['workforceSharedAwards', 'workforceSharedImports', 'workforceConsents'] as const) {
    await db.deleteFrom(table).where('orgId', '=', orgId).where('userId', '=', userId).execute();
  }
  await forgetVisible(db, orgId, userId);
}

/** Replaces the whole consent of a person at an employer (its shared rows included). */
export async function saveConsent(
  db: Executor,
  orgId: string,
  userId: string,
  consent: Consent,
  at: Date,
): Promise<void> {
  await deleteConsent(db, orgId, userId);
  await db
    .insertInto('workforceConsents')
    .values({ orgId, userId, share: consent.share, includeImports: consent.includeImports, updatedAt: at })
    .execute();
  if (consent.awardIds.length > 0) {
    await db
      .insertInto('workforceSharedAwards')
      .values(consent.awardIds.map((awardId) => ({ orgId, userId, awardId })))
      .execute();
  }
  if (consent.importIds.length > 0) {
    await db
      .insertInto('workforceSharedImports')
      .values(consent.importIds.map((importId) => ({ orgId, userId, importId })))
      .execute();
  }
  // What the analytics read of their skills and awards follows in the same transaction.
  await refreshVisible(db, [userId], orgId);
}

export async function consentOf(db: Executor, orgId: string, userId: string): Promise<Consent | undefined> {
  const row = await db
    .selectFrom('workforceConsents')
    .select(['share', 'includeImports'])
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [awards, imports] = await Promise.all([
    db
      .selectFrom('workforceSharedAwards')
      .select('awardId')
      .where('orgId', '=', orgId)
      .where('userId', '=', userId)
      .orderBy('awardId')
      .execute(),
    db
      .selectFrom('workforceSharedImports')
      .select('importId')
      .where('orgId', '=', orgId)
      .where('userId', '=', userId)
      .orderBy('importId')
      .execute(),
  ]);
  return {
    share: row.share,
    includeImports: row.includeImports,
    awardIds: awards.map((a) => a.awardId),
    importIds: imports.map((i) => i.importId),
  };
}

export interface EmployeeListRow extends EmployeeRow {
  name: string | null;
}

/** The organization's people (removed ones left out), newest invitation first. */
export async function listEmployees(
  db: Executor,
  orgId: string,
  page: { limit: number; offset: number },
): Promise<{ items: EmployeeListRow[]; total: number }> {
  const base = db
    .selectFrom('workforceEmployees as e')
    .where('e.orgId', '=', orgId)
    .where('e.status', '<>', 'removed');
  const [items, count] = await Promise.all([
    base
      .leftJoin('users as u', 'u.id', 'e.userId')
      .selectAll('e')
      .select('u.name')
      .orderBy('e.invitedAt', 'desc')
      .orderBy('e.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** One person of the organization with the account's name (removed people are not found). */
export async function findEmployeeWithName(
  db: Executor,
  orgId: string,
  employeeId: string,
): Promise<EmployeeListRow | undefined> {
  return db
    .selectFrom('workforceEmployees as e')
    .leftJoin('users as u', 'u.id', 'e.userId')
    .selectAll('e')
    .select('u.name')
    .where('e.orgId', '=', orgId)
    .where('e.id', '=', employeeId)
    .where('e.status', '<>', 'removed')
    .executeTakeFirst();
}

/** The employers a person belongs to (or belonged to), with the organization's name. */
export async function employmentsOfUser(db: Executor, userId: string) {
  return db
    .selectFrom('workforceEmployees as e')
    .innerJoin('organizations as o', 'o.id', 'e.orgId')
    .selectAll('e')
    .select(['o.name as orgName', 'o.slug as orgSlug'])
    .where('e.userId', '=', userId)
    .orderBy('o.name')
    .execute();
}
