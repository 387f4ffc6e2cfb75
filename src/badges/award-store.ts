// SQL of awards and their claim links. An award exists once per badge × recipient email × cycle: the
// database's unique key decides, so concurrent or retried callers can never award twice.
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CredentialState } from '../issuing/tables.ts';
import { refreshSkillRollup, refreshSkillRollupOfAwards } from './skill-rollup.ts';
import type { AwardClaimsTable, AwardState, AwardsTable } from './tables.ts';

export type AwardRow = Selectable<AwardsTable>;
export type AwardClaimRow = Selectable<AwardClaimsTable>;
export type AwardWithCredential = AwardRow & { credentialState: CredentialState | null };

/** Inserts the award unless this cycle exists already (then undefined: somebody else awarded it). */
export async function insertAwardOnce(
  db: Executor,
  award: Insertable<AwardsTable>,
): Promise<AwardRow | undefined> {
  return db
    .insertInto('awards')
    .values(award)
    .onConflict((oc) => oc.columns(['badgeId', 'recipientEmail', 'cycle']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findAwardOfCycle(
  db: Executor,
  badgeId: string,
  email: string,
  cycle: number,
): Promise<AwardRow | undefined> {
  return db
    .selectFrom('awards')
    .selectAll()
    .where('badgeId', '=', badgeId)
    .where('recipientEmail', '=', email)
    .where('cycle', '=', cycle)
    .executeTakeFirst();
}

/** The latest cycle of a badge held by an address (superseded or not). */
export async function latestAwardTo(
  db: Executor,
  badgeId: string,
  email: string,
): Promise<AwardRow | undefined> {
  return db
    .selectFrom('awards')
    .selectAll()
    .where('badgeId', '=', badgeId)
    .where('recipientEmail', '=', email)
    .orderBy('cycle', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A learner's current (not superseded) award of a badge, by account or by any of their addresses. */
export async function currentAwardOf(
  db: Executor,
  badgeId: string,
  learner: { userId: string | null; emails: readonly string[] },
): Promise<AwardWithCredential | undefined> {
  const { userId, emails } = learner;
  if (userId === null && emails.length === 0) return undefined;
  return db
    .selectFrom('awards as a')
    .leftJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .selectAll('a')
    .select('c.state as credentialState')
    .where('a.badgeId', '=', badgeId)
    .where('a.supersededAt', 'is', null)
    .where((eb) =>
      eb.or([
        ...(userId ? [eb('a.userId', '=', userId)] : []),
        ...(emails.length > 0 ? [eb('a.recipientEmail', 'in', [...emails])] : []),
      ]),
    )
    .orderBy('a.cycle', 'desc')
    .orderBy('a.createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findAwardInOrg(
  db: Executor,
  orgId: string,
  awardId: string,
): Promise<AwardWithCredential | undefined> {
  return db
    .selectFrom('awards as a')
    .leftJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .selectAll('a')
    .select('c.state as credentialState')
    .where('a.orgId', '=', orgId)
    .where('a.id', '=', awardId)
    .executeTakeFirst();
}

export async function findAward(db: Executor, awardId: string): Promise<AwardRow | undefined> {
  return db.selectFrom('awards').selectAll().where('id', '=', awardId).executeTakeFirst();
}

/** An award's sharing state and its signed credential (none while it waits for its fee). */
export async function findAwardCredential(db: Executor, awardId: string) {
  return db
    .selectFrom('awards as a')
    .leftJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select(['a.visibility', 'a.state', 'c.credential'])
    .where('a.id', '=', awardId)
    .executeTakeFirst();
}

/** When a renewal replaced the award of this credential (null: it was not; undefined: no award has it). */
export async function findSupersessionOfCredential(db: Executor, credentialId: string) {
  return db
    .selectFrom('awards as a')
    .innerJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select(['a.supersededAt', 'c.credential'])
    .where('a.credentialId', '=', credentialId)
    .executeTakeFirst();
}

/**
 * The same for a wallet's copy of an award's credential (src/wallets: a copy re-signed for the holder's DID,
 * with its own `urn:uuid` id): its award's supersession, and the copy as delivered (its issuer).
 */
export async function findSupersessionOfWalletCopy(db: Executor, credentialId: string) {
  return db
    .selectFrom('walletOffers as o')
    .innerJoin('awards as a', 'a.id', 'o.awardId')
    .select(['a.supersededAt', 'o.deliveredCredential as credential'])
    .where('o.deliveredCredentialId', '=', `urn:uuid:${credentialId}`)
    .executeTakeFirst();
}

export async function lockAward(db: Executor, awardId: string): Promise<AwardRow | undefined> {
  return db.selectFrom('awards').selectAll().where('id', '=', awardId).forUpdate().executeTakeFirst();
}

export async function setAwardCredential(
  db: Executor,
  awardId: string,
  credentialId: string,
): Promise<AwardRow> {
  const award = await db
    .updateTable('awards')
    .set({ credentialId })
    .where('id', '=', awardId)
    .returningAll()
    .executeTakeFirstOrThrow();
  // A renewal kept at once is accepted before its credential exists: the skills rollup records both.
  if (award.state === 'accepted' && award.userId) await refreshSkillRollup(db, [award.userId]);
  return award;
}

/** Renewal: the earlier cycle is superseded (it stays valid history, never revoked). */
export async function supersedeAward(db: Executor, awardId: string, by: string, at: Date): Promise<void> {
  await db
    .updateTable('awards')
    .set({ supersededBy: by, supersededAt: at })
    .where('id', '=', awardId)
    .where('supersededAt', 'is', null)
    .execute();
  await refreshSkillRollupOfAwards(db, [awardId]);
}

export async function decideAward(
  db: Executor,
  awardId: string,
  decision: { state: Extract<AwardState, 'accepted' | 'declined'>; userId: string | null; at: Date },
): Promise<AwardRow> {
  const award = await db
    .updateTable('awards')
    .set({
      state: decision.state,
      decidedAt: decision.at,
      ...(decision.userId ? { userId: decision.userId } : {}),
    })
    .where('id', '=', awardId)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (award.state === 'accepted' && award.userId) await refreshSkillRollup(db, [award.userId]);
  return award;
}

export async function insertClaim(db: Executor, claim: Insertable<AwardClaimsTable>): Promise<AwardClaimRow> {
  return db.insertInto('awardClaims').values(claim).returningAll().executeTakeFirstOrThrow();
}

export async function findClaimByHash(
  db: Executor,
  tokenHash: string,
  lock = false,
): Promise<AwardClaimRow | undefined> {
  const query = db.selectFrom('awardClaims').selectAll().where('tokenHash', '=', tokenHash);
  return lock ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function markClaimUsed(db: Executor, claimId: string, at: Date): Promise<void> {
  await db.updateTable('awardClaims').set({ usedAt: at }).where('id', '=', claimId).execute();
}

/** A resent link replaces the earlier ones: they expire now. */
/** Whether the award has a link that is neither used nor expired. */
export async function hasOpenClaim(db: Executor, awardId: string, now: Date): Promise<boolean> {
  const open = await db
    .selectFrom('awardClaims')
    .select('id')
    .where('awardId', '=', awardId)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return open !== undefined;
}

export async function expireOpenClaims(db: Executor, awardId: string, at: Date): Promise<void> {
  await db
    .updateTable('awardClaims')
    .set({ expiresAt: sql<Date>`least(expires_at, ${at})` })
    .where('awardId', '=', awardId)
    .where('usedAt', 'is', null)
    .execute();
}
