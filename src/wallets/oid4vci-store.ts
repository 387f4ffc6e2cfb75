// SQL of OID4VCI on wallet offers: redeeming the pre-authorized code once, counting wrong transaction codes,
// completing the offer with the access token it gave, and the nonces of credential-request proofs.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { WalletOfferRow } from './store.ts';

/**
 * Redeems the offer's pre-authorized code for the access token (its hash kept): exactly one caller wins while
 * the offer is open and unredeemed; the others (a replayed code) get undefined.
 */
export async function redeemPreAuthorizedCode(
  db: Executor,
  offerId: string,
  accessTokenHash: string,
  now: Date,
): Promise<WalletOfferRow | undefined> {
  return db
    .updateTable('walletOffers')
    .set({ tokenIssuedAt: now, accessTokenHash })
    .where('id', '=', offerId)
    .where('tokenIssuedAt', 'is', null)
    .where('completedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** One more wrong transaction code; at the limit the offer expires now. Answers the failures so far. */
export async function countTxCodeFailure(db: Executor, offerId: string, limit: number, now: Date) {
  const row = await db
    .updateTable('walletOffers')
    .set({
      txCodeFailures: sql`tx_code_failures + 1`,
      expiresAt: sql`case when tx_code_failures + 1 >= ${limit} then ${now} else expires_at end`,
    })
    .where('id', '=', offerId)
    .returning('txCodeFailures')
    .executeTakeFirst();
  return row?.txCodeFailures ?? limit;
}

/** A new nonce; expired ones are dropped on the way (they can never be used). */
export async function insertNonce(db: Executor, nonce: string, expiresAt: Date, now: Date): Promise<void> {
  await db.deleteFrom('walletNonces').where('expiresAt', '<', now).execute();
  await db.insertInto('walletNonces').values({ nonce, expiresAt, usedAt: null }).execute();
}

export async function findUsableNonce(db: Executor, nonce: string, now: Date) {
  return db
    .selectFrom('walletNonces')
    .selectAll()
    .where('nonce', '=', nonce)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}

/** Uses the nonce: true for the one caller that does, false when it was used or expired meanwhile. */
export async function spendNonce(db: Executor, nonce: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('walletNonces')
    .set({ usedAt: now })
    .where('nonce', '=', nonce)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returning('nonce')
    .executeTakeFirst();
  return row !== undefined;
}
