// Commerce as the app sees it: carts, orders, payments, refunds, the issuance fee and a badge's purchase
// options for learners; settings, bundles, coupons, orders and sales reports for issuers. Amounts are
// integer minor units of `currency` (see money.ts); shapes follow the commerce API (src/commerce).
import type { TFunction } from 'i18next';
import { ApiProblem, api } from './api.ts';
import { describeProblem } from './forms.ts';

export type CheaperOption = 'bundle' | 'courses' | 'same';

export interface CartCourse {
  courseId: string;
  title: string;
  listMinor: number;
  discountMinor: number;
  status: 'charged' | 'held';
}

export interface CartItem {
  itemId: string;
  kind: 'course' | 'bundle';
  courseId: string | null;
  badgeId: string | null;
  title: string;
  courses: CartCourse[];
  listMinor: number;
  discountMinor: number;
  netMinor: number;
  /** A bundle: what its missing courses cost one by one. */
  separatelyMinor: number | null;
  cheaper: CheaperOption | null;
  /** false: no longer for sale (unpublished, made free, off sale): never charged, to be removed. */
  available: boolean;
}

export interface CartQuote {
  orgId: string;
  issuer: { name: string };
  cartId: string | null;
  currency: string | null;
  items: CartItem[];
  coupon: { code: string; discountMinor: number } | null;
  /** The cart's coupon cannot be used now: checkout refuses it until it is removed. */
  couponProblem: { code: string; detail: string } | null;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxLabel: string;
  taxRateBp: number;
}

export type OrderState = 'awaiting-payment' | 'paid' | 'cancelled' | 'refunded' | 'partially-refunded';
export type OrderKind = 'purchase' | 'issuance-fee' | 'grant';
export type OrderLineKind = 'course' | 'bundle-course' | 'issuance-fee';

export interface OrderLine {
  id: string;
  kind: OrderLineKind;
  courseId: string | null;
  badgeId: string | null;
  awardId: string | null;
  description: string;
  listMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  accessUntil: string | null;
  enrolmentId: string | null;
  opened: boolean;
  refunded: boolean;
  refundable: { ok: boolean; reason: string | null; code?: string | null };
}

export interface PaymentSummary {
  provider?: string;
  state: 'pending' | 'succeeded' | 'failed' | 'expired';
  reference: string;
  redirectUrl: string | null;
}

export interface Order {
  id: string;
  number: number | string;
  orgId: string;
  issuer: { name: string };
  kind: OrderKind;
  state: OrderState;
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxLabel: string;
  taxRateBp: number;
  couponCode: string | null;
  provider: string;
  placedAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
  payment: PaymentSummary | null;
  lines: OrderLine[];
  buyer: { name: string | null; email: string };
}

export interface Refund {
  id: string;
  orderId: string;
  kind: 'policy' | 'exception';
  amountMinor: number;
  taxMinor: number;
  currency: string;
  reason: string | null;
  lineIds: string[];
  createdAt: string;
}

export interface PurchaseOptions {
  badgeId: string;
  badgeName: string;
  orgId: string;
  /** null when no course of the badge is priced. */
  currency: string | null;
  courses: Array<{
    courseId: string;
    title: string;
    priceMinor: number | null;
    status: 'completed' | 'purchased' | 'available' | 'free';
    accessUntil: string | null;
  }>;
  separatelyMinor: number | null;
  bundle: { onSale: boolean; chargedMinor: number; listMinor: number; discountMinor: number } | null;
  cheaper: CheaperOption | null;
}

interface BundleMoney {
  currency: string;
  courses: Array<{ courseId: string; title: string; listMinor: number; accessDays: number }>;
  listSumMinor: number;
  priceMinor: number;
  discountMinor: number;
  discountBp: number;
}

