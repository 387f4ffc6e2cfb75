// Open roles in the app (docs/open-roles.md): the employer publishes role profiles as open roles and reads
// applications; the learner opts in to job matching, sees open roles ranked by fit, applies and withdraws.
// Shapes follow src/workforce/open-role-schemas.ts.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api.ts';
import type { Closers } from './insights.ts';
import type { SharedBadge } from './workforce-me.ts';

export type Framework = 'onet' | 'esco';

interface MatchSkill {
  framework: Framework;
  code: string;
  label: string;
  importance: number;
  needed: number;
}

export interface RoleGap {
  held: Array<MatchSkill & { shown: number | null; badges: Array<{ awardId: string; name: string }> }>;
  below: Array<MatchSkill & { shown: number; closers: Closers }>;
  missing: Array<MatchSkill & { closers: Closers }>;
}

export interface EmployerOpenRole {
  id: string;
  role: { id: string; name: string };
  title: string;
  description: string;
  location: string | null;
  publishedAt: string;
  updatedAt: string;
  applications: number;
}

export interface OpenRoleInput {
  roleId: string;
  title: string;
  description?: string;
  location?: string | null;
}

export interface Applicant {
  id: string;
  applicant: { name: string; email: string | null };
  message: string;
  appliedAt: string;
  /** 0–1, from the badges the applicant chose to show. */
  fit: number;
  gap: RoleGap;
  badges: SharedBadge[];
}

export interface RoleProfileSummary {
  id: string;
  name: string;
  skills: Array<{ label: string }>;
}

export interface MyOpenRole {
  id: string;
  employer: { id: string; name: string };
  title: string;
  description: string;
  location: string | null;
  publishedAt: string;
  fit: number;
  gap: RoleGap;
  application: {
    id: string;
    appliedAt: string;
    message: string;
    badges: Array<{ awardId: string; name: string }>;
  } | null;
}

export interface JobMatching {
  optIn: boolean;
  since: string | null;
}

const orgBase = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/open-roles`;
const mine = (id: string) => `/api/v1/me/open-roles/${encodeURIComponent(id)}/applications`;

export const openRolesApi = {
  list: (orgId: string) => api<{ items: EmployerOpenRole[] }>(orgBase(orgId)),
  publish: (orgId: string, input: OpenRoleInput) =>
    api<EmployerOpenRole>(orgBase(orgId), { method: 'POST', body: input }),
  close: (orgId: string, id: string) =>
    api<void>(`${orgBase(orgId)}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  applications: (orgId: string, id: string) =>
    api<{ items: Applicant[] }>(`${orgBase(orgId)}/${encodeURIComponent(id)}/applications`),
  roleProfiles: (orgId: string) =>
    api<{ items: RoleProfileSummary[] }>(`/api/v1/orgs/${encodeURIComponent(orgId)}/role-profiles`),
  matching: () => api<JobMatching>('/api/v1/me/job-matching'),
  setMatching: (optIn: boolean) =>
    api<JobMatching>('/api/v1/me/job-matching', { method: 'PUT', body: { optIn } }),
  myOpenRoles: () => api<{ optedIn: boolean; items: MyOpenRole[]; total: number }>('/api/v1/me/open-roles'),
  apply: (id: string, input: { message?: string; shareAwardIds: string[] }) =>
    api<MyOpenRole>(mine(id), { method: 'POST', body: input }),
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
    mutationFn: (input: { message?: string; shareAwardIds: string[] }) => openRolesApi.apply(id, input),
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
