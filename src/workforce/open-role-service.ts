// The employer's side of open roles: publish a role profile as a role it is hiring for, edit and close it,
// and read the applications. An employer sees a learner only once they apply, and then only their name, a
// verified address, their message and the badges they chose to show (with the fit computed from those alone).
// Owners, admins and managers of an employer organization (as for role profiles).
import type { Deps } from '../deps.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import { type Actor, accountContact, requireScope } from '../identity/index.ts';
import { heldSkills } from '../insights/index.ts';
import { awardState } from './model.ts';
import { type MatchWithClosers, matchAll } from './open-role-match.ts';
import { verifiedAddress } from './open-role-model.ts';
import {
  type ApplicationAwardRow,
  applicationAwards,
  applicationsOfRole,
  deleteOpenRole,
  findOpenRoleOfOrg,
  insertOpenRole,
  type OpenRoleRow,
  openRolesOfOrg,
  updateOpenRole,
} from './open-role-store.ts';
import { requireWorkforce } from './role-service.ts';
import { roleProfileIds } from './role-store.ts';
import type { SharedBadge } from './sharing.ts';

export interface OpenRoleInput {
  roleId: string;
  title: string;
  description?: string | undefined;
  location?: string | null | undefined;
}

export type EmployerOpenRole = OpenRoleRow & { applications: number };

export interface Application {
  id: string;
  applicant: { name: string; email: string | null };
  message: string;
  appliedAt: Date;
  match: MatchWithClosers;
  badges: SharedBadge[];
}

async function checkedWrite(deps: Deps, orgId: string, input: OpenRoleInput) {
  if ((await roleProfileIds(deps.db, orgId, [input.roleId])).size === 0)
    throw new InvalidError('Publish one of this organization’s role profiles.', [
      {
        path: 'roleId',
        message: `"${input.roleId}" is not a role profile of this organization`,
        code: 'unknown-role-profile',
        params: { id: input.roleId },
      },
    ]);
  return {
    roleId: input.roleId,
    title: input.title,
    description: input.description ?? '',
    location: input.location ?? null,
  };
}

async function presented(deps: Deps, orgId: string, id: string): Promise<EmployerOpenRole> {
  const found = (await openRolesOfOrg(deps.db, orgId)).find((row) => row.id === id);
  if (!found) throw new NotFoundError('open role');
  return found;
}

export async function publishOpenRole(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: OpenRoleInput,
): Promise<EmployerOpenRole> {
  const me = requireScope(actor, 'workforce:write');
  await requireWorkforce(deps, actor, orgId);
  const values = await checkedWrite(deps, orgId, input);
  const id = await insertOpenRole(deps.db, orgId, { ...values, publishedBy: me.user.id }, deps.now());
  return presented(deps, orgId, id);
}

export async function listOpenRoles(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
): Promise<EmployerOpenRole[]> {
  await requireWorkforce(deps, actor, orgId);
  return openRolesOfOrg(deps.db, orgId);
}

/** Replaces the role profile, title, description and location; applications stay. */
export async function editOpenRole(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
  input: OpenRoleInput,
): Promise<EmployerOpenRole> {
  requireScope(actor, 'workforce:write');
  await requireWorkforce(deps, actor, orgId);
  if (!(await findOpenRoleOfOrg(deps.db, orgId, id))) throw new NotFoundError('open role');
  const values = await checkedWrite(deps, orgId, input);
  if (!(await updateOpenRole(deps.db, orgId, id, values, deps.now()))) throw new NotFoundError('open role');
  return presented(deps, orgId, id);
}

/** Closes the role: it and its applications are deleted, so nothing of the applicants stays. */
export async function closeOpenRole(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
): Promise<void> {
  requireScope(actor, 'workforce:write');
  await requireWorkforce(deps, actor, orgId);
  if (!(await deleteOpenRole(deps.db, orgId, id))) throw new NotFoundError('open role');
}

const asBadge = (row: ApplicationAwardRow, now: Date): SharedBadge => ({
  kind: 'award',
  id: row.id,
  name: row.name,
  issuer: row.issuer,
  issuedAt: row.issuedAt,
  validUntil: row.validUntil,
  state: awardState(row.credentialState, row.validUntil, now),
  skills: row.skills,
});

/**
 * Who applied, best fit first. The fit and gap come from the badges each applicant chose to show, and of them
 * only those that count now (active: not suspended, not expired), as on the learner's own insights.
 */
export async function openRoleApplications(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
): Promise<Application[]> {
  await requireWorkforce(deps, actor, orgId);
  const role = await findOpenRoleOfOrg(deps.db, orgId, id);
  if (!role) throw new NotFoundError('open role');
  const applications = await applicationsOfRole(deps.db, role.id);
  const awards = await applicationAwards(
    deps.db,
    applications.map((a) => a.id),
  );
  const now = deps.now();
  const badgesOf = (applicationId: string) =>
    awards.filter((row) => row.applicationId === applicationId).map((row) => asBadge(row, now));
  const matches = await matchAll(
    deps,
    applications.map((application) => ({
      skills: role.skills,
      held: heldSkills(
        badgesOf(application.id)
          .filter((badge) => badge.state === 'active')
          .map((badge) => ({ awardId: badge.id, badgeName: badge.name, skills: badge.skills })),
      ),
    })),
  );
  const result: Application[] = [];
  for (const [i, application] of applications.entries()) {
    const contact = await accountContact(deps.db, application.userId);
    if (!contact) continue;
    result.push({
      id: application.id,
      applicant: { name: contact.name, email: verifiedAddress(contact) },
      message: application.message,
      appliedAt: application.appliedAt,
      match: matches[i] as MatchWithClosers,
      badges: badgesOf(application.id),
    });
  }
  return result.sort((a, b) => b.match.fit - a.match.fit || a.appliedAt.getTime() - b.appliedAt.getTime());
}
