// Pure price rules: bundle prices, what a bundle charges when some courses are already held, coupon
// discounts, tax and "which option is cheaper". Integer minor units in, integer minor units out; every
// division is BigInt with rounding half up, and every split is by largest remainder so parts always add up.
import { roundHalfUpDiv } from './money.ts';

const BASIS_POINTS = 10_000n;

function assertMinor(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole, non-negative number of minor units (got ${value}).`);
  }
}

function assertBasisPoints(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 10_000) {
    throw new RangeError(`${what} must be basis points between 0 and 10000 (got ${value}).`);
  }
}

/**
 * Splits `total` in proportion to `weights` by the largest-remainder method: every part is the floor of
 * its exact share, and the units left over go to the largest remainders (ties to the earlier index).
 * The parts always sum to `total` and no part exceeds its exact share rounded up. All-zero weights
 * split evenly.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertMinor(total, 'The total');
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new RangeError('Cannot allocate a non-zero total over no parts.');
  }
  for (const weight of weights) assertMinor(weight, 'A weight');
  const even = weights.every((weight) => weight === 0);
  const big = weights.map((weight) => BigInt(even ? 1 : weight));
  const weightSum = big.reduce((sum, weight) => sum + weight, 0n);
  const amount = BigInt(total);
  const parts = big.map((weight) => (amount * weight) / weightSum);
  const remainders = big.map((weight, index) => ({ index, remainder: (amount * weight) % weightSum }));
  let left = amount - parts.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] as bigint) + 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

/**
 * The price of a whole bundle: the issuer's explicit price when set, otherwise the sum of its courses'
 * prices less `discountBp` (the discount rounded half up, in the learner's favour on an exact half).
 */
export function bundlePriceMinor(
  listSumMinor: number,
  discountBp: number,
  explicitPriceMinor: number | null,
): number {
  assertMinor(listSumMinor, 'The list sum');
  if (explicitPriceMinor !== null) {
    assertMinor(explicitPriceMinor, 'The bundle price');
    return explicitPriceMinor;
  }
  assertBasisPoints(discountBp, 'The bundle discount');
  const discount = roundHalfUpDiv(BigInt(listSumMinor) * BigInt(discountBp), BASIS_POINTS);
  return listSumMinor - Number(discount);
}

export interface BundleCourse {
  courseId: string;
  listMinor: number;
  held: boolean;
}

export interface BundleQuoteLine {
  courseId: string;
  listMinor: number;
  discountMinor: number;
}

export interface BundleQuote {
  /** Only the courses the learner does not hold yet, in the order given. */
  lines: BundleQuoteLine[];
  /** What the missing courses cost one by one. */
  separatelyMinor: number;
  /** What the bundle charges for them. */
  chargedMinor: number;
  discountMinor: number;
}

/**
 * What a bundle charges a learner who already holds some of its courses: the bundle price in proportion
 * to the list price of the missing courses (rounded half up), never more than buying them one by one.
 * The discount is spread over the missing courses by their list prices.
 */
export function quoteBundle(courses: readonly BundleCourse[], bundlePriceMinor: number): BundleQuote {
  assertMinor(bundlePriceMinor, 'The bundle price');
  for (const course of courses) assertMinor(course.listMinor, `The price of course ${course.courseId}`);
  const missing = courses.filter((course) => !course.held);
  const listAll = courses.reduce((sum, course) => sum + course.listMinor, 0);
  const separatelyMinor = missing.reduce((sum, course) => sum + course.listMinor, 0);
  const proportional =
    listAll === 0
      ? 0
      : Number(roundHalfUpDiv(BigInt(bundlePriceMinor) * BigInt(separatelyMinor), BigInt(listAll)));
  const chargedMinor = Math.min(proportional, separatelyMinor);
  const discountMinor = separatelyMinor - chargedMinor;
  const discounts = allocate(
    discountMinor,
    missing.map((course) => course.listMinor),
  );
  return {
    lines: missing.map((course, index) => ({
      courseId: course.courseId,
      listMinor: course.listMinor,
      discountMinor: discounts[index] ?? 0,
    })),
    separatelyMinor,
    chargedMinor,
    discountMinor,
  };
}

export interface CouponLine {
  listMinor: number;
  /** Discount already given (a bundle's), applied before the coupon. */
  discountMinor: number;
  eligible: boolean;
}

export type CouponTerms = { kind: 'percent'; percentBp: number } | { kind: 'fixed'; amountMinor: number };

/**
 * The coupon's extra discount per line (0 for lines it does not apply to). A percent coupon takes that
 * share of the eligible lines' remaining price, rounded half up once on their sum; a fixed coupon takes
 * its amount, at most what the eligible lines still cost. Either is spread over the eligible lines by
 * their remaining price, so no line ever goes below zero.
 */
export function applyCoupon(lines: readonly CouponLine[], coupon: CouponTerms): number[] {
  const remaining = lines.map((line) => {
    assertMinor(line.listMinor, 'A list price');
    assertMinor(line.discountMinor, 'A discount');
    return line.eligible ? Math.max(0, line.listMinor - line.discountMinor) : 0;
  });
  const eligibleSum = remaining.reduce((sum, net) => sum + net, 0);
  if (eligibleSum === 0) return lines.map(() => 0);
  let total: number;
  if (coupon.kind === 'percent') {
    assertBasisPoints(coupon.percentBp, 'The coupon percentage');
    total = Number(roundHalfUpDiv(BigInt(eligibleSum) * BigInt(coupon.percentBp), BASIS_POINTS));
  } else {
    assertMinor(coupon.amountMinor, 'The coupon amount');
    total = Math.min(coupon.amountMinor, eligibleSum);
  }
  return allocate(total, remaining);
}

/** Tax added on top of a line's discounted price, rounded half up. */
export function taxMinor(netMinor: number, rateBp: number): number {
  assertMinor(netMinor, 'The net price');
  assertBasisPoints(rateBp, 'The tax rate');
  return Number(roundHalfUpDiv(BigInt(netMinor) * BigInt(rateBp), BASIS_POINTS));
}

/** Which way of buying the missing courses costs less. */
export function cheaperOption(separatelyMinor: number, bundleMinor: number): 'bundle' | 'courses' | 'same' {
  if (bundleMinor < separatelyMinor) return 'bundle';
  if (bundleMinor > separatelyMinor) return 'courses';
  return 'same';
}
