// Teams of an employer: groups of its active employees, named uniquely (whatever the case). Managers,
// admins and owners of an employer organization only.
import type { Deps } from '../deps.ts';
import { ConflictError, InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/index.ts';
import { requireWorkforce } from './role-service.ts';
import { activeEmployeeIds, isNameTaken } from './role-store.ts';
import {
  deleteTeam,
  findTeam,
  insertTeam,
  listTeams,
  renameTeam,
  replaceMembers,
  type TeamMemberRow,
  type TeamRow,
  teamMembers,
} from './team-store.ts';

export type Team = TeamRow & { members: Array<{ employeeId: string; name: string }> };

async function named<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isNameTaken(error))
      throw new ConflictError(`A team named "${name}" exists already in this organization.`);
    throw error;
  }
}

function withMembers(rows: TeamRow[], members: TeamMemberRow[]): Team[] {
  return rows.map((row) => ({
    ...row,
    members: members.filter((m) => m.teamId === row.id).map(({ employeeId, name }) => ({ employeeId, name })),
  }));
}

async function presented(deps: Deps, row: TeamRow): Promise<Team> {
  const [team] = withMembers([row], await teamMembers(deps.db, row.orgId, [row.id]));
  return team as Team;
}

export async function createTeam(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  name: string,
): Promise<Team> {
  await requireWorkforce(deps, actor, orgId);
  const row = await named(name, () => insertTeam(deps.db, orgId, name, deps.now()));
  return { ...row, members: [] };
}

export async function listOrgTeams(deps: Deps, actor: Actor | null, orgId: string): Promise<Team[]> {
  await requireWorkforce(deps, actor, orgId);
  const rows = await listTeams(deps.db, orgId);
  return withMembers(
    rows,
    await teamMembers(
      deps.db,
      orgId,
      rows.map((r) => r.id),
    ),
  );
}

export async function renameOrgTeam(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
  name: string,
): Promise<Team> {
  await requireWorkforce(deps, actor, orgId);
  const row = await named(name, () => renameTeam(deps.db, orgId, id, name));
  if (!row) throw new NotFoundError('team');
  return presented(deps, row);
}

export async function deleteOrgTeam(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
): Promise<void> {
  await requireWorkforce(deps, actor, orgId);
  if (!(await deleteTeam(deps.db, orgId, id))) throw new NotFoundError('team');
}

/** Replaces the team's members: each must be one of the organization's active employees (400 naming each). */
export async function setTeamMembers(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
  employeeIds: readonly string[],
): Promise<Team> {
  await requireWorkforce(deps, actor, orgId);
  const wanted = [...new Set(employeeIds)];
  const row = await deps.db.transaction().execute(async (trx) => {
    const team = await findTeam(trx, orgId, id);
    if (!team) throw new NotFoundError('team');
    const active = await activeEmployeeIds(trx, orgId, wanted);
    const problems = employeeIds.flatMap((employeeId, i) =>
      active.has(employeeId)
        ? []
        : [
            {
              path: `employeeIds.${i}`,
              message: `"${employeeId}" is not an active employee of this organization`,
              code: 'not-an-active-employee',
              params: { id: employeeId },
            },
          ],
    );
    if (problems.length > 0) throw new InvalidError('Only active employees can be team members.', problems);
    await replaceMembers(trx, id, wanted);
    return team;
  });
  return presented(deps, row);
}
