// Recognition and the weekly digest as the app sees them: congratulations and endorsements of a shared badge,
// what a person received, and each manager's digest setting. Shapes are the API's (src/workforce/endorse-schema.ts,
// digest-routes.ts; docs/endorsements.md).
import { api } from './api.ts';

export type EndorsementKind = 'congratulation' | 'endorsement';

export interface Endorsement {
  id: string;
  org: { id: string; name: string };
  employeeId: string;
  awardId: string;
  badgeName: string;
  kind: EndorsementKind;
  comment: string;
  authorName: string;
  /** Endorsements: where anyone fetches the signed credential. */
  credentialUrl: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export const MAX_COMMENT = 1000;

const org = (orgId: string) => `/api/v1/orgs/${orgId}`;

export const recognitionApi = {
  sent: async (orgId: string, employeeId: string) =>
    (await api<{ items: Endorsement[] }>(`${org(orgId)}/employees/${employeeId}/endorsements`)).items,
  send: (
    orgId: string,
    employeeId: string,
    body: { awardId: string; kind: EndorsementKind; comment: string },
  ) => api<Endorsement>(`${org(orgId)}/employees/${employeeId}/endorsements`, { method: 'POST', body }),
  withdraw: (orgId: string, employeeId: string, id: string) =>
    api<void>(`${org(orgId)}/employees/${employeeId}/endorsements/${id}`, { method: 'DELETE' }),
  mine: async (awardId?: string) =>
    (
      await api<{ items: Endorsement[] }>(
        `/api/v1/me/endorsements${awardId ? `?${new URLSearchParams({ awardId })}` : ''}`,
      )
    ).items,
  digest: (orgId: string) => api<{ enabled: boolean }>(`${org(orgId)}/digest`),
  setDigest: (orgId: string, enabled: boolean) =>
    api<{ enabled: boolean }>(`${org(orgId)}/digest`, { method: 'PUT', body: { enabled } }),
};

export const recognitionKeys = {
  sent: (orgId: string, employeeId: string) => ['recognition', orgId, employeeId] as const,
  mine: (awardId?: string) => ['recognition', 'mine', awardId ?? 'all'] as const,
  digest: (orgId: string) => ['recognition', orgId, 'digest'] as const,
};
