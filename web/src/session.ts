// The signed-in user, their organizations and the active one, as the API's session reply gives them (shapes
// from the OpenAPI description; the dashboards are the app's own).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiBody, ApiProblem, type ApiResult, api, type Item, setCsrfToken } from './api.ts';

/** The signed-in user, their memberships, the active organization and the CSRF token for writes. */
export type Session = ApiResult<'getAuthSession'>;
export type Membership = Item<Session['memberships']>;
export type OrgKind = Membership['org']['kind'];
export type MembershipRole = Membership['role'];
export type LoginInput = ApiBody<'postAuthLogin'>;

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
    mutationFn: (input: LoginInput) => api<Session>('/api/v1/auth/login', { method: 'POST', body: input }),
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
      api<ApiResult<'putAuthSessionOrganization'>>('/api/v1/auth/session/organization', {
        method: 'PUT',
        body: { orgId },
      }),
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
