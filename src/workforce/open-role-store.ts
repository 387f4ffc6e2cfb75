// Open roles, job-matching opt-ins and applications in the database. The employer's queries name the
// organization (another organization's id reads as missing); the learner's name the user, so a person only
// ever reads and writes their own opt-in and applications.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Skill } from '../skills/index.ts';
import type { RoleSkill } from './role-model.ts';

export interface OpenRoleRow {
  id: string;
  orgId: string;
  roleId: string;
  roleName: string;
  title: string;
  description: string;
  location: string | null;
  publishedAt: Date;
  updatedAt: Date;
}

export interface OpenRoleWithSkills extends OpenRoleRow {
  orgName: string;
  skills: RoleSkill[];
}

export interface OpenRoleWrite {
  roleId: string;
  title: string;
  description: string;
  location: string | null;
}

function openRoles(db: Executor) {
  return db
    .selectFrom('workforceOpenRoles as o')
    .innerJoin('workforceRoleProfiles as r', 'r.id', 'o.roleId')
    .innerJoin('organizations as g', 'g.id', 'o.orgId')
    .select([
      'o.id',
      'o.orgId',
      'o.roleId',
      'r.name as roleName',
      'o.title',
      'o.description',
      'o.location',
      'o.publishedAt',
      'o.updatedAt',
      'g.name as orgName',
      'r.skills',
    ]);
}

