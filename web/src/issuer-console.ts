// The issuer console's client: the issuer's DID and keys (rotate, revoke a compromised key) and the review
// history. Shapes follow src/issuing/schema.ts and src/learning/review-history-schema.ts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api.ts';

export type KeyState = 'active' | 'retired' | 'revoked';

export interface IssuerKey {
  keyNumber: number;
  verificationMethod: string;
  publicKeyMultibase: string;
  fingerprint: string;
  createdAt: string;
  retiredAt: string | null;
  active: boolean;
  state: KeyState;
  revokedAt: string | null;
  compromisedSince: string | null;
  revokedReason: string | null;
}

export interface IssuerIdentity {
  did: string;
  didMethod: 'web' | 'key';
  keys: IssuerKey[];
}

export interface KeyRevocation {
  revoked: IssuerKey;
  replacement: IssuerKey | null;
  affectedCredentials: number;
}

export interface ReviewHistoryItem {
  submissionId: string;
  learnerName: string;
  courseTitle: string;
  taskTitle: string;
  task: string;
  response: string;
  decision: 'accepted' | 'returned';
  reviewedAt: string;
  submittedAt: string;
  feedback: string | null;
  scores: { criterion: string; level: string; points: number }[] | null;
  reviewerName: string;
}

export interface ReviewHistoryPage {
  items: ReviewHistoryItem[];
  total: number;
  page: number;
  pageSize: number;
}

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
    mutationFn: (input: { keyNumber: number; reason: string; compromisedSince?: string }) =>
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

export function useReviewHistory(orgId: string, assessor: 'me' | 'all', page: number, pageSize: number) {
  return useQuery({
    queryKey: ['review-history', orgId, assessor, page, pageSize],
    queryFn: () =>
      api<ReviewHistoryPage>(
        `/api/v1/orgs/${orgId}/reviews/history?assessor=${assessor}&page=${page}&pageSize=${pageSize}`,
      ),
  });
}
