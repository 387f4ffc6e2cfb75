// Badges the learner brought from other issuers (src/imports): import by URL, pasted JSON/JWT or a
// baked image; list, check again, share, remove. Shapes follow src/imports/schema.ts.
import { api } from './api.ts';

export type ImportVerdict = 'verified' | 'not-verified' | 'could-not-check';

export interface ImportCheck {
  code: string;
  status: 'passed' | 'failed' | 'unchecked';
  message: string;
}

export interface ImportedBadge {
  id: string;
  source: 'baked-image' | 'url' | 'json' | 'jwt';
  format: string;
  badgeName: string;
  issuerName: string | null;
  issuerId: string | null;
  imageUrl: string | null;
  validFrom: string | null;
  validUntil: string | null;
  verdict: ImportVerdict;
  checkedAt: string;
  visibility: 'private' | 'public';
  pageUrl: string;
  createdAt: string;
  /** The checks of the last verification that did not pass. */
  issues: ImportCheck[];
}

export interface ImportedBadgeDetail extends ImportedBadge {
  report: { verdict: ImportVerdict; format: string; checks: ImportCheck[] };
}

/** Exactly one of the three. */
export type ImportRequest = { url: string } | { credential: string } | { file: File };

const base = '/api/v1/me/imported-badges';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const importsApi = {
  list: () => api<{ items: ImportedBadge[] }>(base),
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
