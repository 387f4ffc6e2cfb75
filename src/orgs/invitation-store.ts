// SQL of member invitations. Every query of one organization's invitations takes its orgId; the token
// hash alone finds an invitation only for the person holding the mailed link.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { OrgInvitationsTable } from './tables.ts';

export type InvitationRow = Selectable<OrgInvitationsTable>;

/** A new invitation, or a fresh link and role for the address's earlier one (the old link stops working). */
export async function upsertInvitation(
  db: Executor,
  row: Insertable<OrgInvitationsTable> & { createdAt: Date },
): Promise<InvitationRow> {
  return db
    .insertInto('orgInvitations')
    .values({ ...row, acceptedAt: null, acceptedBy: null })
    .onConflict((oc) =>
      oc.columns(['orgId', 'email']).doUpdateSet({
        role: row.role,
        tokenHash: row.tokenHash,
        invitedBy: row.invitedBy ?? null,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
        acceptedAt: null,
        acceptedBy: null,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Invitations not accepted yet (expired ones too: the list says so), newest first. */
export async function openInvitations(db: Executor, orgId: string): Promise<InvitationRow[]> {
  return db
    .selectFrom('orgInvitations')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('acceptedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
}

export async function deleteOpenInvitation(db: Executor, orgId: string, id: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('orgInvitations')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('acceptedAt', 'is', null)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

export async function findInvitationByHash(
  db: Executor,
  tokenHash: string,
  forUpdate = false,
): Promise<InvitationRow | undefined> {
  const query = db.selectFrom('orgInvitations').selectAll().where('tokenHash', '=', tokenHash);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function markAccepted(db: Executor, id: string, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('orgInvitations')
    .set({ acceptedAt: at, acceptedBy: userId })
    .where('id', '=', id)
    .execute();
}
