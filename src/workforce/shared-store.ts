// SQL of what a consent shows: the person's awards on this server and the badges they imported, read for
// one person only, filtered by the consent's rows. The awards and imported badges stay their contexts'
// tables; this reads them as the insights context does, and never writes them.
import type { Executor } from '../db/database.ts';
import type { Skill } from '../skills/index.ts';
import type { SharedImportState } from './model.ts';

export interface SharedAwardRow {
  id: string;
  name: string;
  issuer: string;
  issuedAt: Date;
  validUntil: Date | null;
  credentialState: string | null;
  skills: Skill[];
}

export interface SharedImportRow {
  id: string;
  name: string;
  issuer: string | null;
  validFrom: string | null;
  validUntil: string | null;
  createdAt: Date;
  verdict: SharedImportState;
}

function acceptedAwards(db: Executor, userId: string) {
  return db
    .selectFrom('awards as a')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .innerJoin('organizations as o', 'o.id', 'a.orgId')
    .leftJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select([
      'a.id',
      'v.name',
      'o.name as issuer',
      'a.issuedAt',
      'a.validUntil',
      'c.state as credentialState',
      'v.skills',
    ])
    .where('a.userId', '=', userId)
    .where('a.state', '=', 'accepted')
    .where((eb) => eb.or([eb('c.state', 'is', null), eb('c.state', '<>', 'revoked')]));
}

/** Every current award the person accepted (renewed ones once, revoked ones never). */
export async function allAwardsOf(db: Executor, userId: string): Promise<SharedAwardRow[]> {
  return acceptedAwards(db, userId)
    .where('a.supersededAt', 'is', null)
    .orderBy('a.issuedAt', 'desc')
    .orderBy('a.id')
    .execute();
}

/** The awards the person chose for this employer that are still theirs and not revoked. */
export async function chosenAwardsOf(db: Executor, orgId: string, userId: string): Promise<SharedAwardRow[]> {
  return acceptedAwards(db, userId)
    .innerJoin('workforceSharedAwards as s', (join) =>
      join.onRef('s.awardId', '=', 'a.id').on('s.orgId', '=', orgId).on('s.userId', '=', userId),
    )
    .orderBy('a.issuedAt', 'desc')
    .orderBy('a.id')
    .execute();
}

function imports(db: Executor, userId: string) {
  return db
    .selectFrom('importedBadges as i')
    .select([
      'i.id',
      'i.badgeName as name',
      'i.issuerName as issuer',
      'i.validFrom',
      'i.validUntil',
      'i.createdAt',
      'i.verdict',
    ])
    .where('i.userId', '=', userId);
}

export async function allImportsOf(db: Executor, userId: string): Promise<SharedImportRow[]> {
  return imports(db, userId).orderBy('i.createdAt', 'desc').orderBy('i.id').execute();
}

export async function chosenImportsOf(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<SharedImportRow[]> {
  return imports(db, userId)
    .innerJoin('workforceSharedImports as s', (join) =>
      join.onRef('s.importId', '=', 'i.id').on('s.orgId', '=', orgId).on('s.userId', '=', userId),
    )
    .orderBy('i.createdAt', 'desc')
    .orderBy('i.id')
    .execute();
}

/** Which of these award ids the person accepted (the only awards they may share). */
export async function ownAwardIds(
  db: Executor,
  userId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('awards')
    .select('id')
    .where('userId', '=', userId)
    .where('state', '=', 'accepted')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((row) => row.id));
}

export async function ownImportIds(
  db: Executor,
  userId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('importedBadges')
    .select('id')
    .where('userId', '=', userId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((row) => row.id));
}
