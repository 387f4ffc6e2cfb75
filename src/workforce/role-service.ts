// Role profiles of an employer: started from an occupation or written from scratch, edited, deleted, and
// assigned to the organization's employees. Managers, admins and owners of an employer organization only.
import type { Deps } from '../deps.ts';
import { ConflictError, type FieldProblem, InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/index.ts';
import { organizationById, requireMembership } from '../orgs/index.ts';
import { conceptsByRef, occupationDetail } from '../skills/index.ts';
import { EMPLOYER_ROLES } from './model.ts';
import {
  DEFAULT_MIN_IMPORTANCE,
  normalizeSkills,
  type RoleFramework,
  type RoleSkill,
  roleSkillProblems,
  skillsFromOccupation,
  versionOf,
} from './role-model.ts';
import {
  type AssignedEmployee,
  activeEmployeeIds,
  assignedEmployees,
  assignedRoleIds,
  deleteRoleProfile,
  employeeOfOrg,
  findRoleProfile,
  insertRoleProfile,
  isNameTaken,
  listRoleProfiles,
  type RoleProfileRow,
  replaceAssignments,
  roleProfileIds,
  updateRoleProfile,
} from './role-store.ts';

export type RoleProfile = RoleProfileRow & { assigned: Array<{ employeeId: string; name: string }> };

export interface SkillRequirement {
  framework: RoleFramework;
  code: string;
  level: number;
  importance: number;
}

export interface RoleProfileInput {
  name: string;
  description?: string;
  skills: SkillRequirement[];
}

/**
 * A manager, admin or owner of an employer organization (not a member → 404, another role → 403, an
 * issuer organization → 409 not-an-employer, as for people).
 */
export async function requireWorkforce(deps: Deps, actor: Actor | null, orgId: string): Promise<void> {
  requireMembership(actor, orgId, EMPLOYER_ROLES);
  const org = await organizationById(deps.db, orgId);
  if (!org) throw new NotFoundError('organization');
  if (org.kind !== 'employer')
    throw new ConflictError('Only an employer organization has role profiles and teams.', 'not-an-employer');
}

const nameConflict = (name: string) =>
  new ConflictError(`A role profile named "${name}" exists already in this organization.`);

async function withNameCheck<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isNameTaken(error)) throw nameConflict(name);
    throw error;
  }
}

function withAssigned(rows: RoleProfileRow[], assigned: AssignedEmployee[]): RoleProfile[] {
  return rows.map((row) => ({
    ...row,
    assigned: assigned
      .filter((a) => a.roleId === row.id)
      .map(({ employeeId, name }) => ({ employeeId, name })),
  }));
}

async function presented(deps: Deps, row: RoleProfileRow): Promise<RoleProfile> {
  const [profile] = withAssigned([row], await assignedEmployees(deps.db, row.orgId, [row.id]));
  return profile as RoleProfile;
}

/** Each concept looked up (labels from the framework); every unknown one named at `skills.<i>.code`. */
async function labelled(deps: Deps, skills: readonly SkillRequirement[]): Promise<RoleSkill[]> {
  const concepts = await conceptsByRef(
    deps.db,
    skills.map(({ framework, code }) => ({ framework, code })),
  );
  const problems: FieldProblem[] = [];
  const result = skills.map((skill, i): RoleSkill => {
    const concept = concepts.get(`${skill.framework}\u0000${skill.code}`);
    if (!concept)
      problems.push({
        path: `skills.${i}.code`,
        message: `"${skill.code}" is not an imported ${skill.framework === 'onet' ? 'O*NET' : 'ESCO'} concept`,
        code: 'unknown-concept',
        params: { code: skill.code, framework: skill.framework === 'onet' ? 'O*NET' : 'ESCO' },
      });
    return { ...skill, label: concept?.label ?? skill.code };
  });
  if (problems.length > 0)
    throw new InvalidError(`${problems.length} skill(s) name a concept that is not imported.`, problems);
  const levelProblems = roleSkillProblems(result);
  if (levelProblems.length > 0) throw new InvalidError('The skills are not valid.', levelProblems);
  return normalizeSkills(result);
}

