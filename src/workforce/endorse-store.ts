// SQL of endorsements and congratulations: the employer's side names its organization and person, the
// employee's side the account, the public side an award or an endorsement id.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { EndorsementKind, WorkforceEndorsementsTable } from './tables.ts';

export type EndorsementRow = Selectable<WorkforceEndorsementsTable>;

/** A row with the names people read: the badge's and the employer's. */
export interface EndorsementListRow {
  id: string;
  orgId: string;
  orgName: string;
  employeeId: string;
  awardId: string;
  badgeName: string;
  kind: EndorsementKind;
  comment: string;
  authorName: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function insertEndorsement(
  db: Executor,
  row: Omit<Insertable<WorkforceEndorsementsTable>, 'credential'> & {
    credential: Record<string, unknown> | null;
  },
): Promise<EndorsementRow> {
  return db
    .insertInto('workforceEndorsements')
    .values({ ...row, credential: row.credential ? JSON.stringify(row.credential) : null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function listed(db: Executor) {
  return db
    .selectFrom('workforceEndorsements as n')
    .innerJoin('awards as a', 'a.id', 'n.awardId')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .innerJoin('organizations as o', 'o.id', 'n.orgId')
    .select([
      'n.id',
      'n.orgId',
      'o.name as orgName',
      'n.employeeId',
      'n.awardId',
      'v.name as badgeName',
      'n.kind',
      'n.comment',
      'n.authorName',
      'n.createdAt',
      'n.revokedAt',
    ]);
}

/** Everything the employer wrote to one person, newest first (withdrawn ones too). */
export async function endorsementsOfEmployee(
  db: Executor,
  orgId: string,
  employeeId: string,
): Promise<EndorsementListRow[]> {
  return listed(db)
    .where('n.orgId', '=', orgId)
    .where('n.employeeId', '=', employeeId)
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id')
    .execute();
}

/** What a person received and still stands (withdrawn ones are gone), newest first; one award when given. */
export async function endorsementsOfUser(
  db: Executor,
  userId: string,
  awardId?: string,
): Promise<EndorsementListRow[]> {
  let query = listed(db).where('n.userId', '=', userId).where('n.revokedAt', 'is', null);
  if (awardId) query = query.where('n.awardId', '=', awardId);
  return query.orderBy('n.createdAt', 'desc').orderBy('n.id').execute();
}

/** The signed endorsements of an award that stand: what its public page shows. */
export async function publicEndorsementsOfAward(
  db: Executor,
  awardId: string,
): Promise<EndorsementListRow[]> {
  return listed(db)
    .where('n.awardId', '=', awardId)
    .where('n.kind', '=', 'endorsement')
    .where('n.revokedAt', 'is', null)
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id')
    .execute();
}

export async function findEndorsement(
  db: Executor,
  orgId: string,
  employeeId: string,
  id: string,
): Promise<EndorsementRow | undefined> {
  return db
    .selectFrom('workforceEndorsements')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('employeeId', '=', employeeId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The signed credential of an endorsement, withdrawn or not (its status says which). */
export async function hostedEndorsement(
  db: Executor,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('workforceEndorsements')
    .select('credential')
    .where('id', '=', id)
    .where('kind', '=', 'endorsement')
    .executeTakeFirst();
  return row?.credential ?? undefined;
}

export async function markRevoked(db: Executor, id: string, at: Date): Promise<void> {
  await db
    .updateTable('workforceEndorsements')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute();
}

/** The award's credential and badge name, as the endorsement needs them. */
export async function endorsedAward(db: Executor, awardId: string) {
  return db
    .selectFrom('awards as a')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .select(['a.id', 'a.credentialId', 'v.name as badgeName'])
    .where('a.id', '=', awardId)
    .executeTakeFirst();
}
