// Reads and writes of public profiles, and the public badges a profile lists.
import type { Insertable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { ProfilesTable } from './tables.ts';

export async function findProfileOf(db: Executor, userId: string) {
  return db.selectFrom('profiles').selectAll().where('userId', '=', userId).executeTakeFirst();
}

export async function findProfileBySlug(db: Executor, slug: string) {
  return db
    .selectFrom('profiles as p')
    .innerJoin('users as u', 'u.id', 'p.userId')
    .select(['p.userId', 'p.slug', 'p.enabled', 'p.headline', 'p.avatarKey', 'u.name'])
    .where('p.slug', '=', slug)
    .executeTakeFirst();
}

/** Insert or update; a slug another person holds violates the unique key (the caller says so). */
export async function saveProfileRow(db: Executor, row: Insertable<ProfilesTable>) {
  return db
    .insertInto('profiles')
    .values(row)
    .onConflict((oc) =>
      oc.column('userId').doUpdateSet({
        slug: row.slug,
        enabled: row.enabled,
        headline: row.headline,
        updatedAt: row.updatedAt,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Points the profile at another photo (or none); the profile row as it was before, to remove the old file. */
export async function setAvatarKey(db: Executor, userId: string, avatarKey: string | null, now: Date) {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('profiles')
      .select('avatarKey')
      .where('userId', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return undefined;
    const after = await trx
      .updateTable('profiles')
      .set({ avatarKey, updatedAt: now })
      .where('userId', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { before, after };
  });
}

/** A person's public, current, valid-as-issued awards (accepted, public, not superseded, credential active). */
function publicAwardsOf(db: Executor, userId: string) {
  return db
    .selectFrom('awards as a')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .innerJoin('organizations as o', 'o.id', 'a.orgId')
    .innerJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .where('a.userId', '=', userId)
    .where('a.state', '=', 'accepted')
    .where('a.visibility', '=', 'public')
    .where('a.supersededAt', 'is', null)
    .where('c.state', '=', 'active')
    .orderBy('a.issuedAt', 'desc')
    .orderBy('a.id')
    .limit(500);
}

/** The badges a profile page shows, with the skills each badge version aligns. */
export async function publicBadgesOf(db: Executor, userId: string) {
  return publicAwardsOf(db, userId)
    .select([
      'a.id',
      'a.badgeId',
      'a.issuedAt',
      'a.validUntil',
      'v.number as versionNumber',
      'v.name',
      'v.skills',
      'o.name as issuerName',
    ])
    .execute();
}

/** The same badges with their signed credentials and the learner's choice about evidence, for the record. */
export async function publicCredentialsOf(db: Executor, userId: string) {
  return publicAwardsOf(db, userId).select(['a.id', 'a.showEvidence', 'c.credential']).execute();
}
