// Teams and their members in the database. Every query names the organization.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export interface TeamRow {
  id: string;
  orgId: string;
  name: string;
  createdAt: Date;
}

export interface TeamMemberRow {
  teamId: string;
  employeeId: string;
  name: string;
}

const teamColumns = ['id', 'orgId', 'name', 'createdAt'] as const;

export async function insertTeam(db: Executor, orgId: string, name: string, now: Date): Promise<TeamRow> {
  return db
    .insertInto('workforceTeams')
    .values({ orgId, name, createdAt: now })
    .returning(teamColumns)
    .executeTakeFirstOrThrow();
}

export async function renameTeam(
  db: Executor,
  orgId: string,
  id: string,
  name: string,
): Promise<TeamRow | undefined> {
  return db
    .updateTable('workforceTeams')
    .set({ name })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .returning(teamColumns)
    .executeTakeFirst();
}

export async function findTeam(db: Executor, orgId: string, id: string): Promise<TeamRow | undefined> {
  return db
    .selectFrom('workforceTeams')
    .select(teamColumns)
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listTeams(db: Executor, orgId: string): Promise<TeamRow[]> {
  return db
    .selectFrom('workforceTeams')
    .select(teamColumns)
    .where('orgId', '=', orgId)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
}

export async function deleteTeam(db: Executor, orgId: string, id: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('workforceTeams')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/** The active members of these teams, named by their account's name (the invited address until then). */
export async function teamMembers(
  db: Executor,
  orgId: string,
  teamIds: readonly string[],
): Promise<TeamMemberRow[]> {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('workforceTeamMembers as m')
    .innerJoin('workforceEmployees as e', 'e.id', 'm.employeeId')
    .leftJoin('users as u', 'u.id', 'e.userId')
    .select(['m.teamId', 'm.employeeId', sql<string>`coalesce(u.name, e.invited_email)`.as('name')])
    .where('e.orgId', '=', orgId)
    .where('e.status', '=', 'active')
    .where('m.teamId', 'in', teamIds)
    .orderBy('name')
    .orderBy('m.employeeId')
    .execute();
}

/** Replaces the team's members with these (ids already checked to be the organization's active people). */
export async function replaceMembers(
  db: Executor,
  teamId: string,
  employeeIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('workforceTeamMembers').where('teamId', '=', teamId).execute();
  if (employeeIds.length > 0)
    await db
      .insertInto('workforceTeamMembers')
      .values(employeeIds.map((employeeId) => ({ teamId, employeeId })))
      .execute();
}
