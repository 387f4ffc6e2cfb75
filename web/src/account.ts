// The signed-in person's account in the app: their email addresses (verified, pending, primary) and their API
// tokens. Shapes follow src/identity/schema.ts (docs/api.md, "account").
import { api } from './api.ts';

export interface AccountEmail {
  id: string;
  email: string;
  verified: boolean;
  primary: boolean;
}

export interface ApiToken {
  id: string;
  name: string;
  /** The first characters of the secret, to recognise it. */
  prefix: string;
  orgId: string | null;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Only in the reply that creates it: the secret itself. */
export type CreatedApiToken = ApiToken & { token: string };

export const TOKEN_SCOPES = [
  'read',
  'orgs:write',
  'catalog:write',
  'awards:write',
  'vc:issue',
  'commerce:write',
  'learning:write',
  'workforce:write',
] as const;

export const accountApi = {
  emails: () => api<{ items: AccountEmail[] }>('/api/v1/me/emails'),
  addEmail: (email: string) => api<AccountEmail>('/api/v1/me/emails', { method: 'POST', body: { email } }),
  removeEmail: (id: string) => api<void>(`/api/v1/me/emails/${id}`, { method: 'DELETE' }),
  makePrimary: (id: string) => api<AccountEmail>(`/api/v1/me/emails/${id}/primary`, { method: 'PUT' }),
  tokens: () => api<{ items: ApiToken[] }>('/api/v1/me/tokens'),
  createToken: (input: { name: string; scopes: string[]; orgId: string | null }) =>
    api<CreatedApiToken>('/api/v1/me/tokens', { method: 'POST', body: input }),
  revokeToken: (id: string) => api<void>(`/api/v1/me/tokens/${id}`, { method: 'DELETE' }),
};

export const accountKeys = {
  emails: ['me', 'emails'] as const,
  tokens: ['me', 'tokens'] as const,
};
