// The issuer console's client: the issuer's DID and keys (rotate, revoke a compromised key) and the review
// history. Shapes come from the OpenAPI description.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiBody, type ApiQuery, type ApiResult, api, type Item } from './api.ts';

export type IssuerIdentity = ApiResult<'getOrgsByOrgIdIssuer'>;
export type IssuerKey = Item<IssuerIdentity['keys']>;
export type KeyState = IssuerKey['state'];
export type KeyRevocation = ApiResult<'postOrgsByOrgIdIssuerKeysByKeyNumberRevoke'>;
export type KeyRevocationInput = ApiBody<'postOrgsByOrgIdIssuerKeysByKeyNumberRevoke'> & {
  keyNumber: number;
};

export type ReviewHistoryPage = ApiResult<'getOrgsByOrgIdReviewsHistory'>;
export type ReviewHistoryItem = Item<ReviewHistoryPage['items']>;
export type ReviewHistoryAssessor = NonNullable<ApiQuery<'getOrgsByOrgIdReviewsHistory'>['assessor']>;

const identityKey = (orgId: string) => ['issuer-identity', orgId] as const;

export function useIssuerIdentity(orgId: string) {
  return useQuery({
    queryKey: identityKey(orgId),
    queryFn: () => api<IssuerIdentity>(`/api/v1/orgs/${orgId}/issuer`),
  });
}

export function useRotateKey(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<IssuerKey>(`/api/v1/orgs/${orgId}/issuer/keys`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identityKey(orgId) }),
  });
}

export function useRevokeKey(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: KeyRevocationInput) =>
      api<KeyRevocation>(`/api/v1/orgs/${orgId}/issuer/keys/${input.keyNumber}/revoke`, {
        method: 'POST',
        body: {
          reason: input.reason,
          ...(input.compromisedSince ? { compromisedSince: input.compromisedSince } : {}),
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identityKey(orgId) }),
  });
}

export function useReviewHistory(
  orgId: string,
  assessor: ReviewHistoryAssessor,
  page: number,
  pageSize: number,
) {
  return useQuery({
    queryKey: ['review-history', orgId, assessor, page, pageSize],
    queryFn: () =>
      api<ReviewHistoryPage>(
        `/api/v1/orgs/${orgId}/reviews/history?assessor=${assessor}&page=${page}&pageSize=${pageSize}`,
      ),
  });
}
