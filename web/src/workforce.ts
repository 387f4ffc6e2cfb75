// The employer's console as the app sees it: people (invitations, status, what each shares), role profiles
// and teams. Shapes come from the OpenAPI description (src/workforce/schema.ts, role-schemas.ts;
// docs/employers.md).
import { type ApiBody, ApiProblem, type ApiResult, api, type Item } from './api.ts';

export type Person = ApiResult<'getOrgsByOrgIdEmployeesByEmployeeId'>;
export type PeoplePage = ApiResult<'getOrgsByOrgIdEmployees'>;
export type EmployeeStatus = Person['status'];
export type ShareMode = NonNullable<Person['sharing']>['share'];
export type InviteReply = ApiResult<'postOrgsByOrgIdEmployeesInvitations'>;
export type SharedBadge = Item<ApiResult<'getOrgsByOrgIdEmployeesByEmployeeIdBadges'>['items']>;
export type EmployeeRoles = ApiResult<'putOrgsByOrgIdEmployeesByEmployeeIdRoles'>;

export type RoleProfile = ApiResult<'getOrgsByOrgIdRoleProfilesById'>;
export type RoleSkill = Item<RoleProfile['skills']>;
export type RoleFramework = RoleSkill['framework'];
export type AssignedPerson = Item<RoleProfile['assigned']>;
export type RoleInput = ApiBody<'postOrgsByOrgIdRoleProfiles'>;
export type FromOccupationInput = ApiBody<'postOrgsByOrgIdRoleProfilesFromOccupation'>;

export type Team = Item<ApiResult<'getOrgsByOrgIdTeams'>['items']>;

/** The most the people route gives in one page. */
export const MAX_PAGE = 200;
export const MAX_INVITATIONS = 200;
export const ROLE_LEVEL = { min: 0, max: 7 } as const;
export const ROLE_IMPORTANCES = [1, 2, 3, 4, 5] as const;

const org = (orgId: string) => `/api/v1/orgs/${orgId}`;

export const workforceApi = {
  invite: (orgId: string, emails: string[]) =>
    api<InviteReply>(`${org(orgId)}/employees/invitations`, { method: 'POST', body: { emails } }),
  people: (orgId: string, page: { limit: number; offset: number }) =>
    api<PeoplePage>(
      `${org(orgId)}/employees?${new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) })}`,
    ),
  /** Every person of the organization, page after page (the teams' member lists, the sponsor page). */
  allPeople: async (orgId: string): Promise<Person[]> => {
    const all: Person[] = [];
    for (;;) {
      const page = await workforceApi.people(orgId, { limit: MAX_PAGE, offset: all.length });
      all.push(...page.items);
      if (page.items.length === 0 || all.length >= page.total) return all;
    }
  },
  /** One person as the list shows them, or null when they withdrew, were removed or are unknown: a 404. */
  person: async (orgId: string, employeeId: string): Promise<Person | null> => {
    try {
      return await api<Person>(`${org(orgId)}/employees/${employeeId}`);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) return null;
      throw error;
    }
  },
  /** What the person shares now, or null when they do not share with this employer (any more): a 404. */
  badges: async (orgId: string, employeeId: string): Promise<SharedBadge[] | null> => {
    try {
      return (
        await api<ApiResult<'getOrgsByOrgIdEmployeesByEmployeeIdBadges'>>(
          `${org(orgId)}/employees/${employeeId}/badges`,
        )
      ).items;
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) return null;
      throw error;
    }
  },
  remove: (orgId: string, employeeId: string) =>
    api<void>(`${org(orgId)}/employees/${employeeId}`, { method: 'DELETE' }),
  setRoles: (orgId: string, employeeId: string, roleIds: string[]) =>
    api<EmployeeRoles>(`${org(orgId)}/employees/${employeeId}/roles`, {
      method: 'PUT',
      body: { roleIds },
    }),

  roles: async (orgId: string) =>
    (await api<ApiResult<'getOrgsByOrgIdRoleProfiles'>>(`${org(orgId)}/role-profiles`)).items,
  role: (orgId: string, roleId: string) => api<RoleProfile>(`${org(orgId)}/role-profiles/${roleId}`),
  createRole: (orgId: string, input: RoleInput) =>
    api<RoleProfile>(`${org(orgId)}/role-profiles`, { method: 'POST', body: input }),
  createRoleFromOccupation: (orgId: string, input: FromOccupationInput) =>
    api<RoleProfile>(`${org(orgId)}/role-profiles/from-occupation`, { method: 'POST', body: input }),
  updateRole: (orgId: string, roleId: string, input: RoleInput) =>
    api<RoleProfile>(`${org(orgId)}/role-profiles/${roleId}`, { method: 'PUT', body: input }),
  deleteRole: (orgId: string, roleId: string) =>
    api<void>(`${org(orgId)}/role-profiles/${roleId}`, { method: 'DELETE' }),

  teams: async (orgId: string) => (await api<ApiResult<'getOrgsByOrgIdTeams'>>(`${org(orgId)}/teams`)).items,
  createTeam: (orgId: string, name: string) =>
    api<Team>(`${org(orgId)}/teams`, { method: 'POST', body: { name } }),
  renameTeam: (orgId: string, teamId: string, name: string) =>
    api<Team>(`${org(orgId)}/teams/${teamId}`, { method: 'PUT', body: { name } }),
  deleteTeam: (orgId: string, teamId: string) =>
    api<void>(`${org(orgId)}/teams/${teamId}`, { method: 'DELETE' }),
  setMembers: (orgId: string, teamId: string, employeeIds: string[]) =>
    api<Team>(`${org(orgId)}/teams/${teamId}/members`, { method: 'PUT', body: { employeeIds } }),
};

export const workforceKeys = {
  /** Everything of one employer: invalidated after a change that shows on several pages. */
  all: (orgId: string) => ['workforce', orgId] as const,
  people: (orgId: string, offset: number) => ['workforce', orgId, 'people', offset] as const,
  allPeople: (orgId: string) => ['workforce', orgId, 'people', 'all'] as const,
  person: (orgId: string, employeeId: string) => ['workforce', orgId, 'people', 'one', employeeId] as const,
  badges: (orgId: string, employeeId: string) => ['workforce', orgId, 'badges', employeeId] as const,
  roles: (orgId: string) => ['workforce', orgId, 'roles'] as const,
  role: (orgId: string, roleId: string) => ['workforce', orgId, 'roles', roleId] as const,
  teams: (orgId: string) => ['workforce', orgId, 'teams'] as const,
};

/** Addresses typed one a line or separated by commas (or semicolons, or spaces), each once, in order. */
export function parseAddresses(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const address = part.trim();
    if (address && !seen.has(address.toLowerCase())) {
      seen.add(address.toLowerCase());
      out.push(address);
    }
  }
  return out;
}
