// Public profiles: opt-in, a custom slug, a photo, the learner's public badges — Tessera's and those they
// imported and made public — and the skills those badges align. A profile that is off, or does not exist,
// is "not found" to everyone: its page, its photo and its record alike.
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor } from '../identity/index.ts';
import { publicImportedBadgesOf } from '../imports/index.ts';
import { photoNameOf } from './profile-photo.ts';
import { topSkillsOf } from './profile-skills.ts';
import { findProfileBySlug, findProfileOf, publicBadgesOf, saveProfileRow } from './profile-store.ts';

export interface ProfileInput {
  slug: string;
  enabled: boolean;
  headline: string | null;
}

export function profileUrl(deps: Deps, slug: string): string {
  return `${deps.config.publicUrl}/people/${slug}`;
}

/** The photo's public address (changes with every upload, so it is cached long) and the owner's preview. */
export function photoUrls(deps: Deps, slug: string, avatarKey: string | null) {
  const name = photoNameOf(avatarKey);
  return name
    ? { url: `${profileUrl(deps, slug)}/photo/${name}`, previewUrl: `/api/v1/me/profile/photo?v=${name}` }
    : null;
}

interface ProfileRow {
  slug: string;
  enabled: boolean;
  headline: string | null;
  avatarKey: string | null;
}

export const presentProfile = (deps: Deps, row: ProfileRow) => ({
  slug: row.slug,
  enabled: row.enabled,
  headline: row.headline,
  url: profileUrl(deps, row.slug),
  photo: photoUrls(deps, row.slug, row.avatarKey),
});

export async function myProfile(deps: Deps, actor: Actor | null) {
  const me = requireActor(actor);
  const profile = await findProfileOf(deps.db, me.user.id);
  return profile ? presentProfile(deps, profile) : null;
}

export async function saveProfile(deps: Deps, actor: Actor | null, input: ProfileInput) {
  const me = requireActor(actor);
  try {
    const row = await saveProfileRow(deps.db, { userId: me.user.id, ...input, updatedAt: deps.now() });
    return presentProfile(deps, row);
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505')
      throw new ConflictError(
        'Someone else already uses this address; choose another.',
        'profile-slug-taken',
      );
    throw error;
  }
}

/** The profile behind a public address, if it is on; "not found" otherwise. */
export async function enabledProfile(deps: Deps, slug: string) {
  const profile = await findProfileBySlug(deps.db, slug);
  if (!profile?.enabled) throw new NotFoundError('profile');
  return profile;
}

export async function publicProfile(deps: Deps, slug: string) {
  const profile = await enabledProfile(deps, slug);
  const [badges, imported] = await Promise.all([
    publicBadgesOf(deps.db, profile.userId),
    publicImportedBadgesOf(deps, profile.userId),
  ]);
  const now = deps.now();
  return {
    ...profile,
    url: profileUrl(deps, profile.slug),
    photoUrl: photoUrls(deps, profile.slug, profile.avatarKey)?.url ?? null,
    badges,
    imported,
    skills: topSkillsOf(badges, now),
  };
}

export type PublicProfile = Awaited<ReturnType<typeof publicProfile>>;
