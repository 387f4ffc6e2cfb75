// What a learner can still buy toward a badge: each of its courses as completed, purchased (access
// open), free or available; what the missing ones cost one by one; what the bundle charges for them
// (only the courses not held, its discount in proportion); and which of the two is cheaper.
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor } from '../identity/index.ts';
import { courseHoldings } from '../learning/index.ts';
import { badgeCourses } from './bundle-courses.ts';
import { bundleOffer } from './bundles.ts';
import { cheaperOption, quoteBundle } from './pricing.ts';

export type CourseOptionStatus = 'completed' | 'purchased' | 'available' | 'free';

export interface PurchaseOptions {
  badgeId: string;
  badgeName: string;
  orgId: string;
  /** null when no course is priced (or, an issuer's mistake, their prices mix currencies). */
  currency: string | null;
  courses: Array<{
    courseId: string;
    title: string;
    priceMinor: number | null;
    status: CourseOptionStatus;
    accessUntil: Date | null;
  }>;
  /** What the available (priced, not held) courses cost one by one; null with mixed currencies. */
  separatelyMinor: number | null;
  /** What the bundle charges for the courses not held; null: the badge is not sold as a bundle. */
  bundle: { onSale: boolean; chargedMinor: number; listMinor: number; discountMinor: number } | null;
  /** null when there is nothing left to buy or no bundle on sale to compare with. */
  cheaper: 'bundle' | 'courses' | 'same' | null;
}

export async function purchaseOptions(
  deps: Deps,
  actor: Actor | null,
  badgeId: string,
): Promise<PurchaseOptions> {
  const me = requireActor(actor);
  const found = await badgeCourses(deps.db, badgeId);
  if (!found) throw new NotFoundError('badge');
  const { version, courses } = found;
  const now = deps.now();
  const holdings = await courseHoldings(
    deps.db,
    me.user.id,
    courses.map((c) => c.id),
    now,
  );
  const options = courses.map((course) => {
    const holding = holdings.get(course.id);
    const status: CourseOptionStatus = holding?.completed
      ? 'completed'
      : holding?.open
        ? 'purchased'
        : course.priceMinor === null
          ? 'free'
          : 'available';
    return {
      courseId: course.id,
      title: course.title,
      priceMinor: course.priceMinor,
      status,
      accessUntil: holding?.accessUntil ?? null,
    };
  });
  const base = { badgeId, badgeName: version.name, orgId: version.orgId, courses: options };
  const offer = await bundleOffer(deps.db, badgeId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    if (error instanceof ConflictError && error.code === 'currency-mismatch') return 'mixed' as const;
    throw error;
  });
  if (offer === 'mixed')
    return { ...base, currency: null, separatelyMinor: null, bundle: null, cheaper: null };
  const separatelyMinor = options.reduce(
    (sum, o) => sum + (o.status === 'available' ? (o.priceMinor ?? 0) : 0),
    0,
  );
  if (!offer) return { ...base, currency: null, separatelyMinor, bundle: null, cheaper: null };
  const held = new Set(
    options.flatMap((o) => (o.status === 'completed' || o.status === 'purchased' ? [o.courseId] : [])),
  );
  const quote = quoteBundle(
    offer.courses.map((c) => ({ courseId: c.courseId, listMinor: c.listMinor, held: held.has(c.courseId) })),
    offer.priceMinor,
  );
  const bundle = {
    onSale: offer.onSale,
    chargedMinor: quote.chargedMinor,
    listMinor: quote.separatelyMinor,
    discountMinor: quote.discountMinor,
  };
  const comparable = offer.onSale && separatelyMinor > 0;
  return {
    ...base,
    currency: offer.currency,
    separatelyMinor,
    bundle,
    cheaper: comparable ? cheaperOption(separatelyMinor, quote.chargedMinor) : null,
  };
}
