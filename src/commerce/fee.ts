// The first-badge issuance fee, on the commerce side: the learner whose badge waits for the issuer's fee
// asks for a fee order (one line), pays it like any order, and its fulfilment releases the badge.
// One fee order at a time per learner and issuer: asking again returns the one awaiting payment.
import { sql } from 'kysely';
import { type AwardRow, awardOfLearner, awardsAwaitingFeeOf, findVersion } from '../badges/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor } from '../identity/index.ts';
import { organizationById } from '../orgs/index.ts';
import { placeOrder } from './checkout.ts';
import { pendingFeeOrder } from './offers-store.ts';
import { commerceSettingsOf } from './settings.ts';
import type { OrderRow } from './store.ts';

export interface FeeDue {
  awardId: string;
  badgeId: string;
  badgeName: string;
  orgId: string;
  issuerName: string;
  amountMinor: number;
  currency: string;
  /** The fee order awaiting payment, if the learner asked for one. */
  orderId: string | null;
}

async function waitingAward(trx: Executor, userId: string, awardId: string) {
  const award = await awardOfLearner(trx, userId, awardId);
  if (!award) throw new NotFoundError('award');
  if (award.state !== 'awaiting-fee') {
    throw new ConflictError('This badge does not wait for an issuance fee.', 'fee-not-due');
  }
  return award;
}

async function currentFee(trx: Executor, orgId: string) {
  const { issuanceFee } = await commerceSettingsOf(trx, orgId);
  if (!issuanceFee) throw new ConflictError('This issuer charges no issuance fee any more.', 'fee-not-due');
  return issuanceFee;
}

/** What the learner owes before their badge is issued. */
export async function feeDue(deps: Deps, actor: Actor | null, awardId: string): Promise<FeeDue> {
  const me = requireActor(actor);
  const award = await waitingAward(deps.db, me.user.id, awardId);
  return feeDueOf(deps.db, award, await currentFee(deps.db, award.orgId));
}

/** Every badge of mine waiting for its issuer's fee (those of an issuer that dropped its fee are left out). */
export async function myFeesDue(deps: Deps, actor: Actor | null): Promise<FeeDue[]> {
  const me = requireActor(actor);
  const due: FeeDue[] = [];
  for (const award of await awardsAwaitingFeeOf(deps.db, me.user.id)) {
    const { issuanceFee } = await commerceSettingsOf(deps.db, award.orgId);
    if (issuanceFee) due.push(await feeDueOf(deps.db, award, issuanceFee));
  }
  return due;
}

async function feeDueOf(
  db: Executor,
  award: AwardRow,
  fee: { amountMinor: number; currency: string },
): Promise<FeeDue> {
  const version = await findVersion(db, award.badgeVersionId);
  const org = await organizationById(db, award.orgId);
  const pending = await pendingFeeOrder(db, award.orgId, award.userId ?? '');
  return {
    awardId: award.id,
    badgeId: award.badgeId,
    badgeName: version?.name ?? '',
    orgId: award.orgId,
    issuerName: org?.name ?? '',
    amountMinor: fee.amountMinor,
    currency: fee.currency,
    orderId: pending?.id ?? null,
  };
}

/**
 * The fee order of an award waiting for its fee: a new one (created: true), or the learner's fee order
 * at this issuer that still awaits payment — paying any of them releases every waiting badge.
 */
export async function feeOrderFor(
  deps: Deps,
  actor: Actor | null,
  awardId: string,
): Promise<{ order: OrderRow; created: boolean }> {
  const me = requireActor(actor);
  return deps.db.transaction().execute(async (trx) => {
    const award = await waitingAward(trx, me.user.id, awardId);
    // Double clicks meet here: the second waits, then finds the first one's order.
    await sql`select pg_advisory_xact_lock(hashtext(${`fee-order:${award.orgId}:${me.user.id}`}))`.execute(
      trx,
    );
    const pending = await pendingFeeOrder(trx, award.orgId, me.user.id);
    if (pending) return { order: pending, created: false };
    const fee = await currentFee(trx, award.orgId);
    const version = await findVersion(trx, award.badgeVersionId);
    const order = await placeOrder(deps, trx, {
      orgId: award.orgId,
      userId: me.user.id,
      kind: 'issuance-fee',
      currency: fee.currency,
      lines: [
        {
          kind: 'issuance-fee',
          awardId: award.id,
          badgeId: award.badgeId,
          description: `Badge issuance fee — ${version?.name ?? 'badge'}`,
          listMinor: fee.amountMinor,
          discountMinor: 0,
        },
      ],
    });
    return { order, created: true };
  });
}
