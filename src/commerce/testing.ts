// Test factories of commerce: an issuer's shop (tax, coupons), priced one-lesson courses, a badge
// bundle, and a learner's cart and orders driven through the real routes.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { aPublishedBadge } from '../badges/testing.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import type { Deps } from '../deps.ts';
import type { TestSession } from '../identity/testing.ts';
import type { TestIssuer } from '../issuing/testing.ts';
import type { CartItemInput } from './carts.ts';

interface TestApp {
  app: FastifyInstance;
  deps: Deps;
}

/** What the Order reply holds (see order-views.ts), as tests read it. */
export interface TestOrder {
  id: string;
  number: number;
  state: string;
  provider: string;
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  paidAt: string | null;
  payment: { state: string; reference: string; redirectUrl: string | null } | null;
  lines: Array<{
    id: string;
    kind: string;
    courseId: string | null;
    badgeId: string | null;
    listMinor: number;
    discountMinor: number;
    taxMinor: number;
    totalMinor: number;
    accessUntil: string | null;
    enrolmentId: string | null;
    opened: boolean;
    refunded: boolean;
    refundable: { ok: boolean; code: string | null; reason: string | null };
  }>;
}

function expectStatus(response: LightMyRequestResponse, status: number | number[], what: string): void {
  const allowed = Array.isArray(status) ? status : [status];
  if (!allowed.includes(response.statusCode)) {
    throw new Error(`${what} failed: ${response.statusCode} ${response.body}`);
  }
}

/** A published one-lesson course with a price (opening its lesson completes it). */
export async function aPricedCourse(
  t: TestApp,
  issuer: TestIssuer,
  options: { priceMinor?: number; currency?: string; accessDays?: number; title?: string } = {},
): Promise<string> {
  return aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
    title: options.title ?? 'Payroll in one lesson',
    activityCodePrefix: null,
    price: { amountMinor: options.priceMinor ?? 10_000, currency: options.currency ?? 'EUR' },
    accessDays: options.accessDays ?? 365,
    units: [{ id: 'intro', kind: 'lesson', title: 'Gross to net', markdown: '# Gross to net' }],
  });
}

/** A published badge requiring the courses: on sale as a bundle by default. */
export async function aBundleBadge(t: TestApp, issuer: TestIssuer, courseIds: string[]): Promise<string> {
  return (await aPublishedBadge(t.app, issuer, { courseIds })).id;
}

/** The issuer's commerce settings (tax, bundle discount …) through the settings route. */
export async function setShopSettings(
  t: TestApp,
  issuer: TestIssuer,
  settings: { taxRateBp?: number; bundleDiscountBp?: number; taxLabel?: string } = {},
): Promise<void> {
  const response = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/orgs/${issuer.orgId}/commerce/settings`,
    headers: issuer.owner.headers,
    payload: {
      taxRateBp: settings.taxRateBp ?? 0,
      taxLabel: settings.taxLabel ?? 'VAT',
      bundleDiscountBp: settings.bundleDiscountBp ?? 1000,
      sellerDetails: 'Academy Ltd, 1 Main St',
      issuanceFee: null,
    },
  });
  expectStatus(response, 200, 'commerce settings');
}

/** A coupon of the issuer; returns its code. */
export async function aCoupon(
  t: TestApp,
  issuer: TestIssuer,
  coupon: Record<string, unknown>,
): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/coupons`,
    headers: issuer.owner.headers,
    payload: { scope: 'issuer', ...coupon },
  });
  expectStatus(response, 201, 'coupon creation');
  return response.json().code as string;
}

/** A learner's cart at one issuer, as the web app drives it. */
export function cartOf(t: TestApp, learner: TestSession, orgId: string) {
  const base = `/api/v1/me/carts/${orgId}`;
  const { app } = t;
  return {
    quote: () => app.inject({ method: 'GET', url: base, headers: learner.headers }),
    add: (item: CartItemInput) =>
      app.inject({ method: 'POST', url: `${base}/items`, headers: learner.headers, payload: item }),
    remove: (itemId: string) =>
      app.inject({ method: 'DELETE', url: `${base}/items/${itemId}`, headers: learner.headers }),
    coupon: (code: string) =>
      app.inject({ method: 'PUT', url: `${base}/coupon`, headers: learner.headers, payload: { code } }),
    checkout: () => app.inject({ method: 'POST', url: `${base}/checkout`, headers: learner.headers }),
  };
}

/** A learner's orders, as the web app drives them. */
export function ordersOf(t: TestApp, learner: TestSession) {
  const { app } = t;
  return {
    get: (orderId: string) =>
      app.inject({ method: 'GET', url: `/api/v1/me/orders/${orderId}`, headers: learner.headers }),
    pay: (orderId: string) =>
      app.inject({ method: 'POST', url: `/api/v1/me/orders/${orderId}/pay`, headers: learner.headers }),
    cancel: (orderId: string) =>
      app.inject({ method: 'POST', url: `/api/v1/me/orders/${orderId}/cancel`, headers: learner.headers }),
  };
}

/** The issuer marks a manual order's invoice paid. */
export async function markPaid(
  t: TestApp,
  issuer: TestIssuer,
  orderId: string,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/orders/${orderId}/mark-paid`,
    headers: issuer.owner.headers,
    payload: { reference: 'bank transfer' },
  });
}

/** Items into the cart, checkout, and (unless it was free) Pay plus the issuer marking the invoice paid. */
export async function aPaidOrder(
  t: TestApp,
  issuer: TestIssuer,
  learner: TestSession,
  items: CartItemInput[],
  options: { coupon?: string } = {},
): Promise<TestOrder> {
  const cart = cartOf(t, learner, issuer.orgId);
  for (const item of items) expectStatus(await cart.add(item), 201, 'adding to the cart');
  if (options.coupon) expectStatus(await cart.coupon(options.coupon), 200, 'applying the coupon');
  const placed = await cart.checkout();
  expectStatus(placed, 201, 'checkout');
  const order = placed.json() as TestOrder;
  if (order.state === 'paid') return order;
  expectStatus(await ordersOf(t, learner).pay(order.id), 200, 'pay');
  const paid = await markPaid(t, issuer, order.id);
  expectStatus(paid, 200, 'mark paid');
  return paid.json() as TestOrder;
}
