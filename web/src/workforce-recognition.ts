// Recognition and the weekly digest as the app sees them: congratulations and endorsements of a shared badge,
// what a person received, and each manager's digest setting. Shapes come from the OpenAPI description
// (src/workforce/endorse-schema.ts, digest-routes.ts; docs/endorsements.md).
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';

/** `credentialUrl`: endorsements only, where anyone fetches the signed credential. */
export type Endorsement = Item<ApiResult<'getMeEndorsements'>['items']>;
export type EndorsementKind = Endorsement['kind'];
export type NewEndorsement = ApiBody<'postOrgsByOrgIdEmployeesByEmployeeIdEndorsements'>;
export type DigestSetting = ApiResult<'getOrgsByOrgIdDigest'>;

export const MAX_COMMENT = 1000;

const org = (orgId: string) => `/api/v1/orgs/${orgId}`;

export const recognitionApi = {
  sent: async (orgId: string, employeeId: string) =>
    (
      await api<ApiResult<'getOrgsByOrgIdEmployeesByEmployeeIdEndorsements'>>(
        `${org(orgId)}/employees/${employeeId}/endorsements`,
      )
    ).items,
  send: (orgId: string, employeeId: string, body: NewEndorsement) =>
    api<Endorsement>(`${org(orgId)}/employees/${employeeId}/endorsements`, { method: 'POST', body }),
  withdraw: (orgId: string, employeeId: string, id: string) =>
    api<void>(`${org(orgId)}/employees/${employeeId}/endorsements/${id}`, { method: 'DELETE' }),
  mine: async (awardId?: string) =>
    (
      await api<ApiResult<'getMeEndorsements'>>(
        `/api/v1/me/endorsements${awardId ? `?${new URLSearchParams({ awardId })}` : ''}`,
      )
    ).items,
  digest: (orgId: string) => api<DigestSetting>(`${org(orgId)}/digest`),
  setDigest: (orgId: string, enabled: boolean) =>
    api<DigestSetting>(`${org(orgId)}/digest`, { method: 'PUT', body: { enabled } }),
};

export const recognitionKeys = {
  sent: (orgId: string, employeeId: string) => ['recognition', orgId, employeeId] as const,
  mine: (awardId?: string) => ['recognition', 'mine', awardId ?? 'all'] as const,
  digest: (orgId: string) => ['recognition', orgId, 'digest'] as const,
};
