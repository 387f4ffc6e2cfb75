// The first-badge issuance fee, on the badges side. An issuer may charge a one-time fee for a learner's
// first badge from it: that award waits in 'awaiting-fee' (no credential, no claim, not held) until the
// fee order is paid; paying releases every award of that learner at that issuer still waiting.
// Awarding and releasing take one lock per issuer × learner, so a badge earned while the fee is being
// paid is either released by the payment or, seeing the paid one, issued without a fee.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { formatMoney } from '../i18n/index.ts';
import { accountContact } from '../identity/index.ts';
import { queueMail } from '../mail/index.ts';
import { type IssuanceFee, issuanceFeeOf, organizationById } from '../orgs/index.ts';
import { issueAward, wholeSeconds } from './award.ts';
import type { AwardRow } from './award-store.ts';
import { findVersion } from './definition-store.ts';
import { learnerOfUser } from './learner-record.ts';
import { validUntilOf } from './model.ts';
import type { AwardSource } from './tables.ts';

interface FeeLearner {
  orgId: string;
  userId: string | null;
  email: string;
}

async function lockLearnerAtIssuer(trx: Executor, learner: FeeLearner): Promise<void> {
  const key = `issuance-fee:${learner.orgId}:${learner.userId ?? learner.email.toLowerCase()}`;
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/** Every address that counts as this learner: the account's verified ones, else the one given. */
async function addressesOf(trx: Executor, learner: FeeLearner): Promise<string[]> {
  const account = learner.userId ? await learnerOfUser(trx, learner.userId) : undefined;
  return [...new Set([learner.email.toLowerCase(), ...(account?.emails ?? [])])];
}

function ofLearner(trx: Executor, learner: FeeLearner, emails: readonly string[]) {
  return trx
    .selectFrom('awards')
    .where('orgId', '=', learner.orgId)
    .where((eb) =>
      eb.or([
        ...(learner.userId ? [eb('userId', '=', learner.userId)] : []),
        eb('recipientEmail', 'in', [...emails]),
      ]),
    );
}

/**
 * The fee owed before this award may be issued, or null: only a badge earned (completion or pathway,
 * first cycle) from an issuer with a fee, by a learner who has no award of that issuer yet other than
 * ones waiting for the same fee. Manual and bulk awards never charge.
 */
export async function issuanceFeeDue(
  trx: Executor,
  award: FeeLearner & { source: AwardSource; cycle: number },
): Promise<IssuanceFee | null> {
  if (award.cycle !== 1 || (award.source !== 'completion' && award.source !== 'pathway')) return null;
  const fee = await issuanceFeeOf(trx, award.orgId);
  if (!fee) return null;
  await lockLearnerAtIssuer(trx, award);
  const held = await ofLearner(trx, award, await addressesOf(trx, award))
    .select('id')
    .where('state', '!=', 'awaiting-fee')
    .limit(1)
    .executeTakeFirst();
  return held ? null : fee;
}

/** Where the learner pays: the award's page in the web app. */
export const feePayUrl = (deps: Deps, awardId: string) => `${deps.config.publicUrl}/learn/badges/${awardId}`;

/** "Your badge is ready once the fee is paid", queued in the awarding transaction, once per award. */
export async function queueFeeDueMail(
  deps: Deps,
  trx: Executor,
  award: AwardRow,
  fee: IssuanceFee,
): Promise<void> {
  const version = await findVersion(trx, award.badgeVersionId);
  const org = await organizationById(trx, award.orgId);
  const contact = award.userId ? await accountContact(trx, award.userId) : undefined;
  const name = award.recipientName ?? contact?.name ?? undefined;
  await queueMail(deps, trx, {
    to: award.recipientEmail,
    locale: contact?.locale ?? 'en',
    template: {
      kind: 'badge-fee-due',
      ...(name ? { name } : {}),
      badgeName: version?.name ?? '',
      issuerName: org?.name ?? '',
      amount: formatMoney(fee.amountMinor, fee.currency, contact?.locale ?? 'en'),
      payUrl: feePayUrl(deps, award.id),
    },
    idempotencyKey: `badge-fee-due:${award.id}`,
  });
}

/** The learner's own award that waits for its fee (else undefined: not theirs, or not waiting). */
export async function awaitingFeeAward(
  db: Executor,
  userId: string,
  awardId: string,
): Promise<AwardRow | undefined> {
  return db
    .selectFrom('awards')
    .selectAll()
    .where('id', '=', awardId)
    .where('userId', '=', userId)
    .where('state', '=', 'awaiting-fee')
    .executeTakeFirst();
}

/** The learner's awards waiting for an issuance fee, oldest first. */
export async function awardsAwaitingFeeOf(db: Executor, userId: string): Promise<AwardRow[]> {
  return db
    .selectFrom('awards')
    .selectAll()
    .where('userId', '=', userId)
    .where('state', '=', 'awaiting-fee')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** The learner's own award, whatever its state (to tell "not yours" from "no fee due"). */
export async function awardOfLearner(
  db: Executor,
  userId: string,
  awardId: string,
): Promise<AwardRow | undefined> {
  return db
    .selectFrom('awards')
    .selectAll()
    .where('id', '=', awardId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** Everyone with an award waiting for this issuer's fee (to release them when the issuer drops the fee). */
export async function learnersAwaitingFee(db: Executor, orgId: string): Promise<FeeLearner[]> {
  const rows = await db
    .selectFrom('awards')
    .select(['userId', 'recipientEmail'])
    .distinct()
    .where('orgId', '=', orgId)
    .where('state', '=', 'awaiting-fee')
    .execute();
  return rows.map((row) => ({ orgId, userId: row.userId, email: row.recipientEmail }));
}

/**
 * The fee is paid: every award of this learner at this issuer still waiting is issued now — dated
 * today (its validity starts when it is issued), credential, claim link and "Accept your badge" mail —
 * and the pathway badges that require them are evaluated. Returns the released awards.
 */
export async function releaseAwardsAwaitingFee(
  deps: Deps,
  trx: Executor,
  learner: FeeLearner,
): Promise<AwardRow[]> {
  await lockLearnerAtIssuer(trx, learner);
  const waiting = await ofLearner(trx, learner, await addressesOf(trx, learner))
    .selectAll()
    .where('state', '=', 'awaiting-fee')
    .orderBy('createdAt')
    .orderBy('id')
    .forUpdate()
    .execute();
  const released: AwardRow[] = [];
  for (const award of waiting) {
    const version = await findVersion(trx, award.badgeVersionId);
    if (!version) throw new Error(`award ${award.id} names a missing badge version`);
    const issuedAt = wholeSeconds(deps.now());
    const offered = await trx
      .updateTable('awards')
      .set({
        state: 'offered',
        issuedAt,
        awardedDate: issuedAt,
        validUntil: validUntilOf(issuedAt, version.validityDays),
      })
      .where('id', '=', award.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    released.push(
      await issueAward(deps, trx, offered, version, { previous: undefined, renewal: false, depth: 0 }),
    );
  }
  return released;
}
