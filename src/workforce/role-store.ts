// Role profiles, teams, team members and role assignments in the database. Every query names the
// organization: an id of another organization reads as missing.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { RoleSkill, RoleSource } from './role-model.ts';

export interface RoleProfileRow {
  id: string;
  orgId: string;
  name: string;
  description: string;
  source: RoleSource | null;
  skills: RoleSkill[];
  createdAt: Date;
  updatedAt: Date;
}

export interface AssignedEmployee {
  roleId: string;
  employeeId: string;
  name: string;
}

export interface RoleProfileWrite {
  name: string;
  description: string;
  skills: RoleSkill[];
}

const roleColumns = [
  'id',
  'orgId',
  'name',
  'description',
  'source',
  'skills',
  'createdAt',
  'updatedAt',
] as const;

/** The unique index on (org_id, lower(name)) of profiles and teams, as Postgres names a violation of it. */
export function isNameTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return (
    e?.code === '23505' &&
    /workforce_(role_profiles|teams)_org_name/.test(`${e.constraint ?? ''} ${e.message ?? ''}`)
  );
}

export async function insertRoleProfile(
  db: Executor,
  orgId: string,
  input: RoleProfileWrite & { source: RoleSource | null },
  now: Date,
): Promise<RoleProfileRow> {
  return db
    .insertInto('workforceRoleProfiles')
    .values({
      orgId,
      name: input.name,
      description: input.description,
      source: input.source ? JSON.stringify(input.source) : null,
      skills: JSON.stringify(input.skills),
      createdAt: now,
      updatedAt: now,
    })
    .returning(roleColumns)
    .executeTakeFirstOrThrow();
}

export async function updateRoleProfile(
  db: Executor,
  orgId: string,
  id: string,
  input: RoleProfileWrite,
  now: Date,
): Promise<RoleProfileRow | undefined> {
  return db
    .updateTable('workforceRoleProfiles')
    .set({
      name: input.name,
      description: input.description,
      skills: JSON.stringify(input.skills),
      updatedAt: now,
    })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .returning(roleColumns)
    .executeTakeFirst();
}

export async function findRoleProfile(
  db: Executor,
  orgId: string,
  id: string,
): Promise<RoleProfileRow | undefined> {
  return db
    .selectFrom('workforceRoleProfiles')
    .select(roleColumns)
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listRoleProfiles(db: Executor, orgId: string): Promise<RoleProfileRow[]> {
  return db
    .selectFrom('workforceRoleProfiles')
    .select(roleColumns)
    .where('orgId', '=', orgId)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
}

export async function deleteRoleProfile(db: Executor, orgId: string, id: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('workforceRoleProfiles')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/**
 * The active employees holding these roles, named by their account's name (the invited address until they
 * have one). Withdrawn, removed and invited people are left out.
 */
export async function assignedEmployees(
  db: Executor,
  orgId: string,
  roleIds: readonly string[],
): Promise<AssignedEmployee[]> {
  if (roleIds.length === 0) return [];
  return db
    .selectFrom('workforceRoleAssignments as a')
    .innerJoin('workforceEmployees as e', 'e.id', 'a.employeeId')
    .leftJoin('users as u', 'u.id', 'e.userId')
    .select(['a.roleId', 'a.employeeId', sql<string>`coalesce(u.name, e.invited_email)`.as('name')])
    .where('e.orgId', '=', orgId)
    .where('e.status', '=', 'active')
    .where('a.roleId', 'in', roleIds)
    .orderBy('name')
    .orderBy('a.employeeId')
    .execute();
}

/** Of these ids, the organization's active employees. */
export async function activeEmployeeIds(
  db: Executor,
  orgId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('workforceEmployees')
    .select('id')
    .where('orgId', '=', orgId)
    .where('status', '=', 'active')
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Of these ids, the organization's role profiles. */
export async function roleProfileIds(
  db: Executor,
  orgId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('workforceRoleProfiles')
    .select('id')
    .where('orgId', '=', orgId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether the employee is the organization's (any status): only then may their roles be set. */
export async function employeeOfOrg(db: Executor, orgId: string, employeeId: string) {
  return db
    .selectFrom('workforceEmployees')
    .select(['id', 'status'])
    .where('orgId', '=', orgId)
    .where('id', '=', employeeId)
    .executeTakeFirst();
}

/** Replaces the employee's roles with these (ids already checked to be the organization's). */
export async function replaceAssignments(
  db: Executor,
  employeeId: string,
  roleIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('workforceRoleAssignments').where('employeeId', '=', employeeId).execute();
  if (roleIds.length > 0)
    await db
      .insertInto('workforceRoleAssignments')
      .values(roleIds.map((roleId) => ({ employeeId, roleId })))
      .execute();
}

export async function assignedRoleIds(db: Executor, employeeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('workforceRoleAssignments as a')
    .innerJoin('workforceRoleProfiles as r', 'r.id', 'a.roleId')
    .select('a.roleId')
    .where('a.employeeId', '=', employeeId)
    .orderBy(sql`lower(r.name)`)
    .execute();
  return rows.map((r) => r.roleId);
}
