// An issuer's commerce settings: the tax added to every line, the default bundle discount, what the
// receipts print about the seller, and the first-badge issuance fee (kept on the organization).
import { learnersAwaitingFee, releaseAwardsAwaitingFee } from '../badges/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { type FieldProblem, InvalidError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import {
  type ActorOrSystem,
  type IssuanceFee,
  issuanceFeeOf,
  type MembershipRole,
  organizationById,
  requireMembership,
  setIssuanceFee,
} from '../orgs/index.ts';
import { assertCurrency } from './money.ts';
import { findSettings, upsertSettings } from './offers-store.ts';
import { setTestCardPayments } from './test-card-store.ts';

export interface CommerceSettings {
  /** Basis points added on top of each line's discounted price (2000 = 20 %). */
  taxRateBp: number;
  taxLabel: string;
  /** The default discount of every bundle without its own (1000 = 10 %). */
  bundleDiscountBp: number;
  /** Printed on receipts: legal name, address, tax number. */
  sellerDetails: string;
  /** A learner's first badge from this issuer waits for this fee; null: none. */
  issuanceFee: IssuanceFee | null;
  /** Learners pay by test card, no money moving (the demo issuer); PAYMENTS_TEST_MODE=off overrides it. */
  testCardPayments: boolean;
}

export const DEFAULT_BUNDLE_DISCOUNT_BP = 1000;
export const MAX_FEE_MINOR = 100_000_000;
export const SELLER_DETAILS_MAX = 2000;

/** Commerce managers: who may see the shop's settings, bundles, coupons, orders and audit trail. */
export const SHOP_STAFF: readonly MembershipRole[] = ['owner', 'admin', 'staff'];
/** Who may change prices, coupons and settings, and grant exceptional refunds. */
export const SHOP_MANAGERS: readonly MembershipRole[] = ['owner', 'admin'];

/** The settings an order is priced with; defaults when the issuer never saved any. */
export async function commerceSettingsOf(db: Executor, orgId: string): Promise<CommerceSettings> {
  const row = await findSettings(db, orgId);
  return {
    taxRateBp: row?.taxRateBp ?? 0,
    taxLabel: row?.taxLabel ?? 'Tax',
    bundleDiscountBp: row?.bundleDiscountBp ?? DEFAULT_BUNDLE_DISCOUNT_BP,
    sellerDetails: row?.sellerDetails ?? '',
    issuanceFee: await issuanceFeeOf(db, orgId),
    testCardPayments: row?.testCardPayments ?? false,
  };
}

/** Only issuers sell: an employer organization has no shop. */
export async function requireIssuer(db: Executor, orgId: string): Promise<void> {
  const org = await organizationById(db, orgId);
  if (!org) throw new NotFoundError('organization');
  if (org.kind !== 'issuer') throw new RuleError('not-an-issuer', 'Only issuer organizations sell courses.');
}

export async function getCommerceSettings(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
): Promise<CommerceSettings> {
  requireMembership(actor, orgId, SHOP_STAFF);
  requireScope(actor, 'read');
  await requireIssuer(deps.db, orgId);
  return commerceSettingsOf(deps.db, orgId);
}

/** testCardPayments left out keeps what it was (older clients do not send it). */
export type CommerceSettingsInput = Omit<CommerceSettings, 'testCardPayments'> & {
  testCardPayments?: boolean;
};

export async function updateCommerceSettings(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  input: CommerceSettingsInput,
): Promise<CommerceSettings> {
  // 'system': the demo seed.
  if (actor !== 'system') {
    requireMembership(actor, orgId, SHOP_MANAGERS);
    requireScope(actor, 'commerce:write');
  }
  await requireIssuer(deps.db, orgId);
  const fee = input.issuanceFee;
  if (fee) assertFee(fee);
  await deps.db.transaction().execute(async (trx) => {
    await upsertSettings(trx, orgId, {
      taxRateBp: input.taxRateBp,
      taxLabel: input.taxLabel.trim(),
      bundleDiscountBp: input.bundleDiscountBp,
      sellerDetails: input.sellerDetails.trim(),
      updatedAt: deps.now(),
    });
    await setIssuanceFee(trx, orgId, fee);
    if (input.testCardPayments !== undefined) await setTestCardPayments(trx, orgId, input.testCardPayments);
    // Without a fee nothing is owed any more: the badges waiting for it are issued now.
    if (!fee) {
      for (const learner of await learnersAwaitingFee(trx, orgId))
        await releaseAwardsAwaitingFee(deps, trx, learner);
    }
  });
  return commerceSettingsOf(deps.db, orgId);
}

function assertFee(fee: IssuanceFee): void {
  const problems: FieldProblem[] = [];
  if (!Number.isSafeInteger(fee.amountMinor) || fee.amountMinor < 1 || fee.amountMinor > MAX_FEE_MINOR) {
    problems.push({
      path: 'body.issuanceFee.amountMinor',
      message: `must be a whole number of minor units between 1 and ${MAX_FEE_MINOR} (or no fee: null)`,
      code: 'fee-minor-units',
      params: { maximum: MAX_FEE_MINOR },
    });
  }
  try {
    assertCurrency(fee.currency);
  } catch {
    problems.push({
      path: 'body.issuanceFee.currency',
      message: 'must be a three-letter ISO 4217 code such as EUR',
      code: 'currency-code',
    });
  }
  if (problems.length > 0) throw new InvalidError('The issuance fee is not usable.', problems);
}
