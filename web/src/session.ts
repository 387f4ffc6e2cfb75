// The signed-in user, their organizations and the active one, as the API's session reply gives them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiProblem, api, setCsrfToken } from './api.ts';

export type OrgKind = 'issuer' | 'employer';
export type MembershipRole = 'owner' | 'admin' | 'staff' | 'assessor' | 'manager';

export interface Membership {
  org: { id: string; slug: string; name: string; kind: OrgKind };
  role: MembershipRole;
}

export interface Session {
  user: {
    id: string;
    name: string;
    emails: Array<{ email: string; verified: boolean; primary: boolean }>;
    /** Set for the install's operators (may be absent in older replies). */
    isOperator?: boolean;
  };
  memberships: Membership[];
  activeOrgId: string | null;
  csrfToken: string;
}

export const sessionKey = ['session'] as const;
/** How long a session read stays fresh (it is read again after, e.g. on the next page). */
export const SESSION_STALE_MS = 60_000;

export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('/api/v1/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The current session, or null when nobody is signed in. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: SESSION_STALE_MS, retry: false });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api<Session>('/api/v1/auth/login', { method: 'POST', body: input }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/v1/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    },
  });
}

export function useSwitchOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orgId: string) =>
      api<unknown>('/api/v1/auth/session/organization', { method: 'PUT', body: { orgId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKey }),
  });
}

export type DashboardKind = 'learner' | 'issuer' | 'assessor' | 'employer' | 'operator';

export const dashboardPaths: Record<DashboardKind, string> = {
  learner: '/learn',
  issuer: '/issue',
  assessor: '/assess',
  employer: '/employ',
  operator: '/operate',
};

export function activeMembership(session: Session): Membership | undefined {
  return session.memberships.find((m) => m.org.id === session.activeOrgId);
}

/** Which dashboard the active membership leads to; operators without one land on theirs. */
export function dashboardFor(session: Session): DashboardKind {
  const membership = activeMembership(session);
  if (!membership) return session.user.isOperator ? 'operator' : 'learner';
  if (membership.role === 'assessor') return 'assessor';
  if (membership.role === 'manager' || membership.org.kind === 'employer') return 'employer';
  return 'issuer';
}
