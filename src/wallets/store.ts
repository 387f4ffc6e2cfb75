// SQL of wallet offers, and the one read of the award an offer delivers (its learner, state and credential).
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { WalletOffersTable } from './tables.ts';

export type WalletOfferRow = Selectable<WalletOffersTable>;

/** An award with what delivering it needs: whose it is, whether it is accepted, its credential and state. */
export async function findDeliverableAward(db: Executor, awardId: string) {
  return db
    .selectFrom('awards as a')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .leftJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select([
      'a.id',
      'a.orgId',
      'a.userId',
      'a.state',
      'a.supersededAt',
      'v.name as badgeName',
      'c.credential',
      'c.state as credentialState',
    ])
    .where('a.id', '=', awardId)
    .executeTakeFirst();
}

export type DeliverableAward = NonNullable<Awaited<ReturnType<typeof findDeliverableAward>>>;

export async function insertOffer(
  db: Executor,
  offer: Insertable<WalletOffersTable>,
): Promise<WalletOfferRow> {
  return db.insertInto('walletOffers').values(offer).returningAll().executeTakeFirstOrThrow();
}

/** A new link retires the award's older open ones: one live link per award at a time. */
export async function expireOpenOffers(db: Executor, awardId: string, userId: string, now: Date) {
  await db
    .updateTable('walletOffers')
    .set({ expiresAt: now })
    .where('awardId', '=', awardId)
    .where('userId', '=', userId)
    .where('completedAt', 'is', null)
    .where('expiresAt', '>', now)
    .execute();
}

export async function findOffer(db: Executor, offerId: string): Promise<WalletOfferRow | undefined> {
  return db.selectFrom('walletOffers').selectAll().where('id', '=', offerId).executeTakeFirst();
}

/** Sets the exchange's challenge unless one is set already; either way answers the offer as it now is. */
export async function startExchange(
  db: Executor,
  offerId: string,
  challenge: string,
  now: Date,
): Promise<WalletOfferRow | undefined> {
  await db
    .updateTable('walletOffers')
    .set({ challenge, exchangeStartedAt: now })
    .where('id', '=', offerId)
    .where('challenge', 'is', null)
    .where('completedAt', 'is', null)
    .execute();
  return findOffer(db, offerId);
}

/**
 * Completes the offer if it is still open and what the wallet answered with is the offer's own (the VC-API
 * challenge, or the OID4VCI access token's hash): exactly one caller wins (the others get undefined), so a
 * replayed or concurrent request never receives a second copy.
 */
export async function completeOffer(
  db: Executor,
  offer: { id: string } & ({ challenge: string } | { accessTokenHash: string }),
  delivery: { holderDid: string; credentialId: string; credential: Record<string, unknown> },
  now: Date,
): Promise<WalletOfferRow | undefined> {
  const byChallenge = 'challenge' in offer;
  return db
    .updateTable('walletOffers')
    .set({
      completedAt: now,
      completedVia: byChallenge ? 'vcapi' : 'oid4vci',
      holderDid: delivery.holderDid,
      deliveredCredentialId: delivery.credentialId,
      deliveredCredential: JSON.stringify(delivery.credential),
    })
    .where('id', '=', offer.id)
    .$if(byChallenge, (q) => q.where('challenge', '=', (offer as { challenge: string }).challenge))
    .$if(!byChallenge, (q) =>
      q.where('accessTokenHash', '=', (offer as { accessTokenHash: string }).accessTokenHash),
    )
    .where('completedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
}
