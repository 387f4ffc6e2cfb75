// An organization's LTI 1.3 platforms (src/lti/routes.ts, docs/integrations.md): the LMSs that may launch Tessera,
// each with what to paste into the LMS (the tool's URLs and its public key for that registration). Shapes come
// from the OpenAPI description.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';

export type LtiPlatform = Item<ApiResult<'getOrgsByOrgIdLtiPlatforms'>['items']>;
export type LtiPlatformInput = ApiBody<'postOrgsByOrgIdLtiPlatforms'>;

const base = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/lti/platforms`;

export const ltiKeys = {
  platforms: (orgId: string) => ['lti', orgId, 'platforms'] as const,
};

export const ltiApi = {
  platforms: (orgId: string) => api<ApiResult<'getOrgsByOrgIdLtiPlatforms'>>(base(orgId)),
  register: (orgId: string, body: LtiPlatformInput) =>
    api<ApiResult<'postOrgsByOrgIdLtiPlatforms'>>(base(orgId), { method: 'POST', body }),
  remove: (orgId: string, id: string) =>
    api<undefined>(`${base(orgId)}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

export function useLtiPlatforms(orgId: string) {
  return useQuery({ queryKey: ltiKeys.platforms(orgId), queryFn: () => ltiApi.platforms(orgId) });
}

/** A change to the organization's platforms; `onDone` runs first, then the list is read again. */
export function useLtiChange<I, O>(
  orgId: string,
  mutationFn: (input: I) => Promise<O>,
  onDone?: (result: O) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      onDone?.(result);
      return queryClient.invalidateQueries({ queryKey: ltiKeys.platforms(orgId) });
    },
  });
}

/** Deployment ids as typed: separated by commas or line breaks, blanks and repeats dropped, in order. */
export function parseDeploymentIds(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n\r]+/)
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
}

/** The platform's public key as it is pasted into an LMS that takes a JWK rather than the JWKS URL. */
export function publicJwkText(platform: LtiPlatform): string {
  return JSON.stringify(platform.tool.publicJwk, null, 2);
}

/** What a registration is called in the list: its name, else its issuer. */
export function platformLabel(platform: LtiPlatform): string {
  return platform.name.trim() || platform.issuer;
}
