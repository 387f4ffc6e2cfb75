// Badge bundles: every published badge whose requirements include two or more priced courses (a pathway
// badge: the courses of the badges it requires, recursively) is on sale as a bundle of its courses at their
// summed price minus a discount (the issuer's default, 10 %, unless the bundle's own row sets a discount or
// an explicit price, or takes it off sale). A badge with one priced course is sold as that course: a
// bundle of one would undercut the course's own price.

import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, InvalidError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { badgeCourses } from './bundle-courses.ts';
import { assertAmount } from './money.ts';
import {
  type BundleRow,
  badgeOfOrg,
  badgesWithPricedCourses,
  findBundle,
  pathwayBadges,
  publishedBadgesOf,
  upsertBundle,
} from './offers-store.ts';
import { bundlePriceMinor } from './pricing.ts';
import { commerceSettingsOf, requireIssuer, SHOP_MANAGERS, SHOP_STAFF } from './settings.ts';

export interface BundleCourseOffer {
  courseId: string;
  title: string;
  /** 0 for a free course. */
  listMinor: number;
  accessDays: number;
}

export interface BundleOffer {
  badgeId: string;
  orgId: string;
  /** The badge's name (its latest published version). */
  name: string;
  /** The published version whose requirements make up the bundle (for its picture). */
  versionNumber: number;
  onSale: boolean;
  currency: string;
  /** Priced and free courses, in the order the badge requires them. */
  courses: BundleCourseOffer[];
  listSumMinor: number;
  /** What the whole bundle costs. */
  priceMinor: number;
  /**
   * The discount in effect: the bundle's own, else the issuer's default; with an explicit price, what that
   * price really takes off the list sum (rounded down to a basis point).
   */
  discountBp: number;
  /** The bundle's own settings; null: the defaults apply. */
  override: { priceMinor: number | null; discountBp: number | null; onSale: boolean } | null;
}

/** Why a published badge is not sold as a bundle (a 404 wherever a bundle is looked up). */
export class NoBundleError extends NotFoundError {
  constructor(readonly why: 'no-priced-course' | 'single-course') {
    super('bundle');
  }
}

/** What an explicit price takes off the list sum, in basis points, rounded down (never overstated). */
export function effectiveDiscountBp(listSumMinor: number, priceMinor: number): number {
  if (listSumMinor <= 0 || priceMinor >= listSumMinor) return 0;
  return Number((BigInt(listSumMinor - priceMinor) * 10_000n) / BigInt(listSumMinor));
}

/**
 * The bundle of a published badge. NoBundleError (a NotFoundError) when fewer than two of its courses have
 * a price; 409 mixed currencies.
 */
export async function bundleOffer(db: Executor, badgeId: string): Promise<BundleOffer> {
  const found = await badgeCourses(db, badgeId);
  if (!found) throw new NotFoundError('bundle');
  const { version, courses } = found;
  const priced = courses.filter((c) => c.priceMinor !== null && c.currency);
  const currencies = [...new Set(priced.map((c) => c.currency as string))];
  const [currency] = currencies;
  if (!currency) throw new NoBundleError('no-priced-course');
  if (currencies.length > 1) {
    throw new ConflictError(
      `The courses of "${version.name}" are priced in different currencies (${currencies.join(', ')}); price them in one currency to sell them as a bundle.`,
      'currency-mismatch',
    );
  }
  if (priced.length < 2) throw new NoBundleError('single-course');
  const listSumMinor = courses.reduce((sum, c) => sum + (c.priceMinor ?? 0), 0);
  const row = await findBundle(db, badgeId);
  const setDiscountBp = row?.discountBp ?? (await commerceSettingsOf(db, version.orgId)).bundleDiscountBp;
  const explicitPrice = row?.priceMinor ?? null;
  return {
    badgeId,
    orgId: version.orgId,
    name: version.name,
    versionNumber: version.number,
    onSale: row?.onSale ?? true,
    currency,
    courses: courses.map((c) => ({
      courseId: c.id,
      title: c.title,
      listMinor: c.priceMinor ?? 0,
      accessDays: c.accessDays,
    })),
    listSumMinor,
    priceMinor: bundlePriceMinor(listSumMinor, setDiscountBp, explicitPrice),
    discountBp: explicitPrice === null ? setDiscountBp : effectiveDiscountBp(listSumMinor, explicitPrice),
    override: overrideOf(row),
  };
}

const overrideOf = (row: BundleRow | undefined): BundleOffer['override'] =>
  row ? { priceMinor: row.priceMinor, discountBp: row.discountBp, onSale: row.onSale } : null;

/** A badge as the issuer's bundle list shows it: its bundle, or why it cannot be sold as one. */
export type IssuerBundle =
  | { badgeId: string; name: string; sellable: true; offer: BundleOffer }
  | {
      badgeId: string;
      name: string;
      sellable: false;
      problem: 'no-priced-course' | 'single-course' | 'currency-mismatch';
      detail: string;
    };

