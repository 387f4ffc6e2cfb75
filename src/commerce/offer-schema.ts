// Requests and replies of the offer routes (settings, bundles, coupons, purchase options) and the
// presenters that build the replies field by field.

import { z } from 'zod';
import { versionImageUrl } from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { schemaMessage } from '../errors.ts';
import { organizationById, type PublicOrganization } from '../orgs/index.ts';
import type { BundleOffer, IssuerBundle } from './bundles.ts';
import type { CouponRow } from './coupons.ts';
import { type CommerceSettings, MAX_FEE_MINOR, SELLER_DETAILS_MAX } from './settings.ts';

export const orgParams = z.object({ orgId: z.uuid() });
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, schemaMessage('currency-code', 'must be a three-letter ISO 4217 code such as EUR'));
const basisPoints = z.number().int().min(0).max(10_000);
const minor = z.number().int().min(0).max(100_000_000);
const instant = z.iso.datetime({ offset: true });

export const settingsSchema = z.object({
  taxRateBp: basisPoints,
  taxLabel: z.string().trim().min(1).max(40),
  bundleDiscountBp: basisPoints,
  sellerDetails: z.string().max(SELLER_DETAILS_MAX),
  issuanceFee: z.object({ amountMinor: z.number().int().min(1).max(MAX_FEE_MINOR), currency }).nullable(),
  testCardPayments: z
    .boolean()
    .describe('Learners pay by test card, no money moving (demo); PAYMENTS_TEST_MODE=off refuses it anyway'),
});
export const settingsBody = settingsSchema.strict().extend({
  issuanceFee: z
    .strictObject({ amountMinor: z.number().int().min(1).max(MAX_FEE_MINOR), currency })
    .nullable(),
  testCardPayments: z.boolean().optional().describe('Left out: unchanged'),
});

export const presentSettings = (s: CommerceSettings): z.infer<typeof settingsSchema> => ({
  taxRateBp: s.taxRateBp,
  taxLabel: s.taxLabel,
  bundleDiscountBp: s.bundleDiscountBp,
  sellerDetails: s.sellerDetails,
  issuanceFee: s.issuanceFee
    ? { amountMinor: s.issuanceFee.amountMinor, currency: s.issuanceFee.currency }
    : null,
  testCardPayments: s.testCardPayments,
});

const bundleCourseSchema = z.object({
  courseId: z.uuid(),
  title: z.string(),
  listMinor: z.number().int(),
  accessDays: z.number().int(),
});

const bundleFields = {
  currency: z.string(),
  courses: z.array(bundleCourseSchema),
  /** The courses' prices added up. */
  listSumMinor: z.number().int(),
  /** What the whole bundle costs. */
  priceMinor: z.number().int(),
  /** listSumMinor − priceMinor. */
  discountMinor: z.number().int(),
  /** The discount in effect; with an explicit price, what it really takes off the list sum (rounded down). */
  discountBp: z.number().int(),
};

const bundleMoney = (offer: BundleOffer) => ({
  currency: offer.currency,
  courses: offer.courses.map((c) => ({
    courseId: c.courseId,
    title: c.title,
    listMinor: c.listMinor,
    accessDays: c.accessDays,
  })),
  listSumMinor: offer.listSumMinor,
  priceMinor: offer.priceMinor,
  discountMinor: offer.listSumMinor - offer.priceMinor,
  discountBp: offer.discountBp,
});

export const issuerBundleSchema = z.object({
  badgeId: z.uuid(),
  name: z.string(),
  /** false: the badge cannot be sold as a bundle; `problem` says why (and the amounts are null). */
  sellable: z.boolean(),
  problem: z.enum(['no-priced-course', 'single-course', 'currency-mismatch']).nullable(),
  detail: z.string().nullable(),
  onSale: z.boolean(),
  /** The bundle's own settings; null: the defaults apply. */
  override: z
    .object({
      priceMinor: z.number().int().nullable(),
      discountBp: z.number().int().nullable(),
      onSale: z.boolean(),
    })
    .nullable(),
  currency: bundleFields.currency.nullable(),
  courses: bundleFields.courses.nullable(),
  listSumMinor: bundleFields.listSumMinor.nullable(),
  priceMinor: bundleFields.priceMinor.nullable(),
  discountMinor: bundleFields.discountMinor.nullable(),
  discountBp: bundleFields.discountBp.nullable(),
});
type IssuerBundleReply = z.infer<typeof issuerBundleSchema>;

export function presentIssuerBundle(entry: IssuerBundle): IssuerBundleReply {
  if (entry.sellable) {
    const { offer } = entry;
    return {
      badgeId: entry.badgeId,
      name: entry.name,
      sellable: true,
      problem: null,
      detail: null,
      onSale: offer.onSale,
      override: offer.override,
      ...bundleMoney(offer),
    };
  }
  return {
    badgeId: entry.badgeId,
    name: entry.name,
    sellable: false,
    problem: entry.problem,
    detail: entry.detail,
    onSale: false,
    override: null,
    currency: null,
    courses: null,
    listSumMinor: null,
    priceMinor: null,
    discountMinor: null,
    discountBp: null,
  };
}