export async function insertOpenRole(
  db: Executor,
  orgId: string,
  input: OpenRoleWrite & { publishedBy: string },
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto('workforceOpenRoles')
    .values({ orgId, ...input, publishedAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOpenRole(
  db: Executor,
  orgId: string,
  id: string,
  input: OpenRoleWrite,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .updateTable('workforceOpenRoles')
    .set({ ...input, updatedAt: now })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Closing deletes the open role; its applications (and the badges they showed) go with it. */
export async function deleteOpenRole(db: Executor, orgId: string, id: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('workforceOpenRoles')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

export async function findOpenRoleOfOrg(
  db: Executor,
  orgId: string,
  id: string,
): Promise<OpenRoleWithSkills | undefined> {
  return openRoles(db).where('o.orgId', '=', orgId).where('o.id', '=', id).executeTakeFirst();
}

/** Any employer's open role (the learner's side). */
export async function findOpenRole(db: Executor, id: string): Promise<OpenRoleWithSkills | undefined> {
  return openRoles(db).where('o.id', '=', id).where('g.kind', '=', 'employer').executeTakeFirst();
}

/** Every open role on the server (only employers publish them). */
export async function allOpenRoles(db: Executor): Promise<OpenRoleWithSkills[]> {
  return openRoles(db).where('g.kind', '=', 'employer').orderBy('o.publishedAt', 'desc').execute();
}

/** The organization's open roles, newest first, with how many people applied to each. */
export async function openRolesOfOrg(
  db: Executor,
  orgId: string,
): Promise<Array<OpenRoleRow & { applications: number }>> {
  const rows = await db
    .selectFrom('workforceOpenRoles as o')
    .innerJoin('workforceRoleProfiles as r', 'r.id', 'o.roleId')
    .select([
      'o.id',
      'o.orgId',
      'o.roleId',
      'r.name as roleName',
      'o.title',
      'o.description',
      'o.location',
      'o.publishedAt',
      'o.updatedAt',
      (eb) =>
        eb
          .selectFrom('workforceOpenRoleApplications as a')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('a.openRoleId', '=', 'o.id')
          .as('applications'),
    ])
    .where('o.orgId', '=', orgId)
    .orderBy('o.publishedAt', 'desc')
    .orderBy('o.id')
    .execute();
  return rows.map((row) => ({ ...row, applications: Number(row.applications ?? 0) }));
}

// Job matching: a row while opted in.

export async function optedInAt(db: Executor, userId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('workforceJobMatching')
    .select('optedInAt')
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row?.optedInAt ?? null;
}

export async function optIn(db: Executor, userId: string, now: Date): Promise<void> {
  await db
    .insertInto('workforceJobMatching')
    .values({ userId, optedInAt: now })
    .onConflict((oc) => oc.column('userId').doNothing())
    .execute();
}

/** Opting out also withdraws every application: no employer keeps anything from matching. */
export async function optOut(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('workforceOpenRoleApplications').where('userId', '=', userId).execute();
  await db.deleteFrom('workforceJobMatching').where('userId', '=', userId).execute();
}

// Applications.

export interface ApplicationRow {
  id: string;
  openRoleId: string;
  userId: string;
  message: string;
  appliedAt: Date;
}

/** Creates the person's application to the role, or replaces its message; whether it is new. */
export async function saveApplication(
  db: Executor,
  input: { openRoleId: string; userId: string; message: string },
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const existing = await db
    .selectFrom('workforceOpenRoleApplications')
    .select('id')
    .where('openRoleId', '=', input.openRoleId)
    .where('userId', '=', input.userId)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('workforceOpenRoleApplications')
      .set({ message: input.message, appliedAt: now })
      .where('id', '=', existing.id)
      .execute();
    return { id: existing.id, created: false };
  }
  const row = await db
    .insertInto('workforceOpenRoleApplications')
    .values({ ...input, appliedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

export async function replaceApplicationAwards(
  db: Executor,
  applicationId: string,
  awardIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('workforceOpenRoleApplicationAwards')
    .where('applicationId', '=', applicationId)
    .execute();
  if (awardIds.length > 0)
    await db
      .insertInto('workforceOpenRoleApplicationAwards')
      .values(awardIds.map((awardId) => ({ applicationId, awardId })))
      .execute();
}

export async function deleteApplication(db: Executor, openRoleId: string, userId: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('workforceOpenRoleApplications')
    .where('openRoleId', '=', openRoleId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

export async function applicationsOfUser(db: Executor, userId: string): Promise<ApplicationRow[]> {
  return db
    .selectFrom('workforceOpenRoleApplications')
    .select(['id', 'openRoleId', 'userId', 'message', 'appliedAt'])
    .where('userId', '=', userId)
    .execute();
}

export async function applicationsOfRole(db: Executor, openRoleId: string): Promise<ApplicationRow[]> {
  return db
    .selectFrom('workforceOpenRoleApplications')
    .select(['id', 'openRoleId', 'userId', 'message', 'appliedAt'])
    .where('openRoleId', '=', openRoleId)
    .orderBy('appliedAt')
    .orderBy('id')
    .execute();
}

export interface ApplicationAwardRow {
  applicationId: string;
  id: string;
  name: string;
  issuer: string;
  issuedAt: Date;
  validUntil: Date | null;
  credentialState: string | null;
  skills: Skill[];
}

/**
 * The badges these applications show: each chosen award that is still its applicant's, accepted and not
 * revoked (a revoked badge disappears from the application at once).
 */
export async function applicationAwards(
  db: Executor,
  applicationIds: readonly string[],
): Promise<ApplicationAwardRow[]> {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom('workforceOpenRoleApplicationAwards as s')
    .innerJoin('workforceOpenRoleApplications as p', 'p.id', 's.applicationId')
    .innerJoin('awards as a', (join) =>
      join.onRef('a.id', '=', 's.awardId').onRef('a.userId', '=', 'p.userId'),
    )
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .innerJoin('organizations as o', 'o.id', 'a.orgId')
    .leftJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select([
      's.applicationId',
      'a.id',
      'v.name',
      'o.name as issuer',
      'a.issuedAt',
      'a.validUntil',
      'c.state as credentialState',
      'v.skills',
    ])
    .where('s.applicationId', 'in', [...applicationIds])
    .where('a.state', '=', 'accepted')
    .where((eb) => eb.or([eb('c.state', 'is', null), eb('c.state', '<>', 'revoked')]))
    .orderBy('a.issuedAt', 'desc')
    .orderBy('a.id')
    .execute();
}
