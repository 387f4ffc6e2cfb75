// Reads for public badge pages: one award with what its page shows, in one query.
import type { Executor } from '../db/database.ts';

export async function findShowcasedAward(db: Executor, awardId: string) {
  return db
    .selectFrom('awards as a')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .innerJoin('organizations as o', 'o.id', 'a.orgId')
    .innerJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .leftJoin('users as u', 'u.id', 'a.userId')
    .select([
      'a.id',
      'a.orgId',
      'a.userId',
      'a.state',
      'a.visibility',
      'a.showName',
      'a.showEvidence',
      'a.recipientName',
      'a.evidenceUrl',
      'a.awardedDate',
      'a.issuedAt',
      'a.validUntil',
      'a.supersededAt',
      'a.badgeId',
      'a.badgeVersionId',
      'c.id as credentialId',
      'v.number as versionNumber',
      'v.name',
      'v.description',
      'v.criteriaNarrative',
      'v.skills',
      'v.level',
      'o.name as issuerName',
      'o.slug as issuerSlug',
      'o.websiteUrl as issuerWebsite',
      'c.credential',
      'c.jwt',
      'c.state as credentialState',
      'u.name as userName',
    ])
    .where('a.id', '=', awardId)
    .executeTakeFirst();
}

export type ShowcasedAward = NonNullable<Awaited<ReturnType<typeof findShowcasedAward>>>;

export async function setSharing(
  db: Executor,
  awardId: string,
  userId: string,
  sharing: { visibility?: 'private' | 'public'; showName?: boolean; showEvidence?: boolean },
) {
  return db
    .updateTable('awards')
    .set(sharing)
    .where('id', '=', awardId)
    .where('userId', '=', userId)
    .where('state', '=', 'accepted')
    .returning(['id', 'visibility', 'showName', 'showEvidence'])
    .executeTakeFirst();
}
