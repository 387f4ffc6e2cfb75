// Badge bundles: every published badge whose requirements include a priced course is on sale as a
// bundle of its courses at their summed price minus a discount (the issuer's default, 10 %, unless the
// bundle's own row sets a discount or an explicit price, or takes it off sale).

import { type BadgeVersionRow, latestPublishedVersion } from '../badges/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, InvalidError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { assertAmount } from './money.ts';
import {
  type BundleRow,
  badgeOfOrg,
  badgesWithPricedCourses,
  type CoursePriceRow,
  findBundle,
  publishedBadgesOf,
  publishedCoursePrices,
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
  /** The discount in effect (the bundle's own, else the issuer's default); with an explicit price, informative. */
  discountBp: number;
  /** The bundle's own settings; null: the defaults apply. */
  override: { priceMinor: number | null; discountBp: number | null; onSale: boolean } | null;
}

/** The courses of a published badge's latest version (course and evidence requirements), in order. */
export async function badgeCourses(
  db: Executor,
  badgeId: string,
): Promise<{ version: BadgeVersionRow; courses: CoursePriceRow[] } | undefined> {
  const version = await latestPublishedVersion(db, badgeId);
  if (!version) return undefined;
  const courseIds = [
    ...new Set(version.requirements.items.flatMap((req) => (req.kind === 'badge' ? [] : [req.courseId]))),
  ];
  const rows = new Map((await publishedCoursePrices(db, courseIds)).map((row) => [row.id, row]));
  return { version, courses: courseIds.flatMap((id) => rows.get(id) ?? []) };
}

/** The bundle of a published badge. NotFoundError('bundle') when it has no priced course; 409 mixed currencies. */
export async function bundleOffer(db: Executor, badgeId: string): Promise<BundleOffer> {
  const found = await badgeCourses(db, badgeId);
  if (!found) throw new NotFoundError('bundle');
  const { version, courses } = found;
  const currencies = [
    ...new Set(courses.flatMap((c) => (c.priceMinor !== null && c.currency ? [c.currency] : []))),
  ];
  const [currency] = currencies;
  if (!currency) throw new NotFoundError('bundle');
  if (currencies.length > 1) {
    throw new ConflictError(
      `The courses of "${version.name}" are priced in different currencies (${currencies.join(', ')}); price them in one currency to sell them as a bundle.`,
      'currency-mismatch',
    );
  }
  const listSumMinor = courses.reduce((sum, c) => sum + (c.priceMinor ?? 0), 0);
  const row = await findBundle(db, badgeId);
  const discountBp = row?.discountBp ?? (await commerceSettingsOf(db, version.orgId)).bundleDiscountBp;
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
    priceMinor: bundlePriceMinor(listSumMinor, discountBp, row?.priceMinor ?? null),
    discountBp,
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
      problem: 'no-priced-course' | 'currency-mismatch';
      detail: string;
    };

async function issuerBundle(db: Executor, badge: { id: string; name: string }): Promise<IssuerBundle> {
  const { id: badgeId, name } = badge;
  try {
    return { badgeId, name, sellable: true, offer: await bundleOffer(db, badgeId) };
  } catch (error) {
    if (error instanceof NotFoundError) {
      return {
        badgeId,
        name,
        sellable: false,
        problem: 'no-priced-course',
        detail: 'None of its courses has a price.',
      };
    }
    if (error instanceof ConflictError && error.code === 'currency-mismatch') {
      return { badgeId, name, sellable: false, problem: 'currency-mismatch', detail: error.message };
    }
    throw error;
  }
}

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

export async function setBundle(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  badgeId: string,
  input: BundleSettingsInput,
): Promise<BundleOffer> {
  requireMembership(actor, orgId, SHOP_MANAGERS);
  requireScope(actor, 'commerce:write');
  await requireIssuer(deps.db, orgId);
  if (!(await badgeOfOrg(deps.db, orgId, badgeId))) throw new NotFoundError('badge');
  if (input.priceMinor !== null) assertAmount(input.priceMinor, 'body.priceMinor');
  if (
    input.discountBp !== null &&
    !(Number.isInteger(input.discountBp) && input.discountBp >= 0 && input.discountBp <= 10_000)
  ) {
    throw new InvalidError('The discount is not usable.', [
      { path: 'body.discountBp', message: 'must be basis points between 0 and 10000 (1000 = 10 %)' },
    ]);
  }
  return deps.db.transaction().execute(async (trx) => {
    const current = await bundleOffer(trx, badgeId).catch((error: unknown) => {
      if (error instanceof NotFoundError) {
        throw new ConflictError(
          'Price at least one of the badge’s courses before selling it as a bundle.',
          'bundle-not-for-sale',
        );
      }
      throw error;
    });
    if (input.priceMinor !== null && input.priceMinor > current.listSumMinor) {
      throw new RuleError(
        'bundle-price-above-sum',
        `A bundle must save money: its price (${input.priceMinor}) may not exceed the sum of its courses (${current.listSumMinor}, minor units).`,
      );
    }
    await upsertBundle(trx, { orgId, badgeId, ...input, updatedAt: deps.now() });
    return bundleOffer(trx, badgeId);
  });
}

/** What the storefront lists: bundles on sale of every issuer (mixed-currency badges are left out), by name. */
export async function bundlesOnSale(db: Executor): Promise<BundleOffer[]> {
  const offers: BundleOffer[] = [];
  for (const badgeId of await badgesWithPricedCourses(db, null)) {
    const offer = await bundleOffer(db, badgeId).catch((error: unknown) => {
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
