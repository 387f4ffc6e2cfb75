// A profile's photo: uploaded by its learner (checked as hostile by profile-photo-check.ts), kept in the
// file storage under a random name that a new upload replaces, served publicly only while the profile is on
// and only under its current name, and removable (the file goes with it).
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor } from '../identity/index.ts';
import { checkProfilePhoto, PHOTO_CONTENT_TYPES, type PhotoType } from './profile-photo-check.ts';
import { findProfileBySlug, findProfileOf, setAvatarKey } from './profile-store.ts';

const KEY = /^avatars\/([0-9a-f-]{36}\.(png|jpeg))$/;

/** The public file name of a stored photo (`<uuid>.<type>`), null for none. */
export function photoNameOf(avatarKey: string | null): string | null {
  return avatarKey ? (KEY.exec(avatarKey)?.[1] ?? null) : null;
}

export interface PhotoFile {
  bytes: Buffer;
  contentType: string;
}

async function read(deps: Deps, avatarKey: string | null): Promise<PhotoFile> {
  const match = avatarKey ? KEY.exec(avatarKey) : null;
  if (!avatarKey || !match) throw new NotFoundError('photo');
  const stored = await deps.storage.get(avatarKey);
  if (!stored) throw new NotFoundError('photo');
  return { bytes: stored.bytes, contentType: PHOTO_CONTENT_TYPES[match[2] as PhotoType] };
}

/** Checks the learner has a profile to put a photo on, before the upload's body is read. */
export async function mayChangePhoto(deps: Deps, actor: Actor | null): Promise<void> {
  const me = requireActor(actor);
  if (!(await findProfileOf(deps.db, me.user.id)))
    throw new ConflictError('Create your profile (its address) before adding a photo.', 'profile-missing');
}

export async function uploadPhoto(deps: Deps, actor: Actor | null, upload: Buffer) {
  const me = requireActor(actor);
  await mayChangePhoto(deps, actor);
  const { type, bytes } = checkProfilePhoto(upload);
  const key = `avatars/${randomUUID()}.${type}`;
  await deps.storage.put(key, bytes, PHOTO_CONTENT_TYPES[type]);
  const changed = await setAvatarKey(deps.db, me.user.id, key, deps.now());
  if (!changed) {
    await deps.storage.delete(key);
    throw new NotFoundError('profile');
  }
  if (changed.before.avatarKey) await deps.storage.delete(changed.before.avatarKey);
  return changed.after;
}

export async function removePhoto(deps: Deps, actor: Actor | null) {
  const me = requireActor(actor);
  const changed = await setAvatarKey(deps.db, me.user.id, null, deps.now());
  if (!changed) throw new NotFoundError('profile');
  if (changed.before.avatarKey) await deps.storage.delete(changed.before.avatarKey);
  return changed.after;
}

/** My own photo, whether the profile is on or off (the settings page previews it). */
export async function myPhoto(deps: Deps, actor: Actor | null): Promise<PhotoFile> {
  const me = requireActor(actor);
  const profile = await findProfileOf(deps.db, me.user.id);
  return read(deps, profile?.avatarKey ?? null);
}

/** Anyone may read the photo of a profile that is on, under its current name only. */
export async function publicPhoto(deps: Deps, slug: string, name: string): Promise<PhotoFile> {
  const profile = await findProfileBySlug(deps.db, slug);
  if (!profile?.enabled || photoNameOf(profile.avatarKey) !== name) throw new NotFoundError('photo');
  return read(deps, profile.avatarKey);
}
