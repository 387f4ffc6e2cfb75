// My public profile's photo: upload (PNG or JPEG, at most 1 MB, checked on the server), removal, and the
// profile as the server answers it with its photo. Shapes follow src/showcase/profile-routes.ts.
import { api } from './api.ts';
import type { Profile } from './sharing.ts';

export interface ProfilePhoto {
  /** Public address (404 while the profile is off). */
  url: string;
  /** My own copy, shown whether the profile is on or off. */
  previewUrl: string;
}

export type ProfileWithPhoto = Profile & { photo?: ProfilePhoto | null };

export const MAX_PHOTO_BYTES = 1024 * 1024;

export const profilePhotoApi = {
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<ProfileWithPhoto>('/api/v1/me/profile/photo', { method: 'PUT', body: form });
  },
  remove: () => api<ProfileWithPhoto>('/api/v1/me/profile/photo', { method: 'DELETE' }),
};
