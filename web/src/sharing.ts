// Sharing one of my badges (src/showcase): who may see its public page, the share links and snippets,
// the files to download, and my public profile. Shapes follow src/showcase/*routes.ts.
import { api } from './api.ts';

export interface SharingChoice {
  visibility?: 'private' | 'public';
  showName?: boolean;
  showEvidence?: boolean;
}

export interface Sharing {
  id: string;
  visibility: 'private' | 'public';
  showName: boolean;
  showEvidence: boolean;
  pageUrl: string;
}

export interface ShareLinks {
  /** Whether the badge page is public: the links lead to a 404 until it is. */
  public: boolean;
  showName: boolean;
  showEvidence: boolean;
  pageUrl: string;
  linkedInAddToProfile: string;
  linkedInPost: string;
  x: string;
  facebook: string;
  email: string;
  embedHtml: string;
  oembedUrl: string;
  emailSignatureHtml: string;
  qrSvgUrl: string;
  qrPngUrl: string;
}

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

export interface Profile {
  /** /people/<slug>: lower-case letters, digits and single hyphens, 3 to 40 characters. */
  slug: string;
  enabled: boolean;
  headline: string | null;
  /** The public page's address (404 to everyone while the profile is off). */
  url: string;
}

export type ProfileInput = Omit<Profile, 'url'>;

const mine = (awardId: string) => `/api/v1/me/badges/${encodeURIComponent(awardId)}`;

export const downloadUrl = (awardId: string, file: DownloadFile) => `${mine(awardId)}/downloads/${file}`;

export const sharingApi = {
  links: (awardId: string) => api<ShareLinks>(`${mine(awardId)}/share`),
  change: (awardId: string, choice: SharingChoice) =>
    api<Sharing>(`${mine(awardId)}/sharing`, { method: 'PUT', body: choice }),
  profile: () => api<{ profile: Profile | null }>('/api/v1/me/profile'),
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
