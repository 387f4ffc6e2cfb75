// Reads and writes of public profiles, and the public badges a profile lists.
import type { Executor } from '../db/database.ts';
import type { ProfilesTable } from './tables.ts';

export async function findProfileOf(db: Executor, userId: string) {
  return db.selectFrom('profiles').selectAll().where('userId', '=', userId).executeTakeFirst();
}

export async function findProfileBySlug(db: Executor, slug: string) {
  return db
    .selectFrom('profiles as p')
    .innerJoin('users as u', 'u.id', 'p.userId')
    .select(['p.userId', 'p.slug', 'p.enabled', 'p.headline', 'u.name'])
    .where('p.slug', '=', slug)
    .executeTakeFirst();
}

/** Insert or update; a slug another person holds violates the unique key (the caller says so). */
export async function saveProfileRow(db: Executor, row: ProfilesTable) {
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

/** A person's public, current, valid-as-issued badges (not revoked or suspended, not superseded). */
export async function publicBadgesOf(db: Executor, userId: string) {
  return db
    .selectFrom('awards as a')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .innerJoin('organizations as o', 'o.id', 'a.orgId')
    .innerJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select([
      'a.id',
      'a.badgeId',
      'a.issuedAt',
      'a.validUntil',
      'v.number as versionNumber',
      'v.name',
      'o.name as issuerName',
    ])
    .where('a.userId', '=', userId)
    .where('a.state', '=', 'accepted')
    .where('a.visibility', '=', 'public')
    .where('a.supersededAt', 'is', null)
    .where('c.state', '=', 'active')
    .orderBy('a.issuedAt', 'desc')
    .limit(500)
    .execute();
}
