// Badges the learner brought from other issuers (src/imports): import by URL, pasted JSON/JWT or a
// baked image; list, check again, share, remove. Shapes come from the OpenAPI description.
import { type ApiResult, api, type Item } from './api.ts';

export type ImportedBadge = Item<ApiResult<'getMeImportedBadges'>['items']>;
/** One badge with the last verification's report, check by check. */
export type ImportedBadgeDetail = ApiResult<'getMeImportedBadgesById'>;
export type ImportVerdict = ImportedBadge['verdict'];
export type ImportCheck = Item<ImportedBadge['issues']>;

/** Exactly one of the three: the app's own choice of how to send it (a file goes as multipart). */
export type ImportRequest = { url: string } | { credential: string } | { file: File };

const base = '/api/v1/me/imported-badges';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const importsApi = {
  list: () => api<ApiResult<'getMeImportedBadges'>>(base),
  detail: (id: string) => api<ImportedBadgeDetail>(one(id)),
  add: (request: ImportRequest) => {
    if ('file' in request) {
      const form = new FormData();
      form.append('file', request.file);
      return api<ImportedBadgeDetail>(base, { method: 'POST', body: form });
    }
    return api<ImportedBadgeDetail>(base, { method: 'POST', body: request });
  },
  verify: (id: string) => api<ImportedBadgeDetail>(`${one(id)}/verify`, { method: 'POST' }),
  share: (id: string, visibility: 'private' | 'public') =>
    api<ImportedBadge>(`${one(id)}/sharing`, { method: 'PUT', body: { visibility } }),
  remove: (id: string) => api<void>(one(id), { method: 'DELETE' }),
};

export const importKeys = {
  list: ['imported-badges'] as const,
};
