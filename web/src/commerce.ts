// Commerce as the app sees it: carts, orders, payments, refunds, the issuance fee and a badge's purchase
// options for learners; settings, bundles, coupons, orders and sales reports for issuers. Amounts are
// integer minor units of `currency` (see money.ts); shapes are generated from the API description
// (api-types.ts).
import type { TFunction } from 'i18next';
import { type ApiBody, ApiProblem, type ApiResult, api, type Item } from './api.ts';
import { describeProblem } from './forms.ts';

export type CartQuote = ApiResult<'getMeCartsByOrgId'>;
export type CartItem = Item<CartQuote['items']>;
export type CartCourse = Item<CartItem['courses']>;
export type CheaperOption = NonNullable<CartItem['cheaper']>;

export type Order = ApiResult<'getMeOrdersByOrderId'>;
export type OrderLine = Item<Order['lines']>;
export type OrderState = Order['state'];
export type OrderKind = Order['kind'];
export type OrderLineKind = OrderLine['kind'];
export type PaymentSummary = ApiResult<'postMeOrdersByOrderIdPay'>['payment'];
export type Refund = ApiResult<'postMeOrdersByOrderIdRefunds'>;

export type PurchaseOptions = ApiResult<'getMeBadgesByBadgeIdPurchaseOptions'>;
/** A bundle on sale, as the storefront lists it. */
export type BundleOffer = Item<ApiResult<'getBundles'>['bundles']>;
/** A badge of the issuer as a bundle: its price, or why it cannot be sold (`problem`). */
export type IssuerBundle = ApiResult<'putOrgsByOrgIdBundlesByBadgeId'>;
/** A badge of the learner waiting for its issuance fee. */
export type FeeDue = Item<ApiResult<'getMeFees'>['fees']>;

export type CommerceSettings = ApiResult<'getOrgsByOrgIdCommerceSettings'>;
export type Coupon = ApiResult<'postOrgsByOrgIdCoupons'>;
export type CouponScope = Coupon['scope'];
export type CouponInput = ApiBody<'postOrgsByOrgIdCoupons'>;

export type SalesReport = ApiResult<'getOrgsByOrgIdReportsSales'>;
export type SalesFigures = SalesReport['totals'];
export type SalesRow = Item<SalesReport['rows']>;
export type AuditEntry = Item<ApiResult<'getOrgsByOrgIdCommerceAudit'>['entries']>;

const me = '/api/v1/me';
const org = (orgId: string) => `/api/v1/orgs/${orgId}`;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const shopApi = {
  carts: () => api<ApiResult<'getMeCarts'>>(`${me}/carts`),
  addToCart: (orgId: string, item: ApiBody<'postMeCartsByOrgIdItems'>) =>
    api<CartQuote>(`${me}/carts/${orgId}/items`, { method: 'POST', body: item }),
  removeFromCart: (orgId: string, itemId: string) =>
    api<CartQuote>(`${me}/carts/${orgId}/items/${itemId}`, { method: 'DELETE' }),
  applyCoupon: (orgId: string, code: string) =>
    api<CartQuote>(`${me}/carts/${orgId}/coupon`, { method: 'PUT', body: { code } }),
  removeCoupon: (orgId: string) => api<CartQuote>(`${me}/carts/${orgId}/coupon`, { method: 'DELETE' }),
  checkout: (orgId: string) => api<Order>(`${me}/carts/${orgId}/checkout`, { method: 'POST' }),
  orders: () => api<ApiResult<'getMeOrders'>>(`${me}/orders`),
  order: (orderId: string) => api<Order>(`${me}/orders/${orderId}`),
  pay: (orderId: string) =>
    api<ApiResult<'postMeOrdersByOrderIdPay'>>(`${me}/orders/${orderId}/pay`, { method: 'POST' }),
  cancel: (orderId: string) => api<Order>(`${me}/orders/${orderId}/cancel`, { method: 'POST' }),
  refund: (orderId: string, lineIds: string[]) =>
    api<Refund>(`${me}/orders/${orderId}/refunds`, { method: 'POST', body: { lineIds } }),
  purchaseOptions: (badgeId: string) => api<PurchaseOptions>(`${me}/badges/${badgeId}/purchase-options`),
  feeOrder: (awardId: string) => api<Order>(`${me}/awards/${awardId}/fee-order`, { method: 'POST' }),
  feesDue: () => api<ApiResult<'getMeFees'>>(`${me}/fees`),
  bundles: () => api<ApiResult<'getBundles'>>('/api/v1/bundles'),
};

export const receiptUrl = (orderId: string) => `${me}/orders/${orderId}/receipt.pdf`;
export const issuerReceiptUrl = (orgId: string, orderId: string) =>
  `${org(orgId)}/orders/${orderId}/receipt.pdf`;
export const salesCsvUrl = (orgId: string, range: { from?: string; to?: string; currency?: string }) =>
  `${org(orgId)}/reports/sales.csv${query(range)}`;

export const sellApi = {
  settings: (orgId: string) => api<CommerceSettings>(`${org(orgId)}/commerce/settings`),
  saveSettings: (orgId: string, input: ApiBody<'putOrgsByOrgIdCommerceSettings'>) =>
    api<CommerceSettings>(`${org(orgId)}/commerce/settings`, { method: 'PUT', body: input }),
  bundles: (orgId: string) => api<ApiResult<'getOrgsByOrgIdBundles'>>(`${org(orgId)}/bundles`),
  saveBundle: (orgId: string, badgeId: string, input: ApiBody<'putOrgsByOrgIdBundlesByBadgeId'>) =>
    api<IssuerBundle>(`${org(orgId)}/bundles/${badgeId}`, { method: 'PUT', body: input }),
  coupons: (orgId: string) => api<ApiResult<'getOrgsByOrgIdCoupons'>>(`${org(orgId)}/coupons`),
  createCoupon: (orgId: string, input: CouponInput) =>
    api<Coupon>(`${org(orgId)}/coupons`, { method: 'POST', body: input }),
  changeCoupon: (orgId: string, couponId: string, input: ApiBody<'patchOrgsByOrgIdCouponsByCouponId'>) =>
    api<Coupon>(`${org(orgId)}/coupons/${couponId}`, { method: 'PATCH', body: input }),
  orders: (orgId: string, state?: string) =>
    api<ApiResult<'getOrgsByOrgIdOrders'>>(`${org(orgId)}/orders${query({ state })}`),
  order: (orgId: string, orderId: string) => api<Order>(`${org(orgId)}/orders/${orderId}`),
  markPaid: (orgId: string, orderId: string, reference: string) =>
    api<Order>(`${org(orgId)}/orders/${orderId}/mark-paid`, {
      method: 'POST',
      body: reference.trim() ? { reference: reference.trim() } : {},
    }),
  refund: (orgId: string, orderId: string, lineIds: string[], reason: string) =>
    api<Refund>(`${org(orgId)}/orders/${orderId}/refunds`, { method: 'POST', body: { lineIds, reason } }),
  audit: (orgId: string) => api<ApiResult<'getOrgsByOrgIdCommerceAudit'>>(`${org(orgId)}/commerce/audit`),
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
