// Coupons: a percentage or a fixed amount off, for the issuer's whole catalog, one course or one badge
// bundle; with an expiry and a usage limit. A use is reserved at checkout by one atomic increment
// under the limit (so two checkouts racing for the last use get one winner) and released when an
// unpaid order is cancelled.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, type FieldProblem, InvalidError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { assertCurrency, MAX_AMOUNT_MINOR } from './money.ts';
import {
  badgeOfOrg,
  type CouponRow,
  couponById,
  couponsOf,
  courseOfOrg,
  decrementRedemptions,
  findCoupon,
  findCouponByCode,
  incrementRedemptions,
  insertCoupon,
  updateCoupon,
} from './offers-store.ts';
import { requireIssuer, SHOP_MANAGERS, SHOP_STAFF } from './settings.ts';
import type { CouponKind, CouponScope, OrderLineKind } from './tables.ts';

export type { CouponRow } from './offers-store.ts';

const CODE = /^[A-Z0-9_-]{3,40}$/;

/** Codes are matched in upper case: "spring-25" and "SPRING-25" are one code. */
export const normaliseCouponCode = (code: string) => code.trim().toUpperCase();

const invalidCoupon = () => new RuleError('coupon-invalid', 'This coupon code is not valid.');

/**
 * The usable coupon behind a code. Unknown and deactivated codes answer alike (coupon-invalid), so
 * nobody can probe which codes exist; expired → coupon-expired; used up → coupon-exhausted.
 */
export async function couponByCode(db: Executor, orgId: string, code: string, now: Date): Promise<CouponRow> {
  const normalised = normaliseCouponCode(code);
  if (!CODE.test(normalised)) throw invalidCoupon();
  const coupon = await findCouponByCode(db, orgId, normalised);
  if (!coupon?.active) throw invalidCoupon();
  if (coupon.validUntil !== null && coupon.validUntil.getTime() <= now.getTime()) {
    throw new RuleError('coupon-expired', `The coupon ${coupon.code} has expired.`);
  }
  if (coupon.maxRedemptions !== null && coupon.redemptions >= coupon.maxRedemptions)
    throw exhausted(coupon.code);
  return coupon;
}

const exhausted = (code: string) =>
  new ConflictError(`The coupon ${code} has been used as often as it may be.`, 'coupon-exhausted');

/** Does the coupon discount this order line? Issuance fees are never discounted by a coupon. */
export function couponEligible(
  coupon: Pick<CouponRow, 'scope' | 'courseId' | 'badgeId'>,
  line: { kind: OrderLineKind; courseId: string | null; badgeId: string | null },
): boolean {
  if (line.kind === 'issuance-fee') return false;
  switch (coupon.scope) {
    case 'issuer':
      return true;
    case 'course':
      return line.courseId !== null && line.courseId === coupon.courseId;
    case 'bundle':
      return line.kind === 'bundle-course' && line.badgeId !== null && line.badgeId === coupon.badgeId;
  }
}

/** Reserves one use (inside the checkout's transaction). */
export async function redeemCoupon(trx: Executor, couponId: string): Promise<void> {
  if (await incrementRedemptions(trx, couponId)) return;
  const coupon = await couponById(trx, couponId);
  if (!coupon?.active) throw invalidCoupon();
  throw exhausted(coupon.code);
}

/** Gives the use back (an unpaid order was cancelled). */
export async function releaseCoupon(trx: Executor, couponId: string): Promise<void> {
  await decrementRedemptions(trx, couponId);
}

export interface NewCoupon {
  code: string;
  kind: CouponKind;
  percentBp?: number | null;
  amountMinor?: number | null;
  currency?: string | null;
  scope: CouponScope;
  courseId?: string | null;
  badgeId?: string | null;
  validUntil?: Date | null;
  maxRedemptions?: number | null;
  active?: boolean;
}

export async function listCoupons(deps: Deps, actor: Actor | null, orgId: string): Promise<CouponRow[]> {
  requireMembership(actor, orgId, SHOP_STAFF);
  requireScope(actor, 'read');
  await requireIssuer(deps.db, orgId);
  return couponsOf(deps.db, orgId);
}

