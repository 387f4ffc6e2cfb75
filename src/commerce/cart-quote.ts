// What a cart costs right now. Computed afresh at every look and again, under the cart's lock, at
// checkout: a course the learner came to hold meanwhile (bought elsewhere, completed) is no longer
// charged, a bundle charges only for its courses still missing (and not already charged by an earlier
// item of the cart), the coupon comes after the bundle discount, and tax is added per line.
import { type PublishedCourseRow, publishedCourse } from '../catalog/index.ts';
import type { Executor } from '../db/database.ts';
import { ConflictError, DomainError, NotFoundError, RuleError } from '../errors.ts';
import { courseHoldings } from '../learning/index.ts';
import { organizationById } from '../orgs/index.ts';
import { type BundleOffer, bundleOffer } from './bundles.ts';
import { type CouponRow, couponByCode, couponEligible } from './coupons.ts';
import { couponById } from './offers-store.ts';
import { applyCoupon, cheaperOption, quoteBundle, taxMinor } from './pricing.ts';
import { commerceSettingsOf } from './settings.ts';
import { type CartItemRow, type CartRow, cartItems } from './store.ts';

export interface QuotedCourse {
  courseId: string;
  title: string;
  listMinor: number;
  discountMinor: number;
  /** 'held': the learner has it already (or an earlier item of the cart charges it): not charged here. */
  status: 'charged' | 'held';
}

export interface QuotedItem {
  itemId: string;
  kind: 'course' | 'bundle';
  courseId: string | null;
  badgeId: string | null;
  /** A bundle: the number of the badge version it sells, whose picture the cart shows. */
  badgeVersionNumber: number | null;
  title: string;
  /** false: no longer for sale (unpublished, made free, off sale, other currency): never charged. */
  available: boolean;
  currency: string | null;
  courses: QuotedCourse[];
  /** What the charged courses cost one by one. */
  listMinor: number;
  /** The bundle discount (the coupon is shown on its own). */
  discountMinor: number;
  netMinor: number;
  separatelyMinor: number | null;
  cheaper: 'bundle' | 'courses' | 'same' | null;
}

/** One future order line. */
export interface QuotedLine {
  kind: 'course' | 'bundle-course';
  courseId: string;
  badgeId: string | null;
  description: string;
  listMinor: number;
  /** The bundle discount. */
  discountMinor: number;
  couponMinor: number;
  taxMinor: number;
  accessDays: number;
}

export interface CartQuote {
  orgId: string;
  issuerName: string;
  cartId: string | null;
  currency: string | null;
  items: QuotedItem[];
  lines: QuotedLine[];
  coupon: { id: string; code: string; discountMinor: number } | null;
  /** The cart's coupon cannot be used (expired, used up, applies to nothing here): checkout refuses it. */
  couponProblem: DomainError | null;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxLabel: string;
  taxRateBp: number;
}

type ItemFacts =
  | { item: CartItemRow; kind: 'course'; course: PublishedCourseRow | null }
  | { item: CartItemRow; kind: 'bundle'; offer: BundleOffer | null };

/** A bundle that cannot be sold (no priced course left, mixed currencies) reads as unavailable. */
export async function offerOrNull(db: Executor, badgeId: string): Promise<BundleOffer | null> {
  try {
    return await bundleOffer(db, badgeId);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    if (error instanceof ConflictError && error.code === 'currency-mismatch') return null;
    throw error;
  }
}