export async function createRoleFromOccupation(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: { framework: RoleFramework; code: string; name?: string; minImportance?: number },
): Promise<RoleProfile> {
  await requireWorkforce(deps, actor, orgId);
  const detail = await occupationDetail(deps.db, input.framework, input.code);
  if (!detail)
    throw new InvalidError('No such occupation has been imported.', [
      {
        path: 'code',
        message: `"${input.code}" is not an imported occupation of this framework`,
        code: 'unknown-occupation',
        params: { code: input.code },
      },
    ]);
  const minImportance = input.minImportance ?? DEFAULT_MIN_IMPORTANCE;
  const skills = skillsFromOccupation(input.framework, detail.skills, minImportance);
  if (skills.length === 0)
    throw new InvalidError('No core skill of this occupation is that important.', [
      {
        path: 'minImportance',
        message: `No skill of "${detail.title}" reaches importance ${minImportance}`,
        code: 'no-skill-that-important',
        params: { occupation: detail.title, importance: minImportance },
      },
    ]);
  const name = input.name ?? detail.title;
  const source = {
    framework: input.framework,
    code: detail.code,
    title: detail.title,
    version: versionOf(detail.source),
  };
  const row = await withNameCheck(name, () =>
    insertRoleProfile(deps.db, orgId, { name, description: detail.description, skills, source }, deps.now()),
  );
  return { ...row, assigned: [] };
}

export async function createRole(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: RoleProfileInput,
): Promise<RoleProfile> {
  await requireWorkforce(deps, actor, orgId);
  const skills = await labelled(deps, input.skills);
  const row = await withNameCheck(input.name, () =>
    insertRoleProfile(
      deps.db,
      orgId,
      { name: input.name, description: input.description ?? '', skills, source: null },
      deps.now(),
    ),
  );
  return { ...row, assigned: [] };
}

/** Replaces name, description and skills; the occupation it was started from stays. */
export async function updateRole(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
  input: RoleProfileInput,
): Promise<RoleProfile> {
  await requireWorkforce(deps, actor, orgId);
  if (!(await findRoleProfile(deps.db, orgId, id))) throw new NotFoundError('role profile');
  const skills = await labelled(deps, input.skills);
  const row = await withNameCheck(input.name, () =>
    updateRoleProfile(
      deps.db,
      orgId,
      id,
      { name: input.name, description: input.description ?? '', skills },
      deps.now(),
    ),
  );
  if (!row) throw new NotFoundError('role profile');
  return presented(deps, row);
}

export async function getRole(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
): Promise<RoleProfile> {
  await requireWorkforce(deps, actor, orgId);
  const row = await findRoleProfile(deps.db, orgId, id);
  if (!row) throw new NotFoundError('role profile');
  return presented(deps, row);
}

export async function listRoles(deps: Deps, actor: Actor | null, orgId: string): Promise<RoleProfile[]> {
  await requireWorkforce(deps, actor, orgId);
  const rows = await listRoleProfiles(deps.db, orgId);
  return withAssigned(
    rows,
    await assignedEmployees(
      deps.db,
      orgId,
      rows.map((r) => r.id),
    ),
  );
}

export async function deleteRole(deps: Deps, actor: Actor | null, orgId: string, id: string): Promise<void> {
  await requireWorkforce(deps, actor, orgId);
  if (!(await deleteRoleProfile(deps.db, orgId, id))) throw new NotFoundError('role profile');
}

/**
 * Replaces the roles an employee holds. The employee must be one of the organization's active people, and
 * every role one of its profiles (each other id named at `roleIds.<i>`).
 */
export async function setEmployeeRoles(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  employeeId: string,
  roleIds: readonly string[],
): Promise<string[]> {
  await requireWorkforce(deps, actor, orgId);
  const wanted = [...new Set(roleIds)];
  return deps.db.transaction().execute(async (trx) => {
    const employee = await employeeOfOrg(trx, orgId, employeeId);
    if (!employee) throw new NotFoundError('employee');
    if ((await activeEmployeeIds(trx, orgId, [employeeId])).size === 0)
      throw new InvalidError('Only an active employee holds roles.', [
        {
          path: 'employeeId',
          message: `This person is ${employee.status}, not active`,
          code: 'employee-not-active',
          params: { status: employee.status },
        },
      ]);
    const known = await roleProfileIds(trx, orgId, wanted);
    const problems = roleIds.flatMap((id, i) =>
      known.has(id)
        ? []
        : [
            {
              path: `roleIds.${i}`,
              message: `"${id}" is not a role profile of this organization`,
              code: 'unknown-role-profile',
              params: { id },
            },
          ],
    );
    if (problems.length > 0) throw new InvalidError('Some roles are not this organization’s.', problems);
    await replaceAssignments(trx, employeeId, wanted);
    return assignedRoleIds(trx, employeeId);
  });
}