export async function createCoupon(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: NewCoupon,
): Promise<CouponRow> {
  requireMembership(actor, orgId, SHOP_MANAGERS);
  requireScope(actor, 'commerce:write');
  await requireIssuer(deps.db, orgId);
  const code = normaliseCouponCode(input.code);
  const problems = [
    ...(CODE.test(code)
      ? []
      : [
          {
            path: 'body.code',
            message: 'must be 3–40 letters, digits, dashes or underscores',
            code: 'coupon-code-format',
          },
        ]),
    ...termsProblems(input),
    ...targetShapeProblems(input),
    ...limitProblems(input, deps.now(), 0),
  ];
  if (problems.length > 0) throw new InvalidError('The coupon is not usable as given.', problems);
  if (input.scope === 'course' && !(await courseOfOrg(deps.db, orgId, input.courseId ?? ''))) {
    throw new NotFoundError('course');
  }
  if (input.scope === 'bundle' && !(await badgeOfOrg(deps.db, orgId, input.badgeId ?? ''))) {
    throw new NotFoundError('badge');
  }
  const percent = input.kind === 'percent';
  try {
    return await insertCoupon(deps.db, {
      orgId,
      code,
      kind: input.kind,
      percentBp: percent ? (input.percentBp ?? null) : null,
      amountMinor: percent ? null : (input.amountMinor ?? null),
      currency: percent ? null : (input.currency ?? null),
      scope: input.scope,
      courseId: input.scope === 'course' ? (input.courseId ?? null) : null,
      badgeId: input.scope === 'bundle' ? (input.badgeId ?? null) : null,
      validUntil: input.validUntil ?? null,
      maxRedemptions: input.maxRedemptions ?? null,
      active: input.active ?? true,
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') {
      throw new ConflictError(`The code ${code} is already one of your coupons.`, 'coupon-code-taken');
    }
    throw error;
  }
}

export interface CouponPatch {
  active?: boolean;
  validUntil?: Date | null;
  maxRedemptions?: number | null;
}

export async function changeCoupon(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  couponId: string,
  patch: CouponPatch,
): Promise<CouponRow> {
  requireMembership(actor, orgId, SHOP_MANAGERS);
  requireScope(actor, 'commerce:write');
  return deps.db.transaction().execute(async (trx) => {
    const coupon = await findCoupon(trx, orgId, couponId);
    if (!coupon) throw new NotFoundError('coupon');
    const problems = limitProblems(patch, deps.now(), coupon.redemptions);
    if (problems.length > 0) throw new InvalidError('The change is not usable.', problems);
    const updated = await updateCoupon(trx, orgId, couponId, {
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.validUntil !== undefined ? { validUntil: patch.validUntil } : {}),
      ...(patch.maxRedemptions !== undefined ? { maxRedemptions: patch.maxRedemptions } : {}),
    });
    if (!updated) throw new NotFoundError('coupon');
    return updated;
  });
}

function termsProblems(input: NewCoupon): FieldProblem[] {
  if (input.kind === 'percent') {
    const bp = input.percentBp;
    return [
      ...(bp == null || !Number.isInteger(bp) || bp < 1 || bp > 10_000
        ? [
            {
              path: 'body.percentBp',
              message: 'must be basis points between 1 and 10000 (1000 = 10 %)',
              code: 'basis-points',
              params: { min: 1, max: 10_000 },
            },
          ]
        : []),
      ...(input.amountMinor != null
        ? [
            {
              path: 'body.amountMinor',
              message: 'a percent coupon has no amount',
              code: 'percent-coupon-amount',
            },
          ]
        : []),
      ...(input.currency != null
        ? [
            {
              path: 'body.currency',
              message: 'a percent coupon has no currency',
              code: 'percent-coupon-currency',
            },
          ]
        : []),
    ];
  }
  const amount = input.amountMinor;
  const problems: FieldProblem[] = [];
  if (amount == null || !Number.isSafeInteger(amount) || amount < 1 || amount > MAX_AMOUNT_MINOR) {
    problems.push({
      path: 'body.amountMinor',
      message: `must be a whole number of minor units between 1 and ${MAX_AMOUNT_MINOR}`,
      code: 'positive-minor-units',
      params: { maximum: MAX_AMOUNT_MINOR },
    });
  }
  try {
    assertCurrency(input.currency ?? '');
  } catch {
    problems.push({
      path: 'body.currency',
      message: 'a fixed coupon needs a three-letter currency such as EUR',
      code: 'fixed-coupon-currency',
    });
  }
  if (input.percentBp != null)
    problems.push({
      path: 'body.percentBp',
      message: 'a fixed coupon has no percentage',
      code: 'fixed-coupon-percent',
    });
  return problems;
}

function targetShapeProblems(input: NewCoupon): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const wantsCourse = input.scope === 'course';
  const wantsBadge = input.scope === 'bundle';
  if (wantsCourse && !input.courseId)
    problems.push({
      path: 'body.courseId',
      message: 'a course coupon names its course',
      code: 'coupon-needs-course',
    });
  if (!wantsCourse && input.courseId) {
    problems.push({
      path: 'body.courseId',
      message: `a ${input.scope} coupon names no course`,
      code: 'coupon-names-no-course',
      params: { scope: input.scope },
    });
  }
  if (wantsBadge && !input.badgeId) {
    problems.push({
      path: 'body.badgeId',
      message: 'a bundle coupon names the badge of its bundle',
      code: 'coupon-needs-badge',
    });
  }
  if (!wantsBadge && input.badgeId)
    problems.push({
      path: 'body.badgeId',
      message: `a ${input.scope} coupon names no badge`,
      code: 'coupon-names-no-badge',
      params: { scope: input.scope },
    });
  return problems;
}

function limitProblems(
  input: { validUntil?: Date | null; maxRedemptions?: number | null },
  now: Date,
  redemptions: number,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.validUntil && input.validUntil.getTime() <= now.getTime()) {
    problems.push({ path: 'body.validUntil', message: 'must be in the future', code: 'must-be-future' });
  }
  const max = input.maxRedemptions;
  if (max != null && (!Number.isSafeInteger(max) || max < Math.max(1, redemptions))) {
    problems.push({
      path: 'body.maxRedemptions',
      message:
        redemptions > 0
          ? `must be a whole number of at least ${Math.max(1, redemptions)} (it has been used ${redemptions} times)`
          : 'must be a whole number of at least 1',
      code: redemptions > 0 ? 'redemptions-below-used' : 'redemptions-at-least-one',
      params: { minimum: Math.max(1, redemptions), used: redemptions },
    });
  }
  return problems;
}
