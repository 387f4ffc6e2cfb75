// Open roles in the app (docs/open-roles.md): the employer publishes role profiles as open roles and reads
// applications; the learner opts in to job matching, sees open roles ranked by fit, applies and withdraws.
// Shapes come from the OpenAPI description (src/workforce/open-role-schemas.ts).
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';

export type EmployerOpenRole = ApiResult<'postOrgsByOrgIdOpenRoles'>;
export type OpenRoleInput = ApiBody<'postOrgsByOrgIdOpenRoles'>;
/** `fit`: 0–1, from the badges the applicant chose to show. */
export type Applicant = Item<ApiResult<'getOrgsByOrgIdOpenRolesByIdApplications'>['items']>;
export type RoleProfileSummary = Item<ApiResult<'getOrgsByOrgIdRoleProfiles'>['items']>;

export type MyOpenRoles = ApiResult<'getMeOpenRoles'>;
export type MyOpenRole = Item<MyOpenRoles['items']>;
export type RoleGap = MyOpenRole['gap'];
export type Framework = Item<RoleGap['held']>['framework'];
export type JobMatching = ApiResult<'getMeJobMatching'>;
export type Application = ApiBody<'postMeOpenRolesByIdApplications'>;

const orgBase = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/open-roles`;
const mine = (id: string) => `/api/v1/me/open-roles/${encodeURIComponent(id)}/applications`;

export const openRolesApi = {
  list: (orgId: string) => api<ApiResult<'getOrgsByOrgIdOpenRoles'>>(orgBase(orgId)),
  publish: (orgId: string, input: OpenRoleInput) =>
    api<EmployerOpenRole>(orgBase(orgId), { method: 'POST', body: input }),
  close: (orgId: string, id: string) =>
    api<void>(`${orgBase(orgId)}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  applications: (orgId: string, id: string) =>
    api<ApiResult<'getOrgsByOrgIdOpenRolesByIdApplications'>>(
      `${orgBase(orgId)}/${encodeURIComponent(id)}/applications`,
    ),
  roleProfiles: (orgId: string) =>
    api<ApiResult<'getOrgsByOrgIdRoleProfiles'>>(`/api/v1/orgs/${encodeURIComponent(orgId)}/role-profiles`),
  matching: () => api<JobMatching>('/api/v1/me/job-matching'),
  setMatching: (optIn: boolean) =>
    api<JobMatching>('/api/v1/me/job-matching', { method: 'PUT', body: { optIn } }),
  myOpenRoles: () => api<MyOpenRoles>('/api/v1/me/open-roles'),
  apply: (id: string, input: Application) => api<MyOpenRole>(mine(id), { method: 'POST', body: input }),
  withdraw: (id: string) => api<void>(mine(id), { method: 'DELETE' }),
};

export const openRolesKeys = {
  list: (orgId: string) => ['open-roles', orgId] as const,
  applications: (orgId: string, id: string) => ['open-roles', orgId, id, 'applications'] as const,
  roleProfiles: (orgId: string) => ['open-roles', orgId, 'role-profiles'] as const,
  matching: ['job-matching'] as const,
  mine: ['my-open-roles'] as const,
};

export function useJobMatching() {
  return useQuery({ queryKey: openRolesKeys.matching, queryFn: openRolesApi.matching });
}

async function afterLearnerChange(queryClient: QueryClient) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: openRolesKeys.matching }),
    queryClient.invalidateQueries({ queryKey: openRolesKeys.mine }),
  ]);
}

export function useSetJobMatching() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: openRolesApi.setMatching,
    onSuccess: () => afterLearnerChange(queryClient),
  });
}

export function useMyOpenRoles(enabled: boolean) {
  return useQuery({ queryKey: openRolesKeys.mine, queryFn: openRolesApi.myOpenRoles, enabled });
}

export function useApply(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Application) => openRolesApi.apply(id, input),
    onSuccess: () => afterLearnerChange(queryClient),
  });
}

export function useWithdrawApplication(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => openRolesApi.withdraw(id),
    onSuccess: () => afterLearnerChange(queryClient),
  });
}

/** The share of a fit as a whole percentage, for text and the bar. */
export const fitPercent = (fit: number) => Math.round(Math.min(1, Math.max(0, fit)) * 100);