async function issuerBundle(db: Executor, badge: { id: string; name: string }): Promise<IssuerBundle> {
  const { id: badgeId, name } = badge;
  try {
    return { badgeId, name, sellable: true, offer: await bundleOffer(db, badgeId) };
  } catch (error) {
    if (error instanceof NoBundleError) {
      return { badgeId, name, sellable: false, problem: error.why, detail: NO_BUNDLE[error.why] };
    }
    if (error instanceof ConflictError && error.code === 'currency-mismatch') {
      return { badgeId, name, sellable: false, problem: 'currency-mismatch', detail: error.message };
    }
    throw error;
  }
}

const NO_BUNDLE: Record<NoBundleError['why'], string> = {
  'no-priced-course': 'None of its courses has a price.',
  'single-course':
    'Only one of its courses has a price: learners buy that course at its own price (a bundle of one would undercut it).',
};

/** Every published badge of the issuer with its bundle (or why it has none), by name. */
export async function listIssuerBundles(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
): Promise<IssuerBundle[]> {
  requireMembership(actor, orgId, SHOP_STAFF);
  requireScope(actor, 'read');
  await requireIssuer(deps.db, orgId);
  const bundles: IssuerBundle[] = [];
  for (const badge of await publishedBadgesOf(deps.db, orgId))
    bundles.push(await issuerBundle(deps.db, badge));
  return bundles;
}

export interface BundleSettingsInput {
  /** null: the courses' sum minus the discount. */
  priceMinor: number | null;
  /** null: the issuer's default discount. */
  discountBp: number | null;
  onSale: boolean;
}

function checkSettings(input: Partial<BundleSettingsInput>): void {
  if (input.priceMinor != null) assertAmount(input.priceMinor, 'body.priceMinor');
  const bp = input.discountBp;
  if (bp != null && !(Number.isInteger(bp) && bp >= 0 && bp <= 10_000)) {
    throw new InvalidError('The discount is not usable.', [
      {
        path: 'body.discountBp',
        message: 'must be basis points between 0 and 10000 (1000 = 10 %)',
        code: 'basis-points',
        params: { min: 0, max: 10_000 },
      },
    ]);
  }
}

const NOT_FOR_SALE: Record<NoBundleError['why'], string> = {
  'no-priced-course': 'Price at least two of the badge’s courses before selling it as a bundle.',
  'single-course':
    'Only one of the badge’s courses has a price: it is sold at its own price, and a bundle of one course may not undercut it.',
};

/**
 * Sets a bundle's own price, discount or sale state. The fields not given keep their value (PATCH); PUT
 * gives all three. A bundle needs two or more priced courses and may not cost more than their sum.
 */
export async function setBundle(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  badgeId: string,
  input: Partial<BundleSettingsInput>,
): Promise<BundleOffer> {
  requireMembership(actor, orgId, SHOP_MANAGERS);
  requireScope(actor, 'commerce:write');
  await requireIssuer(deps.db, orgId);
  if (!(await badgeOfOrg(deps.db, orgId, badgeId))) throw new NotFoundError('badge');
  checkSettings(input);
  return deps.db.transaction().execute(async (trx) => {
    const current = await bundleOffer(trx, badgeId).catch((error: unknown) => {
      if (error instanceof NoBundleError) {
        throw new ConflictError(NOT_FOR_SALE[error.why], 'bundle-not-for-sale');
      }
      if (error instanceof NotFoundError) {
        throw new ConflictError('Publish the badge before selling it as a bundle.', 'bundle-not-for-sale');
      }
      throw error;
    });
    const was = current.override ?? { priceMinor: null, discountBp: null, onSale: true };
    const next: BundleSettingsInput = {
      priceMinor: input.priceMinor !== undefined ? input.priceMinor : was.priceMinor,
      discountBp: input.discountBp !== undefined ? input.discountBp : was.discountBp,
      onSale: input.onSale ?? was.onSale,
    };
    if (next.priceMinor !== null && next.priceMinor > current.listSumMinor) {
      throw new RuleError(
        'bundle-price-above-sum',
        `A bundle must save money: its price (${next.priceMinor}) may not exceed the sum of its courses (${current.listSumMinor}, minor units).`,
      );
    }
    await upsertBundle(trx, { orgId, badgeId, ...next, updatedAt: deps.now() });
    return bundleOffer(trx, badgeId);
  });
}

/** What the storefront lists: bundles on sale of every issuer (mixed-currency badges are left out), by name. */
export async function bundlesOnSale(db: Executor): Promise<BundleOffer[]> {
  const offers: BundleOffer[] = [];
  const badgeIds = new Set([...(await badgesWithPricedCourses(db, null)), ...(await pathwayBadges(db))]);
  for (const badgeId of badgeIds) {
    const offer = await bundleOffer(db, badgeId).catch((error: unknown) => {
      if (error instanceof NoBundleError) return null;
      if (error instanceof ConflictError && error.code === 'currency-mismatch') return null;
      throw error;
    });
    if (offer?.onSale) offers.push(offer);
  }
  return offers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.badgeId < b.badgeId ? -1 : 1));
}

/** One bundle for the storefront: 404 unless it is on sale. */
export async function publicBundle(db: Executor, badgeId: string): Promise<BundleOffer> {
  const offer = await bundleOffer(db, badgeId);
  if (!offer.onSale) throw new NotFoundError('bundle');
  return offer;
}
