// SQL of what an issuer offers: commerce settings, bundle overrides and coupons; plus the reads of
// badge requirements and course prices a bundle is computed from.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { BundlesTable, CommerceSettingsTable, CouponsTable, OrdersTable } from './tables.ts';

export type CommerceSettingsRow = Selectable<CommerceSettingsTable>;
export type BundleRow = Selectable<BundlesTable>;
export type CouponRow = Selectable<CouponsTable>;

export async function findSettings(db: Executor, orgId: string): Promise<CommerceSettingsRow | undefined> {
  return db.selectFrom('commerceSettings').selectAll().where('orgId', '=', orgId).executeTakeFirst();
}

export async function upsertSettings(
  db: Executor,
  orgId: string,
  values: {
    taxRateBp: number;
    taxLabel: string;
    bundleDiscountBp: number;
    sellerDetails: string;
    updatedAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('commerceSettings')
    .values({ orgId, ...values })
    .onConflict((oc) => oc.column('orgId').doUpdateSet(values))
    .execute();
}

export async function findBundle(db: Executor, badgeId: string): Promise<BundleRow | undefined> {
  return db.selectFrom('bundles').selectAll().where('badgeId', '=', badgeId).executeTakeFirst();
}

export async function upsertBundle(
  db: Executor,
  bundle: {
    orgId: string;
    badgeId: string;
    priceMinor: number | null;
    discountBp: number | null;
    onSale: boolean;
    updatedAt: Date;
  },
): Promise<void> {
  const { priceMinor, discountBp, onSale, updatedAt } = bundle;
  await db
    .insertInto('bundles')
    .values(bundle)
    .onConflict((oc) => oc.column('badgeId').doUpdateSet({ priceMinor, discountBp, onSale, updatedAt }))
    .execute();
}

export interface CoursePriceRow {
  id: string;
  orgId: string;
  /** The newest published title, else the draft's. */
  title: string;
  priceMinor: number | null;
  currency: string | null;
  accessDays: number;
}

/** Published courses by id with their price and access window (any organization: the caller checks). */
export async function publishedCoursePrices(
  db: Executor,
  courseIds: readonly string[],
): Promise<CoursePriceRow[]> {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('courses as c')
    .leftJoin('courseRevisions as r', 'r.id', 'c.latestRevisionId')
    .select(['c.id', 'c.orgId', 'c.priceMinor', 'c.currency', 'c.accessDays'])
    .select((eb) => eb.fn.coalesce('r.title', 'c.title').as('title'))
    .where('c.id', 'in', [...courseIds])
    .where('c.state', '=', 'published')
    .execute();
}

/** Published badges of one organization (or of all, orgId null) whose latest version requires a priced course. */
export async function badgesWithPricedCourses(db: Executor, orgId: string | null): Promise<string[]> {
  let query = db
    .selectFrom('badges as b')
    .innerJoin('badgeRequirementIndex as i', 'i.badgeVersionId', 'b.latestVersionId')
    .innerJoin('courses as c', 'c.id', 'i.targetId')
    .select('b.id')
    .distinct()
    .where('b.state', '=', 'published')
    .where('i.kind', 'in', ['course', 'evidence'])
    .where('c.priceMinor', 'is not', null)
    .where('c.state', '=', 'published');
  if (orgId) query = query.where('b.orgId', '=', orgId);
  return (await query.execute()).map((row) => row.id);
}

/** Published badges whose latest version requires another badge (their bundle is their badges' courses). */
export async function pathwayBadges(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('badges as b')
    .innerJoin('badgeRequirementIndex as i', 'i.badgeVersionId', 'b.latestVersionId')
    .select('b.id')
    .distinct()
    .where('b.state', '=', 'published')
    .where('i.kind', '=', 'badge')
    .execute();
  return rows.map((row) => row.id);
}

/** Every published badge of an organization, by name. */
export async function publishedBadgesOf(
  db: Executor,
  orgId: string,
): Promise<Array<{ id: string; name: string }>> {
  return db
    .selectFrom('badges')
    .select(['id', 'name'])
    .where('orgId', '=', orgId)
    .where('state', '=', 'published')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function courseOfOrg(db: Executor, orgId: string, courseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('courses')
    .select('id')
    .where('id', '=', courseId)
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function badgeOfOrg(db: Executor, orgId: string, badgeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('badges')
    .select('id')
    .where('id', '=', badgeId)
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCoupon(db: Executor, coupon: Insertable<CouponsTable>): Promise<CouponRow> {
  return db.insertInto('coupons').values(coupon).returningAll().executeTakeFirstOrThrow();
}

export async function findCouponByCode(
  db: Executor,
  orgId: string,
  code: string,
): Promise<CouponRow | undefined> {
  return db
    .selectFrom('coupons')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function findCoupon(
  db: Executor,
  orgId: string,
  couponId: string,
): Promise<CouponRow | undefined> {
  return db
    .selectFrom('coupons')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', couponId)
    .executeTakeFirst();
}

export async function couponsOf(db: Executor, orgId: string): Promise<CouponRow[]> {
  return db
    .selectFrom('coupons')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
}

export async function updateCoupon(
  db: Executor,
  orgId: string,
  couponId: string,
  patch: Updateable<CouponsTable>,
): Promise<CouponRow | undefined> {
  return db
    .updateTable('coupons')
    .set(patch)
    .where('orgId', '=', orgId)
    .where('id', '=', couponId)
    .returningAll()
    .executeTakeFirst();
}

/** One more use, only while under the limit: concurrent checkouts racing for the last use get one winner. */
export async function incrementRedemptions(db: Executor, couponId: string): Promise<boolean> {
  const result = await db
    .updateTable('coupons')
    .set((eb) => ({ redemptions: eb('redemptions', '+', 1) }))
    .where('id', '=', couponId)
    .where('active', '=', true)
    .where((eb) =>
      eb.or([eb('maxRedemptions', 'is', null), eb('redemptions', '<', eb.ref('maxRedemptions'))]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function decrementRedemptions(db: Executor, couponId: string): Promise<void> {
  await db
    .updateTable('coupons')
    .set((eb) => ({ redemptions: eb('redemptions', '-', 1) }))
    .where('id', '=', couponId)
    .where('redemptions', '>', 0)
    .execute();
}

export async function couponById(db: Executor, couponId: string): Promise<CouponRow | undefined> {
  return db.selectFrom('coupons').selectAll().where('id', '=', couponId).executeTakeFirst();
}

/** The learner's issuance-fee order at this issuer that still awaits payment, if any. */
export async function pendingFeeOrder(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<Selectable<OrdersTable> | undefined> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('kind', '=', 'issuance-fee')
    .where('state', '=', 'awaiting-payment')
    .orderBy('placedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}