export async function courseOrNull(db: Executor, courseId: string): Promise<PublishedCourseRow | null> {
  try {
    return await publishedCourse(db, courseId);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

async function itemFacts(db: Executor, item: CartItemRow): Promise<ItemFacts> {
  if (item.kind === 'course') {
    return { item, kind: 'course', course: await courseOrNull(db, item.courseId ?? '') };
  }
  return { item, kind: 'bundle', offer: await offerOrNull(db, item.badgeId ?? '') };
}

const currencyOf = (f: ItemFacts) => (f.kind === 'course' ? f.course?.currency : f.offer?.currency) ?? null;

/**
 * The quote of a cart (null: no cart yet). `coupon` replaces the cart's own coupon (when a learner
 * tries a code); undefined keeps the cart's.
 */
export async function quoteCart(
  db: Executor,
  input: { userId: string; orgId: string; cart: CartRow | null; now: Date; coupon?: CouponRow | null },
): Promise<CartQuote> {
  const { orgId, cart } = input;
  const [settings, org] = await Promise.all([commerceSettingsOf(db, orgId), organizationById(db, orgId)]);
  if (!org) throw new NotFoundError('organization');
  const facts: ItemFacts[] = [];
  for (const item of cart ? await cartItems(db, cart.id) : []) facts.push(await itemFacts(db, item));
  const courseIds = facts.flatMap((f) =>
    f.kind === 'course' ? [f.item.courseId ?? ''] : (f.offer?.courses.map((c) => c.courseId) ?? []),
  );
  const holdings = await courseHoldings(db, input.userId, courseIds, input.now);
  const held = (courseId: string) => {
    const h = holdings.get(courseId);
    return h !== undefined && (h.open || h.completed);
  };
  const currency = facts.map(currencyOf).find((c) => c !== null) ?? null;
  const covered = new Set<string>();
  const items: QuotedItem[] = [];
  const lines: Omit<QuotedLine, 'couponMinor' | 'taxMinor'>[] = [];
  for (const f of facts) {
    const sellable = currencyOf(f) === currency;
    const quoted =
      f.kind === 'course'
        ? quoteCourseItem(f.item, sellable && f.course?.orgId === orgId ? f.course : null, held, covered)
        : quoteBundleItem(f.item, sellable && f.offer?.orgId === orgId ? f.offer : null, held, covered);
    items.push(quoted.item);
    lines.push(...quoted.lines);
  }

  const couponRow =
    input.coupon !== undefined
      ? input.coupon
      : cart?.couponId
        ? ((await couponById(db, cart.couponId)) ?? null)
        : null;
  let coupon: CartQuote['coupon'] = null;
  let couponProblem: DomainError | null = null;
  let shares = lines.map(() => 0);
  if (couponRow) {
    try {
      const valid = await couponByCode(db, orgId, couponRow.code, input.now);
      shares = couponShares(valid, lines, currency);
      coupon = { id: valid.id, code: valid.code, discountMinor: shares.reduce((s, n) => s + n, 0) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      couponProblem = error;
    }
  }
  const priced: QuotedLine[] = lines.map((line, i) => {
    const couponMinor = shares[i] ?? 0;
    const net = line.listMinor - line.discountMinor - couponMinor;
    return { ...line, couponMinor, taxMinor: taxMinor(net, settings.taxRateBp) };
  });
  const sum = (pick: (l: QuotedLine) => number) => priced.reduce((s, l) => s + pick(l), 0);
  const subtotalMinor = sum((l) => l.listMinor);
  const discountMinor = sum((l) => l.discountMinor + l.couponMinor);
  const tax = sum((l) => l.taxMinor);
  return {
    orgId,
    issuerName: org.name,
    cartId: cart?.id ?? null,
    currency,
    items,
    lines: priced,
    coupon,
    couponProblem,
    subtotalMinor,
    discountMinor,
    taxMinor: tax,
    totalMinor: subtotalMinor - discountMinor + tax,
    taxLabel: settings.taxLabel,
    taxRateBp: settings.taxRateBp,
  };
}

export type ItemQuote = { item: QuotedItem; lines: Omit<QuotedLine, 'couponMinor' | 'taxMinor'>[] };

function unavailableItem(item: CartItemRow, title: string, currency: string | null): QuotedItem {
  return {
    itemId: item.id,
    kind: item.kind,
    courseId: item.courseId,
    badgeId: item.badgeId,
    badgeVersionNumber: null,
    title,
    available: false,
    currency,
    courses: [],
    listMinor: 0,
    discountMinor: 0,
    netMinor: 0,
    separatelyMinor: null,
    cheaper: null,
  };
}

export function quoteCourseItem(
  item: CartItemRow,
  course: PublishedCourseRow | null,
  held: (courseId: string) => boolean,
  covered: Set<string>,
): ItemQuote {
  if (!course || course.priceMinor === null) {
    return { item: unavailableItem(item, course?.title ?? 'A course no longer for sale', null), lines: [] };
  }
  const charged = !held(course.courseId) && !covered.has(course.courseId);
  covered.add(course.courseId);
  const listMinor = charged ? course.priceMinor : 0;
  return {
    item: {
      itemId: item.id,
      kind: 'course',
      courseId: course.courseId,
      badgeId: null,
      badgeVersionNumber: null,
      title: course.title,
      available: true,
      currency: course.currency,
      courses: [
        {
          courseId: course.courseId,
          title: course.title,
          listMinor: course.priceMinor,
          discountMinor: 0,
          status: charged ? 'charged' : 'held',
        },
      ],
      listMinor,
      discountMinor: 0,
      netMinor: listMinor,
      separatelyMinor: null,
      cheaper: null,
    },
    lines: charged
      ? [
          {
            kind: 'course',
            courseId: course.courseId,
            badgeId: null,
            description: course.title,
            listMinor: course.priceMinor,
            discountMinor: 0,
            accessDays: course.accessDays,
          },
        ]
      : [],
  };
}

export function quoteBundleItem(
  item: CartItemRow,
  offer: BundleOffer | null,
  held: (courseId: string) => boolean,
  covered: Set<string>,
): ItemQuote {
  if (!offer?.onSale) {
    return { item: unavailableItem(item, offer?.name ?? 'A bundle no longer for sale', null), lines: [] };
  }
  // Free courses of the badge are open to everyone: the bundle sells its priced ones.
  const priced = offer.courses.filter((c) => c.listMinor > 0);
  const quote = quoteBundle(
    priced.map((c) => ({
      courseId: c.courseId,
      listMinor: c.listMinor,
      held: held(c.courseId) || covered.has(c.courseId),
    })),
    offer.priceMinor,
  );
  const charged = new Map(quote.lines.map((line) => [line.courseId, line]));
  for (const c of priced) covered.add(c.courseId);
  return {
    item: {
      itemId: item.id,
      kind: 'bundle',
      courseId: null,
      badgeId: offer.badgeId,
      badgeVersionNumber: offer.versionNumber,
      title: offer.name,
      available: true,
      currency: offer.currency,
      courses: priced.map((c) => ({
        courseId: c.courseId,
        title: c.title,
        listMinor: c.listMinor,
        discountMinor: charged.get(c.courseId)?.discountMinor ?? 0,
        status: charged.has(c.courseId) ? 'charged' : 'held',
      })),
      listMinor: quote.separatelyMinor,
      discountMinor: quote.discountMinor,
      netMinor: quote.chargedMinor,
      separatelyMinor: quote.separatelyMinor,
      cheaper: cheaperOption(quote.separatelyMinor, quote.chargedMinor),
    },
    lines: priced.flatMap((c) => {
      const line = charged.get(c.courseId);
      if (!line) return [];
      return [
        {
          kind: 'bundle-course' as const,
          courseId: c.courseId,
          badgeId: offer.badgeId,
          description: `${c.title} (bundle: ${offer.name})`,
          listMinor: line.listMinor,
          discountMinor: line.discountMinor,
          accessDays: c.accessDays,
        },
      ];
    }),
  };
}

/** The coupon's share of each line; refuses a coupon that applies to nothing here. */
export function couponShares(
  coupon: CouponRow,
  lines: Omit<QuotedLine, 'couponMinor' | 'taxMinor'>[],
  currency: string | null,
): number[] {
  const eligible = lines.map((l) =>
    couponEligible(coupon, { kind: l.kind, courseId: l.courseId, badgeId: l.badgeId }),
  );
  if (!eligible.some(Boolean)) {
    throw new RuleError(
      'coupon-not-applicable',
      `The coupon ${coupon.code} applies to nothing in this cart.`,
    );
  }
  if (coupon.kind === 'fixed' && coupon.currency !== currency) {
    throw new RuleError(
      'coupon-not-applicable',
      `The coupon ${coupon.code} is an amount in ${coupon.currency}; this cart is in ${currency}.`,
    );
  }
  const terms =
    coupon.kind === 'percent'
      ? { kind: 'percent' as const, percentBp: coupon.percentBp ?? 0 }
      : { kind: 'fixed' as const, amountMinor: coupon.amountMinor ?? 0 };
  return applyCoupon(
    lines.map((l, i) => ({
      listMinor: l.listMinor,
      discountMinor: l.discountMinor,
      eligible: eligible[i] ?? false,
    })),
    terms,
  );
}
