// Public profiles: opt-in, a custom slug, the learner's public badges — Tessera's and those they imported
// and made public. A profile that is off, or does not exist, is "not found" to everyone.
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor } from '../identity/index.ts';
import { publicImportedBadgesOf } from '../imports/index.ts';
import { findProfileBySlug, findProfileOf, publicBadgesOf, saveProfileRow } from './profile-store.ts';

export interface ProfileInput {
  slug: string;
  enabled: boolean;
  headline: string | null;
}

export function profileUrl(deps: Deps, slug: string): string {
  return `${deps.config.publicUrl}/people/${slug}`;
}

export async function myProfile(deps: Deps, actor: Actor | null) {
  const me = requireActor(actor);
  const profile = await findProfileOf(deps.db, me.user.id);
  return profile
    ? {
        slug: profile.slug,
        enabled: profile.enabled,
        headline: profile.headline,
        url: profileUrl(deps, profile.slug),
      }
    : null;
}

export async function saveProfile(deps: Deps, actor: Actor | null, input: ProfileInput) {
  const me = requireActor(actor);
  try {
    const row = await saveProfileRow(deps.db, { userId: me.user.id, ...input, updatedAt: deps.now() });
    return { slug: row.slug, enabled: row.enabled, headline: row.headline, url: profileUrl(deps, row.slug) };
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505')
      throw new ConflictError(
        'Someone else already uses this address; choose another.',
        'profile-slug-taken',
      );
    throw error;
  }
}

export async function publicProfile(deps: Deps, slug: string) {
  const profile = await findProfileBySlug(deps.db, slug);
  if (!profile?.enabled) throw new NotFoundError('profile');
  const [badges, imported] = await Promise.all([
    publicBadgesOf(deps.db, profile.userId),
    publicImportedBadgesOf(deps, profile.userId),
  ]);
  return { ...profile, url: profileUrl(deps, profile.slug), badges, imported };
}

export type PublicProfile = Awaited<ReturnType<typeof publicProfile>>;
