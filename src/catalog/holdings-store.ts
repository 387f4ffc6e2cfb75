// What one learner already has, for the storefront's buttons (issue #18 item 11): the courses they are
// enrolled in (newest attempt) or completed, and the badges in their backpack. Reads the learning and badges
// tables (read-only, like other cross-context read models) with the caller's own user id: never anyone else's.
import type { Executor } from '../db/database.ts';

export interface HeldCourseRow {
  courseId: string;
  enrolmentId: string;
  accessUntil: Date;
}

export async function latestEnrolmentsOf(db: Executor, userId: string): Promise<HeldCourseRow[]> {
  return db
    .selectFrom('enrolments')
    .select(['courseId', 'id as enrolmentId', 'accessUntil'])
    .distinctOn('courseId')
    .where('userId', '=', userId)
    .orderBy('courseId')
    .orderBy('attempt', 'desc')
    .execute();
}

export async function completedCourseIdsOf(db: Executor, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('completions')
    .select('courseId')
    .distinct()
    .where('userId', '=', userId)
    .execute();
  return new Set(rows.map((row) => row.courseId));
}

export interface HeldBadgeRow {
  badgeId: string;
  awardId: string;
  state: 'offered' | 'accepted';
  validUntil: Date | null;
}

/**
 * The newest backpack award of each badge: given to the account, or offered to one of its verified addresses;
 * not superseded, not declined, its credential not revoked (what /learn/badges/{awardId} opens).
 */
export async function heldBadgesOf(
  db: Executor,
  userId: string,
  verifiedEmails: readonly string[],
): Promise<HeldBadgeRow[]> {
  const rows = await db
    .selectFrom('awards as a')
    .leftJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select(['a.badgeId', 'a.id as awardId', 'a.state', 'a.validUntil'])
    .distinctOn('a.badgeId')
    .where('a.state', 'in', ['offered', 'accepted'])
    .where('a.supersededAt', 'is', null)
    .where((eb) => eb.or([eb('c.state', 'is', null), eb('c.state', '!=', 'revoked')]))
    .where((eb) =>
      verifiedEmails.length === 0
        ? eb('a.userId', '=', userId)
        : eb.or([
            eb('a.userId', '=', userId),
            eb.and([eb('a.state', '=', 'offered'), eb('a.recipientEmail', 'in', [...verifiedEmails])]),
          ]),
    )
    .orderBy('a.badgeId')
    .orderBy('a.issuedAt', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, state: row.state as HeldBadgeRow['state'] }));
}
