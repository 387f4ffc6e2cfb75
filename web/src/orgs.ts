// The organization console's client: create an organization, its settings and branding (logo, colour,
// contact), members and their roles, invitations by email, and the invited person's side of a link.
// Shapes come from the OpenAPI description (api-types.ts; src/orgs/schema.ts, invitation-schema.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';
import { type MembershipRole, type OrgKind, sessionKey } from './session.ts';

export type Organization = ApiResult<'getOrgsByOrgId'>;
export type OrganizationPatch = ApiBody<'patchOrgsByOrgId'>;
/** An issuer registry the organization is listed in (shown on its public issuer page). */
export type RegistryListing = Organization['registryListings'][number];

export type NewOrganization = ApiBody<'postOrgs'>;
export type Member = Item<ApiResult<'getOrgsByOrgIdMembers'>['items']>;
export type Invitation = Item<ApiResult<'getOrgsByOrgIdInvitations'>['items']>;
export type NewInvitation = ApiBody<'postOrgsByOrgIdInvitations'>;
/** What a link offers: `maskedEmail` is `m***a@example.org`; accepting works only when `emailVerified`. */
export type InvitationLanding = ApiResult<'getMeOrgInvitationsByToken'>;
export type AcceptedInvitation = ApiResult<'postMeOrgInvitationsByTokenAccept'>;

/** The roles each kind of organization has (src/orgs/model.ts). */
export const ROLES_BY_KIND: Record<OrgKind, MembershipRole[]> = {
  issuer: ['owner', 'admin', 'staff', 'assessor'],
  employer: ['owner', 'admin', 'manager'],
};

const org = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}`;
const invitationPath = (token: string) => `/api/v1/me/org-invitations/${encodeURIComponent(token)}`;

export const orgsApi = {
  create: (input: NewOrganization) => api<Organization>('/api/v1/orgs', { method: 'POST', body: input }),
  get: (orgId: string) => api<Organization>(org(orgId)),
  update: (orgId: string, patch: OrganizationPatch) =>
    api<Organization>(org(orgId), { method: 'PATCH', body: patch }),
  uploadLogo: (orgId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<Organization>(`${org(orgId)}/logo`, { method: 'PUT', body: form });
  },
  removeLogo: (orgId: string) => api<Organization>(`${org(orgId)}/logo`, { method: 'DELETE' }),
  members: (orgId: string) => api<ApiResult<'getOrgsByOrgIdMembers'>>(`${org(orgId)}/members`),
  changeRole: (orgId: string, userId: string, role: MembershipRole) =>
    api<Member>(`${org(orgId)}/members/${encodeURIComponent(userId)}`, { method: 'PATCH', body: { role } }),
  removeMember: (orgId: string, userId: string) =>
    api<void>(`${org(orgId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  invitations: (orgId: string) => api<ApiResult<'getOrgsByOrgIdInvitations'>>(`${org(orgId)}/invitations`),
  invite: (orgId: string, input: NewInvitation) =>
    api<Invitation>(`${org(orgId)}/invitations`, { method: 'POST', body: input }),
  revoke: (orgId: string, id: string) =>
    api<void>(`${org(orgId)}/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  landing: (token: string) => api<InvitationLanding>(invitationPath(token)),
  accept: (token: string) => api<AcceptedInvitation>(`${invitationPath(token)}/accept`, { method: 'POST' }),
};

export const orgKeys = {
  org: (orgId: string) => ['org', orgId] as const,
  members: (orgId: string) => ['org', orgId, 'members'] as const,
  invitations: (orgId: string) => ['org', orgId, 'invitations'] as const,
  landing: (token: string) => ['org-invitation', token] as const,
};

export function useOrganization(orgId: string | null) {
  return useQuery({
    queryKey: orgKeys.org(orgId ?? ''),
    queryFn: () => orgsApi.get(orgId ?? ''),
    enabled: Boolean(orgId),
  });
}

/** Creates the organization and makes it the active one (the caller owns it). */
export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: NewOrganization) => {
      const created = await orgsApi.create(input);
      await api<unknown>('/api/v1/auth/session/organization', { method: 'PUT', body: { orgId: created.id } });
      return created;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKey }),
  });
}

export function useUpdateOrganization(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: OrganizationPatch) => orgsApi.update(orgId, patch),
    onSuccess: async (saved) => {
      queryClient.setQueryData(orgKeys.org(orgId), saved);
      // The header's organization switcher shows the name.
      await queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

export function useLogo(orgId: string) {
  const queryClient = useQueryClient();
  const done = (saved: Organization) => queryClient.setQueryData(orgKeys.org(orgId), saved);
  return {
    upload: useMutation({ mutationFn: (file: File) => orgsApi.uploadLogo(orgId, file), onSuccess: done }),
    remove: useMutation({ mutationFn: () => orgsApi.removeLogo(orgId), onSuccess: done }),
  };
}

export function useMembers(orgId: string) {
  return useQuery({ queryKey: orgKeys.members(orgId), queryFn: () => orgsApi.members(orgId) });
}

export function useInvitations(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: orgKeys.invitations(orgId),
    queryFn: () => orgsApi.invitations(orgId),
    enabled,
  });
}

export function useMemberChanges(orgId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: orgKeys.members(orgId) });
  return {
    changeRole: useMutation({
      mutationFn: (input: { userId: string; role: MembershipRole }) =>
        orgsApi.changeRole(orgId, input.userId, input.role),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (userId: string) => orgsApi.removeMember(orgId, userId),
      onSuccess: refresh,
    }),
  };
}

export function useInvitationChanges(orgId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: orgKeys.invitations(orgId) });
  return {
    invite: useMutation({
      mutationFn: (input: NewInvitation) => orgsApi.invite(orgId, input),
      onSuccess: refresh,
    }),
    revoke: useMutation({ mutationFn: (id: string) => orgsApi.revoke(orgId, id), onSuccess: refresh }),
  };
}

/** What a link offers; asked for signed in or not (the address stays masked). */
export function useInvitationLanding(token: string) {
  return useQuery({ queryKey: orgKeys.landing(token), queryFn: () => orgsApi.landing(token), retry: false });
}

export function useAcceptOrgInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const accepted = await orgsApi.accept(token);
      await api<unknown>('/api/v1/auth/session/organization', {
        method: 'PUT',
        body: { orgId: accepted.org.id },
      });
      return accepted;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKey }),
  });
}

/** WCAG contrast of `#rrggbb` against white, as the server checks it (src/orgs/branding-model.ts). */
export function contrastWithWhite(color: string): number {
  const channel = (hex: string) => {
    const value = Number.parseInt(hex, 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const l =
    0.2126 * channel(color.slice(1, 3)) +
    0.7152 * channel(color.slice(3, 5)) +
    0.0722 * channel(color.slice(5, 7));
  return Math.floor((1.05 / (l + 0.05)) * 100 + 1e-9) / 100;
}

export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
export const MIN_CONTRAST = 4.5;
