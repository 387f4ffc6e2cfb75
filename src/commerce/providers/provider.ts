// What a payment provider does for us: open a checkout for an order, refund a payment, and turn its
// webhook calls into our own payment events (after checking their signature). Implementations:
// manual.ts (invoices an issuer marks paid; the embedded default) and stripe.ts (Stripe Checkout).
import type { ProviderName } from '../tables.ts';

export interface CheckoutRequest {
  orderId: string;
  /** Our id of the payment about to be recorded (a checkout page of our own, test-card, links to it). */
  paymentId?: string;
  orderNumber: number;
  currency: string;
  /** The order's total, tax included; equals the sum of the lines' amounts. */
  amountMinor: number;
  lines: Array<{ description: string; amountMinor: number }>;
  buyerEmail: string;
  successUrl: string;
  cancelUrl: string;
  /** The same key opens the same checkout: a retried or doubled Pay never creates a second charge. */
  idempotencyKey: string;
}

export interface CheckoutSession {
  /** The provider's id for this payment (Stripe Checkout Session id; the invoice reference). */
  providerRef: string;
  /** Where to send the buyer; null when nothing is paid online (manual invoices). */
  redirectUrl: string | null;
}

export interface RefundRequest {
  /** The payment's providerRef. */
  paymentRef: string;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
}

export interface RefundResult {
  providerRef: string | null;
}

export type PaymentEventType =
  | 'payment.succeeded'
  | 'payment.failed'
  | 'payment.expired'
  | 'refund.succeeded'
  | 'ignored';

/** A provider's report, in our terms. Stored in payment_events before anything acts on it. */
export interface ProviderEvent {
  /** Unique per provider: a replayed event is recognised by it. */
  eventId: string;
  type: PaymentEventType;
  providerRef: string | null;
  orderId: string | null;
  amountMinor: number | null;
  currency: string | null;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

export interface PaymentProvider {
  readonly name: Exclude<ProviderName, 'free'>;
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Checks the signature (throws RuleError 'webhook-signature' when it fails) and translates the event. */
  parseWebhook?(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent;
}
