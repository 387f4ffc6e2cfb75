// Table types of the commerce context: settings, bundles, coupons, carts, orders, payments, payment
// events, refunds, the ledger and the audit trail. Amounts are integer minor units of `currency`.
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;
/** bigint columns come back as strings from both drivers; read them with Number(). */
type BigIntColumn = ColumnType<string, number | bigint | string, number | bigint | string>;

export interface CommerceSettingsTable {
  orgId: string;
  /** Basis points: 2000 = 20 %. Tax is added to the discounted price of each line. */
  taxRateBp: Generated<number>;
  taxLabel: Generated<string>;
  /** The default bundle discount, in basis points (1000 = 10 %). */
  bundleDiscountBp: Generated<number>;
  /** Printed on receipts: legal name, address, tax number. */
  sellerDetails: Generated<string>;
  /** Learners pay by test card (no money moves; the demo issuer): see test-card.ts. */
  testCardPayments: Generated<boolean>;
  updatedAt: Generated<Date>;
}

export interface BundlesTable {
  id: Generated<string>;
  orgId: string;
  /** A bundle sells every course a badge requires. */
  badgeId: string;
  /** null: the sum of the courses' prices minus the discount. Same currency as the courses. */
  priceMinor: number | null;
  /** null: the organization's default bundle discount. */
  discountBp: number | null;
  onSale: Generated<boolean>;
  updatedAt: Generated<Date>;
}

export type CouponKind = 'percent' | 'fixed';
export type CouponScope = 'issuer' | 'course' | 'bundle';

export interface CouponsTable {
  id: Generated<string>;
  orgId: string;
  /** Upper case, [A-Z0-9_-]{3,40}; unique per organization. */
  code: string;
  kind: CouponKind;
  percentBp: number | null;
  amountMinor: number | null;
  currency: string | null;
  scope: CouponScope;
  courseId: string | null;
  /** scope 'bundle': the badge whose bundle it discounts. */
  badgeId: string | null;
  validUntil: Date | null;
  maxRedemptions: number | null;
  redemptions: Generated<number>;
  active: Generated<boolean>;
  createdAt: Generated<Date>;
}

export type CartState = 'open' | 'checked-out';

export interface CartsTable {
  id: Generated<string>;
  orgId: string;
  userId: string;
  couponId: string | null;
  state: Generated<CartState>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface CartItemsTable {
  id: Generated<string>;
  cartId: string;
  kind: 'course' | 'bundle';
  courseId: string | null;
  badgeId: string | null;
  addedAt: Generated<Date>;
}

/** 'sponsorship': bought by an employer for named employees, who enrol when they claim (workforce seats). */
export type OrderKind = 'purchase' | 'issuance-fee' | 'grant' | 'sponsorship';
export type OrderState = 'awaiting-payment' | 'paid' | 'cancelled' | 'refunded' | 'partially-refunded';
/** 'test-card': test mode, no money moves (test-card.ts). */
export type ProviderName = 'manual' | 'stripe' | 'free' | 'test-card';

export interface OrdersTable {
  id: Generated<string>;
  orgId: string;
  userId: string;
  number: Generated<BigIntColumn>;
  cartId: string | null;
  kind: OrderKind;
  state: OrderState;
  currency: string;
  /** Sum of the lines' list prices. */
  subtotalMinor: number;
  /** Bundle discount and coupon together. */
  discountMinor: number;
  taxMinor: number;
  /** subtotal − discount + tax (a check constraint holds it). */
  totalMinor: number;
  taxRateBp: number;
  taxLabel: string;
  couponId: string | null;
  couponCode: string | null;
  provider: ProviderName;
  buyerEmail: string;
  buyerName: string | null;
  sellerName: string;
  sellerDetails: string;
  placedAt: Date;
  paidAt: Date | null;
  cancelledAt: Date | null;
}

export type OrderLineKind = 'course' | 'bundle-course' | 'issuance-fee';

export interface OrderLinesTable {
  id: Generated<string>;
  orderId: string;
  orgId: string;
  position: number;
  kind: OrderLineKind;
  courseId: string | null;
  /** The bundle's badge ('bundle-course') or the badge whose fee this is ('issuance-fee'). */
  badgeId: string | null;
  awardId: string | null;
  description: string;
  listMinor: number;
  discountMinor: number;
  taxMinor: number;
  /** list − discount + tax (a check constraint holds it). */
  totalMinor: number;
  accessDays: number | null;
  enrolmentId: string | null;
  refundId: string | null;
}

export type PaymentState = 'pending' | 'succeeded' | 'failed' | 'expired';

export interface PaymentsTable {
  id: Generated<string>;
  orgId: string;
  orderId: string;
  provider: ProviderName;
  providerRef: string;
  amountMinor: number;
  currency: string;
  state: PaymentState;
  redirectUrl: string | null;
  createdAt: Date;
  settledAt: Date | null;
}

export interface PaymentEventsTable {
  id: Generated<string>;
  provider: ProviderName;
  /** The provider's event id (unique per provider): a replayed event is recognised and ignored. */
  eventId: string;
  /** 'payment.succeeded' | 'payment.failed' | 'payment.expired' | 'refund.succeeded' … (ours, not the provider's). */
  type: string;
  providerRef: string | null;
  orderId: string | null;
  payload: Json<Record<string, unknown>>;
  occurredAt: Date;
  receivedAt: Date;
  processedAt: Date | null;
  outcome: string | null;
  attempts: Generated<number>;
}

export type RefundKind = 'policy' | 'exception';

export interface RefundsTable {
  id: Generated<string>;
  orgId: string;
  orderId: string;
  kind: RefundKind;
  /** Including tax. */
  amountMinor: number;
  taxMinor: number;
  currency: string;
  reason: string | null;
  actorUserId: string | null;
  providerRef: string | null;
  createdAt: Date;
}

export interface LedgerEntriesTable {
  id: Generated<BigIntColumn>;
  orgId: string;
  transactionId: string;
  account: string;
  /** Debit positive, credit negative; each transaction sums to zero. */
  amountMinor: BigIntColumn;
  currency: string;
  orderId: string | null;
  orderLineId: string | null;
  refundId: string | null;
  memo: string;
  postedAt: Date;
}

export interface CommerceAuditTable {
  id: Generated<string>;
  orgId: string;
  actorUserId: string | null;
  action: string;
  subjectId: string;
  reason: string | null;
  details: Json<Record<string, unknown>>;
  at: Date;
}

export interface CommerceTables {
  commerceSettings: CommerceSettingsTable;
  bundles: BundlesTable;
  coupons: CouponsTable;
  carts: CartsTable;
  cartItems: CartItemsTable;
  orders: OrdersTable;
  orderLines: OrderLinesTable;
  payments: PaymentsTable;
  paymentEvents: PaymentEventsTable;
  refunds: RefundsTable;
  ledgerEntries: LedgerEntriesTable;
  commerceAudit: CommerceAuditTable;
}
