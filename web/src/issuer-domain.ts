// The issuer's own domain (src/issuing/domain-routes.ts): bind, verify, unbind. Shapes come from the OpenAPI
// description.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiResult, api } from './api.ts';

/** The domain, its state, the DID it gives and how to prove it (a DNS TXT record or a file). */
export type DomainBinding = ApiResult<'putOrgsByOrgIdDomain'>;

const domainKey = (orgId: string) => ['issuer-domain', orgId] as const;

export function useIssuerDomain(orgId: string) {
  return useQuery({
    queryKey: domainKey(orgId),
    queryFn: () => api<ApiResult<'getOrgsByOrgIdDomain'>>(`/api/v1/orgs/${orgId}/domain`),
  });
}

/** Every change of the domain changes the DID new credentials name: the identity above is read again. */
function useDomainChange<I, O>(orgId: string, mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: domainKey(orgId) });
      await queryClient.invalidateQueries({ queryKey: ['issuer-identity', orgId] });
    },
  });
}

export const useBindDomain = (orgId: string) =>
  useDomainChange(orgId, (domain: string) =>
    api<DomainBinding>(`/api/v1/orgs/${orgId}/domain`, { method: 'PUT', body: { domain } }),
  );

export const useVerifyDomain = (orgId: string) =>
  useDomainChange(orgId, () => api<DomainBinding>(`/api/v1/orgs/${orgId}/domain/verify`, { method: 'POST' }));

export const useUnbindDomain = (orgId: string) =>
  useDomainChange(orgId, () => api<null>(`/api/v1/orgs/${orgId}/domain`, { method: 'DELETE' }));
