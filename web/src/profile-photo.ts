// My public profile's photo: upload (PNG or JPEG, at most 1 MB, checked on the server), removal, and the
// profile as the server answers it with its photo. Shapes come from the OpenAPI description.
import { type ApiResult, api } from './api.ts';

/** The profile as the photo routes answer it, with its photo (null: none). */
export type ProfileWithPhoto = ApiResult<'putMeProfilePhoto'>;
/** `url` is the public address (404 while the profile is off); `previewUrl` my own copy, shown either way. */
export type ProfilePhoto = NonNullable<ProfileWithPhoto['photo']>;

export const MAX_PHOTO_BYTES = 1024 * 1024;

export const profilePhotoApi = {
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<ProfileWithPhoto>('/api/v1/me/profile/photo', { method: 'PUT', body: form });
  },
  remove: () => api<ProfileWithPhoto>('/api/v1/me/profile/photo', { method: 'DELETE' }),
};
