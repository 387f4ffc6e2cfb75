// SQL of the organizations context. Every query of one organization's data takes its orgId.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { MembershipRole, MembershipsTable, OrganizationsTable } from './tables.ts';

export type OrganizationRow = Selectable<OrganizationsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type OrganizationWithRole = OrganizationRow & { role: MembershipRole };

export async function insertOrganization(
  db: Executor,
  org: Insertable<OrganizationsTable>,
): Promise<OrganizationRow> {
  return db.insertInto('organizations').values(org).returningAll().executeTakeFirstOrThrow();
}

export async function findOrganization(db: Executor, orgId: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', orgId).executeTakeFirst();
}

export async function findOrganizationBySlug(
  db: Executor,
  slug: string,
): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** The organization whose logo is stored under this key (keys are random, so at most one). */
export async function findOrganizationByLogoKey(
  db: Executor,
  logoKey: string,
): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('logoKey', '=', logoKey).executeTakeFirst();
}

/** Locks the organization's row so concurrent member changes (the last-owner rule) run one at a time. */
export async function lockOrganization(db: Executor, orgId: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', orgId).forUpdate().executeTakeFirst();
}

export async function updateOrganization(
  db: Executor,
  orgId: string,
  patch: Updateable<OrganizationsTable>,
): Promise<OrganizationRow | undefined> {
  return db.updateTable('organizations').set(patch).where('id', '=', orgId).returningAll().executeTakeFirst();
}

export async function organizationsOfUser(db: Executor, userId: string): Promise<OrganizationWithRole[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.orgId')
    .selectAll('organizations')
    .select('memberships.role')
    .where('memberships.userId', '=', userId)
    .orderBy('organizations.name')
    .orderBy('organizations.id')
    .execute();
}

export async function allOrganizations(
  db: Executor,
  limit: number,
  offset: number,
): Promise<OrganizationRow[]> {
  return db
    .selectFrom('organizations')
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function membershipsOfUser(db: Executor, userId: string): Promise<MembershipRow[]> {
  return db.selectFrom('memberships').selectAll().where('userId', '=', userId).execute();
}

export async function membersOf(db: Executor, orgId: string): Promise<MembershipRow[]> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt')
    .orderBy('userId')
    .execute();
}

export async function findMembership(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function insertMembership(
  db: Executor,
  membership: Insertable<MembershipsTable>,
): Promise<MembershipRow> {
  return db.insertInto('memberships').values(membership).returningAll().executeTakeFirstOrThrow();
}

export async function updateMembershipRole(
  db: Executor,
  orgId: string,
  userId: string,
  role: MembershipRole,
): Promise<MembershipRow | undefined> {
  return db
    .updateTable('memberships')
    .set({ role })
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteMembership(db: Executor, orgId: string, userId: string): Promise<void> {
  await db.deleteFrom('memberships').where('orgId', '=', orgId).where('userId', '=', userId).execute();
}

export async function countOwners(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('orgId', '=', orgId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
