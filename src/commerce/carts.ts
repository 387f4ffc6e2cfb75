// The learner's carts: one open cart per issuer (an order always has one seller). Adding refuses what
// cannot be bought — a free course, a course already held or already in the cart, another currency —
// and a bundle takes the place of the single courses it covers.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, InvalidError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor } from '../identity/index.ts';
import { courseHoldings } from '../learning/index.ts';
import { type CartQuote, courseOrNull, offerOrNull, quoteCart } from './cart-quote.ts';
import { couponByCode } from './coupons.ts';
import {
  type CartRow,
  deleteCartItems,
  ensureOpenCart,
  insertCartItem,
  lockCart,
  openCart,
  openCartsOf,
  touchCart,
} from './store.ts';

export type CartItemInput = { kind: 'course'; courseId: string } | { kind: 'bundle'; badgeId: string };

/** Every open cart of mine that holds something. */
export async function myCarts(deps: Deps, actor: Actor | null): Promise<CartQuote[]> {
  const me = requireActor(actor);
  const quotes: CartQuote[] = [];
  for (const cart of await openCartsOf(deps.db, me.user.id)) {
    const quote = await quoteCart(deps.db, { userId: me.user.id, orgId: cart.orgId, cart, now: deps.now() });
    if (quote.items.length > 0) quotes.push(quote);
  }
  return quotes;
}

/** My cart at one issuer (an empty quote when I have none). */
export async function myCart(deps: Deps, actor: Actor | null, orgId: string): Promise<CartQuote> {
  const me = requireActor(actor);
  const cart = (await openCart(deps.db, me.user.id, orgId)) ?? null;
  return quoteCart(deps.db, { userId: me.user.id, orgId, cart, now: deps.now() });
}

type CartChange = { couponId?: string | null };

/** Runs a change on my open cart (created if needed) under its lock, then quotes it. */
async function changeCart(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  change: (trx: Executor, cart: CartRow, quote: CartQuote, userId: string) => Promise<CartChange>,
): Promise<CartQuote> {
  const me = requireActor(actor);
  const userId = me.user.id;
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const opened = await ensureOpenCart(trx, userId, orgId, now);
    const cart = (await lockCart(trx, opened.id)) ?? opened;
    const before = await quoteCart(trx, { userId, orgId, cart, now });
    const changed = await change(trx, cart, before, userId);
    await touchCart(trx, cart.id, { updatedAt: now, ...changed });
    return quoteCart(trx, { userId, orgId, cart: { ...cart, ...changed }, now });
  });
}

export async function addCartItem(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: CartItemInput,
): Promise<CartQuote> {
  return changeCart(deps, actor, orgId, async (trx, cart, quote, userId) => {
    if (input.kind === 'course') await addCourse(deps, trx, cart, quote, userId, input.courseId);
    else await addBundle(deps, trx, cart, quote, userId, input.badgeId);
    return {};
  });
}

function otherSeller(field: string): InvalidError {
  return new InvalidError(
    'Another issuer sells this: it goes in that issuer’s cart (one seller per order).',
    [{ path: `body.${field}`, message: 'is sold by another issuer', code: 'other-seller' }],
  );
}

function assertCurrencyFits(quote: CartQuote, currency: string | null): void {
  if (quote.currency !== null && currency !== quote.currency) {
    throw new ConflictError(
      `Your cart is in ${quote.currency} and this is priced in ${currency}: check out one currency at a time.`,
      'currency-mismatch',
    );
  }
}

async function addCourse(
  deps: Deps,
  trx: Executor,
  cart: CartRow,
  quote: CartQuote,
  userId: string,
  courseId: string,
): Promise<void> {
  const course = await courseOrNull(trx, courseId);
  if (!course) throw new NotFoundError('course');
  if (course.orgId !== cart.orgId) throw otherSeller('courseId');
  if (course.priceMinor === null) {
    throw new ConflictError('This course is free: enrol in it directly, no purchase needed.', 'free-course');
  }
  const holding = (await courseHoldings(trx, userId, [courseId], deps.now())).get(courseId);
  if (holding?.open || holding?.completed) {
    throw new ConflictError(
      holding.open ? 'You already have access to this course.' : 'You have already completed this course.',
      'already-held',
    );
  }
  const inCart = quote.items.find(
    (item) => item.courseId === courseId || item.courses.some((c) => c.courseId === courseId),
  );
  if (inCart) {
    throw new ConflictError(
      inCart.kind === 'course'
        ? 'This course is already in your cart.'
        : `This course is already in your cart, in the bundle "${inCart.title}".`,
      'in-cart',
    );
  }
  assertCurrencyFits(quote, course.currency);
  await insertCartItem(trx, {
    cartId: cart.id,
    kind: 'course',
    courseId,
    badgeId: null,
    addedAt: deps.now(),
  });
}

async function addBundle(
  deps: Deps,
  trx: Executor,
  cart: CartRow,
  quote: CartQuote,
  userId: string,
  badgeId: string,
): Promise<void> {
  const offer = await offerOrNull(trx, badgeId);
  if (!offer) throw new NotFoundError('bundle');
  if (offer.orgId !== cart.orgId) throw otherSeller('badgeId');
  if (!offer.onSale) {
    throw new ConflictError(
      'The issuer does not sell this badge’s courses as a bundle.',
      'bundle-not-for-sale',
    );
  }
  if (quote.items.some((item) => item.badgeId === badgeId)) {
    throw new ConflictError('This bundle is already in your cart.', 'in-cart');
  }
  const priced = offer.courses.filter((c) => c.listMinor > 0).map((c) => c.courseId);
  const holdings = await courseHoldings(trx, userId, priced, deps.now());
  if ([...holdings.values()].every((h) => h.open || h.completed)) {
    throw new ConflictError('You already hold every course of this bundle.', 'already-held');
  }
  assertCurrencyFits(quote, offer.currency);
  // The bundle replaces the single courses it covers (it sells them for less).
  const replaced = quote.items.filter(
    (item) => item.kind === 'course' && priced.includes(item.courseId ?? ''),
  );
  await deleteCartItems(
    trx,
    cart.id,
    replaced.map((item) => item.itemId),
  );
  await insertCartItem(trx, {
    cartId: cart.id,
    kind: 'bundle',
    courseId: null,
    badgeId,
    addedAt: deps.now(),
  });
}

export async function removeCartItem(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  itemId: string,
): Promise<CartQuote> {
  return changeCart(deps, actor, orgId, async (trx, cart) => {
    if ((await deleteCartItems(trx, cart.id, [itemId])) === 0) throw new NotFoundError('cart item');
    return {};
  });
}

/** Applies a coupon code: it must be valid now and apply to at least one line of the cart. */
export async function setCartCoupon(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  code: string,
): Promise<CartQuote> {
  return changeCart(deps, actor, orgId, async (trx, cart, _quote, userId) => {
    const coupon = await couponByCode(trx, orgId, code, deps.now());
    const tried = await quoteCart(trx, { userId, orgId, cart, now: deps.now(), coupon });
    if (tried.couponProblem) throw tried.couponProblem;
    if (tried.lines.length === 0) {
      throw new RuleError('coupon-not-applicable', 'Add what the coupon is for to your cart first.');
    }
    return { couponId: coupon.id };
  });
}

export async function removeCartCoupon(deps: Deps, actor: Actor | null, orgId: string): Promise<CartQuote> {
  return changeCart(deps, actor, orgId, async () => ({ couponId: null }));
}
