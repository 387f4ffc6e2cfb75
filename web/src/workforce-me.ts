// The person's side of employers (docs/employers.md): an invitation opened from its mailed link, accepting
// it, each employer's consent and exactly what it sees, withdrawing. Shapes follow src/workforce/schema.ts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api.ts';
import type { Skill } from './skills.ts';

export type EmployeeStatus = 'invited' | 'active' | 'withdrawn' | 'removed';
export type ShareMode = 'all' | 'chosen';

export interface EmployerInvitation {
  orgName: string;
  /** The invited address, masked (`m***a@example.org`). */
  maskedEmail: string;
  /** Whether one of the caller's verified addresses is the invited one (only then accepting works). */
  emailVerified: boolean;
}

export interface Consent {
  share: ShareMode;
  includeImports: boolean;
  awardIds: string[];
  importIds: string[];
}

/** One badge as the employer sees it. */
export interface SharedBadge {
  kind: 'award' | 'import';
  id: string;
  name: string;
  issuer: string | null;
  issuedAt: string;
  validUntil: string | null;
  /** Awards: active, suspended or expired; imported badges: verified, not-verified or could-not-check. */
  state: string;
  skills: Skill[];
}

export interface MyEmployer {
  org: { id: string; name: string; slug: string };
  status: EmployeeStatus;
  acceptedAt: string | null;
  /** null unless active. */
  consent: Consent | null;
  /** Exactly what the employer sees now. */
  sees: SharedBadge[];
}

export interface ConsentInput {
  share: ShareMode;
  includeImports: boolean;
  /** Absent lists mean none. */
  awardIds?: string[];
  importIds?: string[];
}

const base = '/api/v1/me/employers';
const invitationPath = (token: string) => `${base}/invitations/${encodeURIComponent(token)}`;
const employerPath = (orgId: string) => `${base}/${encodeURIComponent(orgId)}`;

export const workforceMeApi = {
  invitation: (token: string) => api<EmployerInvitation>(invitationPath(token)),
  accept: (token: string) => api<MyEmployer>(`${invitationPath(token)}/accept`, { method: 'POST' }),
  employers: () => api<{ items: MyEmployer[] }>(base),
  saveConsent: (orgId: string, input: ConsentInput) =>
    api<MyEmployer>(`${employerPath(orgId)}/consent`, { method: 'PUT', body: input }),
  withdraw: (orgId: string) => api<void>(employerPath(orgId), { method: 'DELETE' }),
};

export const workforceMeKeys = {
  employers: ['my-employers'] as const,
  invitation: (token: string) => ['employer-invitation', token] as const,
};

/** The invitation behind a link; only asked for when someone is signed in (the API needs a session). */
export function useEmployerInvitation(token: string, enabled: boolean) {
  return useQuery({
    queryKey: workforceMeKeys.invitation(token),
    queryFn: () => workforceMeApi.invitation(token),
    enabled,
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => workforceMeApi.accept(token),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: workforceMeKeys.employers });
    },
  });
}

export function useMyEmployers() {
  return useQuery({ queryKey: workforceMeKeys.employers, queryFn: workforceMeApi.employers });
}

export function useSaveConsent(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConsentInput) => workforceMeApi.saveConsent(orgId, input),
    onSuccess: (entry) =>
      queryClient.setQueryData<{ items: MyEmployer[] }>(workforceMeKeys.employers, (list) =>
        list ? { items: list.items.map((item) => (item.org.id === entry.org.id ? entry : item)) } : list,
      ),
  });
}

export function useWithdraw(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => workforceMeApi.withdraw(orgId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workforceMeKeys.employers }),
  });
}
