// The signed-in person's account in the app: their email addresses (verified, pending, primary) and their API
// tokens. Shapes come from the OpenAPI description (docs/api.md, "account").
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';

export type AccountEmail = ApiResult<'postMeEmails'>;
/** An API token as listed; `prefix` is the first characters of the secret, to recognise it. */
export type ApiToken = Item<ApiResult<'getMeTokens'>['items']>;
/** Only in the reply that creates it: the secret itself. */
export type CreatedApiToken = ApiResult<'postMeTokens'>;
export type NewApiToken = ApiBody<'postMeTokens'>;
export type TokenScope = NewApiToken['scopes'][number];

/** The scopes in the order the token form lists them. */
export const TOKEN_SCOPES: readonly TokenScope[] = [
  'read',
  'orgs:write',
  'catalog:write',
  'awards:write',
  'vc:issue',
  'commerce:write',
  'learning:write',
  'workforce:write',
];

export const accountApi = {
  emails: () => api<ApiResult<'getMeEmails'>>('/api/v1/me/emails'),
  addEmail: (email: string) => api<AccountEmail>('/api/v1/me/emails', { method: 'POST', body: { email } }),
  removeEmail: (id: string) => api<void>(`/api/v1/me/emails/${id}`, { method: 'DELETE' }),
  makePrimary: (id: string) =>
    api<ApiResult<'putMeEmailsByIdPrimary'>>(`/api/v1/me/emails/${id}/primary`, { method: 'PUT' }),
  tokens: () => api<ApiResult<'getMeTokens'>>('/api/v1/me/tokens'),
  createToken: (input: NewApiToken) =>
    api<CreatedApiToken>('/api/v1/me/tokens', { method: 'POST', body: input }),
  revokeToken: (id: string) => api<void>(`/api/v1/me/tokens/${id}`, { method: 'DELETE' }),
};

export const accountKeys = {
  emails: ['me', 'emails'] as const,
  tokens: ['me', 'tokens'] as const,
};
