// Public face of the commerce context: prices, bundles, coupons, carts, orders, payments, refunds,
// the ledger, receipts and sales reports.
export { bundleOffer } from './bundles.ts';
export { feeRoutes } from './fee-routes.ts';
export { paymentEventsTicker } from './jobs.ts';
export { offerRoutes } from './offer-routes.ts';
export { type OrderEnded, type OrderHooks, registerOrderHooks } from './order-hooks.ts';
export { orderRoutes } from './order-routes.ts';
export { ORDER_PROVIDERS, ORDER_STATES } from './order-views.ts';
export { payOrder } from './payments.ts';
export type { PaymentProvider, ProviderEvent } from './providers/provider.ts';
export { receiptRoutes } from './receipt-routes.ts';
export { refundRoutes } from './refund-routes.ts';
export { reportRoutes } from './report-routes.ts';
export { updateCommerceSettings } from './settings.ts';
export {
  assertSponsorshipProvider,
  noteSponsoredEnrolment,
  placeSponsorshipOrder,
  quoteSponsorship,
  type Recipient,
  type RecipientQuote,
  type SponsoredItem,
  type SponsoredOrderSummary,
  type SponsorshipQuote,
  sponsoredLineTerms,
  sponsoredOrderSummaries,
} from './sponsored-orders.ts';
export type { OrderRow } from './store.ts';
export type { CommerceTables } from './tables.ts';
export { paymentWebhookRoutes } from './webhook-routes.ts';