/** A bundle on sale, as the storefront lists it. */
export interface BundleOffer extends BundleMoney {
  badgeId: string;
  name: string;
  imageUrl: string;
  issuer: { id: string; name: string; slug: string };
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** A badge of the issuer as a bundle: its price, or why it cannot be sold (`problem`). */
export interface IssuerBundle extends Nullable<BundleMoney> {
  badgeId: string;
  name: string;
  sellable: boolean;
  problem: 'no-priced-course' | 'single-course' | 'currency-mismatch' | null;
  detail: string | null;
  onSale: boolean;
  /** The issuer's own price, discount or off-sale choice (null: the defaults). */
  override: { priceMinor: number | null; discountBp: number | null; onSale: boolean } | null;
}

/** A badge of the learner waiting for its issuance fee. */
export interface FeeDue {
  awardId: string;
  badgeId: string;
  badgeName: string;
  orgId: string;
  issuer: { name: string };
  amountMinor: number;
  currency: string;
  orderId: string | null;
}

export interface CommerceSettings {
  taxRateBp: number;
  taxLabel: string;
  bundleDiscountBp: number;
  sellerDetails: string;
  issuanceFee: { amountMinor: number; currency: string } | null;
  /** Learners pay by test card, no money moving (the server's PAYMENTS_TEST_MODE=off overrides it). */
  testCardPayments: boolean;
}

export type CouponScope = 'issuer' | 'course' | 'bundle';

export interface Coupon {
  id: string;
  code: string;
  kind: 'percent' | 'fixed';
  percentBp: number | null;
  amountMinor: number | null;
  currency: string | null;
  scope: CouponScope;
  courseId: string | null;
  badgeId: string | null;
  validUntil: string | null;
  maxRedemptions: number | null;
  redemptions: number;
  active: boolean;
  createdAt?: string;
}

export interface CouponInput {
  code: string;
  kind: 'percent' | 'fixed';
  percentBp?: number;
  amountMinor?: number;
  currency?: string;
  scope: CouponScope;
  courseId?: string;
  badgeId?: string;
  validUntil?: string | null;
  maxRedemptions?: number | null;
}

export interface SalesFigures {
  /** Net sales (list − discount) of courses and bundles, by month paid. */
  salesMinor: number;
  /** Net amount refunded (tax excluded), by month refunded. */
  refundsMinor: number;
  feesMinor: number;
  /** sales + fees − refunds. */
  revenueMinor: number;
  discountsMinor: number;
  taxMinor: number;
  orders: number;
}

export interface SalesRow {
  month: string;
  itemKind: 'course' | 'bundle' | 'issuance-fee';
  itemId: string | null;
  title: string;
  units: number;
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  taxMinor: number;
  refunds: number;
  refundedMinor: number;
  revenueMinor: number;
}

export interface SalesReport {
  /** null when nothing was sold yet. */
  currency: string | null;
  currencies: string[];
  from: string;
  to: string;
  months: Array<SalesFigures & { month: string }>;
  rows: SalesRow[];
  totals: SalesFigures;
  /** Orders paid by test card in these months: left out of every figure (test mode, no money moved). */
  testModeOrders?: number;
}

export interface AuditEntry {
  id: string;
  /** 'refund.exception', 'order.marked-paid' … */
  action: string;
  actor: { userId: string; name: string | null } | null;
  subjectId: string;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
}

const me = '/api/v1/me';
const org = (orgId: string) => `/api/v1/orgs/${orgId}`;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const shopApi = {
  carts: () => api<{ carts: CartQuote[] }>(`${me}/carts`),
  addToCart: (
    orgId: string,
    item: { kind: 'course'; courseId: string } | { kind: 'bundle'; badgeId: string },
  ) => api<CartQuote>(`${me}/carts/${orgId}/items`, { method: 'POST', body: item }),
  removeFromCart: (orgId: string, itemId: string) =>
    api<CartQuote>(`${me}/carts/${orgId}/items/${itemId}`, { method: 'DELETE' }),
  applyCoupon: (orgId: string, code: string) =>
    api<CartQuote>(`${me}/carts/${orgId}/coupon`, { method: 'PUT', body: { code } }),
  removeCoupon: (orgId: string) => api<CartQuote>(`${me}/carts/${orgId}/coupon`, { method: 'DELETE' }),
  checkout: (orgId: string) => api<Order>(`${me}/carts/${orgId}/checkout`, { method: 'POST' }),
  orders: () => api<{ orders: Order[] }>(`${me}/orders`),
  order: (orderId: string) => api<Order>(`${me}/orders/${orderId}`),
  pay: (orderId: string) =>
    api<{ order: Order; payment: PaymentSummary }>(`${me}/orders/${orderId}/pay`, { method: 'POST' }),
  cancel: (orderId: string) => api<Order>(`${me}/orders/${orderId}/cancel`, { method: 'POST' }),
  refund: (orderId: string, lineIds: string[]) =>
    api<Refund>(`${me}/orders/${orderId}/refunds`, { method: 'POST', body: { lineIds } }),
  purchaseOptions: (badgeId: string) => api<PurchaseOptions>(`${me}/badges/${badgeId}/purchase-options`),
  feeOrder: (awardId: string) => api<Order>(`${me}/awards/${awardId}/fee-order`, { method: 'POST' }),
  feesDue: () => api<{ fees: FeeDue[] }>(`${me}/fees`),
  bundles: () => api<{ bundles: BundleOffer[] }>('/api/v1/bundles'),
};

export const receiptUrl = (orderId: string) => `${me}/orders/${orderId}/receipt.pdf`;
export const issuerReceiptUrl = (orgId: string, orderId: string) =>
  `${org(orgId)}/orders/${orderId}/receipt.pdf`;
export const salesCsvUrl = (orgId: string, range: { from?: string; to?: string; currency?: string }) =>
  `${org(orgId)}/reports/sales.csv${query(range)}`;

export const sellApi = {
  settings: (orgId: string) => api<CommerceSettings>(`${org(orgId)}/commerce/settings`),
  saveSettings: (orgId: string, input: CommerceSettings) =>
    api<CommerceSettings>(`${org(orgId)}/commerce/settings`, { method: 'PUT', body: input }),
  bundles: (orgId: string) => api<{ bundles: IssuerBundle[] }>(`${org(orgId)}/bundles`),
  saveBundle: (
    orgId: string,
    badgeId: string,
    input: { priceMinor: number | null; discountBp: number | null; onSale: boolean },
  ) => api<IssuerBundle>(`${org(orgId)}/bundles/${badgeId}`, { method: 'PUT', body: input }),
  coupons: (orgId: string) => api<{ coupons: Coupon[] }>(`${org(orgId)}/coupons`),
  createCoupon: (orgId: string, input: CouponInput) =>
    api<Coupon>(`${org(orgId)}/coupons`, { method: 'POST', body: input }),
  changeCoupon: (
    orgId: string,
    couponId: string,
    input: { active?: boolean; validUntil?: string | null; maxRedemptions?: number | null },
  ) => api<Coupon>(`${org(orgId)}/coupons/${couponId}`, { method: 'PATCH', body: input }),
  orders: (orgId: string, state?: string) =>
    api<{ orders: Order[] }>(`${org(orgId)}/orders${query({ state })}`),
  order: (orgId: string, orderId: string) => api<Order>(`${org(orgId)}/orders/${orderId}`),
  markPaid: (orgId: string, orderId: string, reference: string) =>
    api<Order>(`${org(orgId)}/orders/${orderId}/mark-paid`, {
      method: 'POST',
      body: reference.trim() ? { reference: reference.trim() } : {},
    }),
  refund: (orgId: string, orderId: string, lineIds: string[], reason: string) =>
    api<Refund>(`${org(orgId)}/orders/${orderId}/refunds`, { method: 'POST', body: { lineIds, reason } }),
  audit: (orgId: string) => api<{ entries: AuditEntry[] }>(`${org(orgId)}/commerce/audit`),
  sales: (orgId: string, range: { from?: string; to?: string; currency?: string }) =>
    api<SalesReport>(`${org(orgId)}/reports/sales${query(range)}`),
};

export const commerceKeys = {
  carts: ['carts'] as const,
  orders: ['orders'] as const,
  order: (orderId: string) => ['orders', orderId] as const,
  purchaseOptions: (badgeId: string) => ['purchase-options', badgeId] as const,
  feesDue: ['fees-due'] as const,
  storefront: ['bundles'] as const,
  settings: (orgId: string) => ['sell', orgId, 'settings'] as const,
  bundles: (orgId: string) => ['sell', orgId, 'bundles'] as const,
  coupons: (orgId: string) => ['sell', orgId, 'coupons'] as const,
  orgOrders: (orgId: string, state: string) => ['sell', orgId, 'orders', state] as const,
  orgOrder: (orgId: string, orderId: string) => ['sell', orgId, 'order', orderId] as const,
  audit: (orgId: string) => ['sell', orgId, 'audit'] as const,
  sales: (orgId: string, range: { from?: string; to?: string; currency?: string }) =>
    ['sell', orgId, 'sales', range] as const,
};

/** The commerce problems the app explains in its own words (commerce.problem.<code>); the rest as they come. */
const EXPLAINED = [
  'already-held',
  'in-cart',
  'currency-mismatch',
  'coupon-invalid',
  'coupon-expired',
  'coupon-exhausted',
  'coupon-not-applicable',
  'refund-window-closed',
  'course-opened',
  'already-refunded',
  'fee-not-refundable',
  'order-not-payable',
  'free-course',
  'bundle-not-for-sale',
  'bundle-price-above-sum',
  'cart-empty',
  'order-not-cancellable',
  'fee-not-due',
  'coupon-code-taken',
] as const;

/** A commerce error as one translated sentence. */
export function describeCommerceProblem(t: TFunction, error: unknown): string {
  if (error instanceof ApiProblem) {
    const code = EXPLAINED.find((c) => error.is(c));
    if (code) return t(`commerce.problem.${code}`);
  }
  return describeProblem(t, error);
}

/** A commerce rule the API named by its code (a cart's coupon problem), in the reader's language. */
export function describeCommerceCode(t: TFunction, code: string, detail: string): string {
  return (EXPLAINED as readonly string[]).includes(code) ? t(`commerce.problem.${code}`) : detail;
}

/** How many items wait in the learner's carts (every seller). */
export function cartItemCount(carts: readonly CartQuote[] | undefined): number {
  return (carts ?? []).reduce((sum, cart) => sum + cart.items.length, 0);
}
