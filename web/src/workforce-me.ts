// The person's side of employers (docs/employers.md): an invitation opened from its mailed link, accepting
// it, each employer's consent and exactly what it sees, withdrawing. Shapes come from the OpenAPI
// description (src/workforce/schema.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';

/** `maskedEmail`: `m***a@example.org`; `emailVerified`: only then accepting works. */
export type EmployerInvitation = ApiResult<'getMeEmployersInvitationsByToken'>;
export type MyEmployers = ApiResult<'getMeEmployers'>;
/** `consent` is null unless active; `sees` is exactly what the employer sees now. */
export type MyEmployer = Item<MyEmployers['items']>;
export type EmployeeStatus = MyEmployer['status'];
export type Consent = NonNullable<MyEmployer['consent']>;
export type ShareMode = Consent['share'];
/** One badge as the employer sees it. */
export type SharedBadge = Item<MyEmployer['sees']>;
/** Absent lists mean none. */
export type ConsentInput = ApiBody<'putMeEmployersByOrgIdConsent'>;

const base = '/api/v1/me/employers';
const invitationPath = (token: string) => `${base}/invitations/${encodeURIComponent(token)}`;
const employerPath = (orgId: string) => `${base}/${encodeURIComponent(orgId)}`;

export const workforceMeApi = {
  invitation: (token: string) => api<EmployerInvitation>(invitationPath(token)),
  accept: (token: string) => api<MyEmployer>(`${invitationPath(token)}/accept`, { method: 'POST' }),
  employers: () => api<MyEmployers>(base),
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
      queryClient.setQueryData<MyEmployers>(workforceMeKeys.employers, (list) =>
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
