// Sharing one of my badges (src/showcase): who may see its public page, the share links and snippets,
// the files to download, and my public profile. Shapes come from the OpenAPI description.
import { type ApiBody, type ApiResult, api } from './api.ts';

export type SharingChoice = ApiBody<'putMeBadgesByAwardIdSharing'>;
export type Sharing = ApiResult<'putMeBadgesByAwardIdSharing'>;
/** The share links and snippets; `public` says whether the badge page is public (the links 404 until it is). */
export type ShareLinks = ApiResult<'getMeBadgesByAwardIdShare'>;

/** What the downloads API serves, in the order the Downloads panel lists them. */
export const DOWNLOAD_FILES = [
  'badge.png',
  'badge.svg',
  'badge-jwt.png',
  'badge-ob2.png',
  'badge-ob2.svg',
  'credential.json',
  'credential.jwt',
] as const;
export type DownloadFile = (typeof DOWNLOAD_FILES)[number];

/** My public profile (/people/<slug>) with its photo; `url` 404s to everyone while the profile is off. */
export type Profile = ApiResult<'putMeProfile'>;
export type ProfileInput = ApiBody<'putMeProfile'>;

const mine = (awardId: string) => `/api/v1/me/badges/${encodeURIComponent(awardId)}`;

export const downloadUrl = (awardId: string, file: DownloadFile) => `${mine(awardId)}/downloads/${file}`;

export const sharingApi = {
  links: (awardId: string) => api<ShareLinks>(`${mine(awardId)}/share`),
  change: (awardId: string, choice: SharingChoice) =>
    api<Sharing>(`${mine(awardId)}/sharing`, { method: 'PUT', body: choice }),
  profile: () => api<ApiResult<'getMeProfile'>>('/api/v1/me/profile'),
  saveProfile: (profile: ProfileInput) =>
    api<Profile>('/api/v1/me/profile', { method: 'PUT', body: profile }),
};

export const sharingKeys = {
  links: (awardId: string) => ['my-badges', awardId, 'share'] as const,
  profile: ['my-profile'] as const,
};

/** Copies text to the clipboard; false where the browser refuses (no permission, insecure origin). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
