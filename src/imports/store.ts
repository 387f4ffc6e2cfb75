// SQL of the imports context. Every read of a learner's badge is scoped by user id: someone else's
// badge is simply not found.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { VerificationReport } from '../verification/index.ts';
import type { ImportedBadgesTable, ImportVisibility } from './tables.ts';

export type ImportedBadge = Selectable<ImportedBadgesTable>;
export type NewImportedBadge = Omit<Insertable<ImportedBadgesTable>, 'report'> & {
  report: VerificationReport;
};

export async function countImported(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('importedBadges')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('userId', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertImported(db: Executor, row: NewImportedBadge): Promise<ImportedBadge> {
  return db
    .insertInto('importedBadges')
    .values({ ...row, report: JSON.stringify(row.report) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listImported(db: Executor, userId: string): Promise<ImportedBadge[]> {
  return db
    .selectFrom('importedBadges')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
}

export function findImported(db: Executor, userId: string, id: string): Promise<ImportedBadge | undefined> {
  return db
    .selectFrom('importedBadges')
    .selectAll()
    .where('userId', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findPublicImported(
  db: Executor,
  id: string,
): Promise<(ImportedBadge & { holderName: string }) | undefined> {
  return db
    .selectFrom('importedBadges')
    .innerJoin('users', 'users.id', 'importedBadges.userId')
    .selectAll('importedBadges')
    .select('users.name as holderName')
    .where('importedBadges.id', '=', id)
    .where('importedBadges.visibility', '=', 'public')
    .executeTakeFirst();
}

/** What a learner's public profile lists of the badges they imported and made public (explicit fields). */
export function publicImportsOf(db: Executor, userId: string) {
  return db
    .selectFrom('importedBadges')
    .select(['id', 'badgeName', 'issuerName', 'issuerId', 'imageUrl', 'verdict', 'checkedAt'])
    .where('userId', '=', userId)
    .where('visibility', '=', 'public')
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
}

/** The badges as brought (payloads), of those a learner made public: the whole record carries them as issued. */
export function publicImportPayloadsOf(db: Executor, userId: string) {
  return db
    .selectFrom('importedBadges')
    .select(['id', 'format', 'payloadKind', 'payload', 'verdict'])
    .where('userId', '=', userId)
    .where('visibility', '=', 'public')
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
}

export async function deleteImported(db: Executor, userId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('importedBadges')
    .where('userId', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function setVisibility(
  db: Executor,
  userId: string,
  id: string,
  visibility: ImportVisibility,
): Promise<ImportedBadge | undefined> {
  return db
    .updateTable('importedBadges')
    .set({ visibility })
    .where('userId', '=', userId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export interface VerificationUpdate {
  report: VerificationReport;
  checkedAt: Date;
  /** Only when the new check read them: a revoked badge keeps the names it was imported with. */
  summary?: Partial<
    Pick<ImportedBadge, 'badgeName' | 'issuerName' | 'issuerId' | 'validFrom' | 'validUntil'>
  >;
}

export function recordVerification(
  db: Executor,
  id: string,
  update: VerificationUpdate,
): Promise<ImportedBadge | undefined> {
  return db
    .updateTable('importedBadges')
    .set({
      ...update.summary,
      report: JSON.stringify(update.report),
      verdict: update.report.verdict,
      format: update.report.format === 'unknown' ? undefined : update.report.format,
      checkedAt: update.checkedAt,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Takes up to `limit` badges last checked before `before`, oldest first, and marks them checked at
 * `now` in the same statement, so another worker process does not take them too (a lease: if this
 * process dies, they wait for the next period).
 */
export async function takeStale(
  db: Executor,
  before: Date,
  now: Date,
  limit: number,
): Promise<ImportedBadge[]> {
  return db
    .updateTable('importedBadges')
    .set({ checkedAt: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('importedBadges')
        .select('id')
        .where('checkedAt', '<', before)
        .orderBy('checkedAt')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}