/** PUT: all three fields. */
export const bundleBody = z
  .strictObject({
    /** null: the courses' sum minus the discount. Never above the courses' sum. */
    priceMinor: minor
      .nullable()
      .meta({ description: "null: the courses' sum minus the discount; never above that sum" }),
    /** null: the issuer's default bundle discount. */
    discountBp: basisPoints
      .nullable()
      .meta({ description: "Basis points (1000 = 10 %); null: the issuer's default" }),
    onSale: z.boolean(),
  })
  .meta({ examples: [{ priceMinor: 6000, discountBp: null, onSale: true }] });
/** PATCH: only the fields sent change; null clears the price or the discount back to the default. */
export const bundlePatchBody = bundleBody
  .partial()
  .meta({ examples: [{ priceMinor: 6000 }, { onSale: false }, { discountBp: null }] });

export const publicBundleSchema = z.object({
  badgeId: z.uuid(),
  name: z.string(),
  imageUrl: z.string(),
  issuer: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
  ...bundleFields,
});

export async function presentPublicBundles(deps: Deps, offers: BundleOffer[]) {
  const issuers = new Map<string, PublicOrganization | undefined>();
  for (const orgId of new Set(offers.map((o) => o.orgId)))
    issuers.set(orgId, await organizationById(deps.db, orgId));
  return offers.map((offer): z.infer<typeof publicBundleSchema> => {
    const issuer = issuers.get(offer.orgId);
    return {
      badgeId: offer.badgeId,
      name: offer.name,
      imageUrl: versionImageUrl(deps, { badgeId: offer.badgeId, number: offer.versionNumber }),
      issuer: { id: offer.orgId, name: issuer?.name ?? '', slug: issuer?.slug ?? '' },
      ...bundleMoney(offer),
    };
  });
}

export const couponSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(['percent', 'fixed']),
  percentBp: z.number().int().nullable(),
  amountMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  scope: z.enum(['issuer', 'course', 'bundle']),
  courseId: z.uuid().nullable(),
  badgeId: z.uuid().nullable(),
  validUntil: z.string().nullable(),
  maxRedemptions: z.number().int().nullable(),
  redemptions: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
});

export const presentCoupon = (c: CouponRow): z.infer<typeof couponSchema> => ({
  id: c.id,
  code: c.code,
  kind: c.kind,
  percentBp: c.percentBp,
  amountMinor: c.amountMinor,
  currency: c.currency,
  scope: c.scope,
  courseId: c.courseId,
  badgeId: c.badgeId,
  validUntil: c.validUntil?.toISOString() ?? null,
  maxRedemptions: c.maxRedemptions,
  redemptions: c.redemptions,
  active: c.active,
  createdAt: c.createdAt.toISOString(),
});

export const newCouponBody = z.strictObject({
  /** Matched in upper case. */
  code: z.string().trim().min(3).max(40),
  kind: z.enum(['percent', 'fixed']),
  /** percent: basis points, 1000 = 10 %. */
  percentBp: z.number().int().nullable().optional(),
  /** fixed: minor units of `currency`. */
  amountMinor: z.number().int().nullable().optional(),
  currency: z.string().nullable().optional(),
  scope: z.enum(['issuer', 'course', 'bundle']),
  courseId: z.uuid().nullable().optional(),
  badgeId: z.uuid().nullable().optional(),
  validUntil: instant.nullable().optional(),
  maxRedemptions: z.number().int().nullable().optional(),
  active: z.boolean().optional(),
});

export const couponPatchBody = z.strictObject({
  active: z.boolean().optional(),
  validUntil: instant.nullable().optional(),
  maxRedemptions: z.number().int().nullable().optional(),
});

export const dateOrNull = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);

export const purchaseOptionsSchema = z.object({
  badgeId: z.uuid(),
  badgeName: z.string(),
  orgId: z.uuid(),
  currency: z.string().nullable(),
  courses: z.array(
    z.object({
      courseId: z.uuid(),
      title: z.string(),
      priceMinor: z.number().int().nullable(),
      status: z.enum(['completed', 'purchased', 'available', 'free']),
      accessUntil: z.string().nullable(),
    }),
  ),
  separatelyMinor: z.number().int().nullable(),
  bundle: z
    .object({
      onSale: z.boolean(),
      chargedMinor: z.number().int(),
      listMinor: z.number().int(),
      discountMinor: z.number().int(),
    })
    .nullable(),
  cheaper: z.enum(['bundle', 'courses', 'same']).nullable(),
});
