// The embedded default provider: nothing is charged online. "Pay" issues an invoice (its reference is
// the order number) that the learner pays by bank transfer; an issuer marks it paid, which records a
// `manual` payment event. Refunds are paid back outside Tessera and only recorded here.
import type { PaymentProvider } from './provider.ts';

export const manualProvider: PaymentProvider = {
  name: 'manual',
  async createCheckout(request) {
    return { providerRef: invoiceReference(request.orderNumber), redirectUrl: null };
  },
  async refund() {
    return { providerRef: null };
  },
};

/** What the learner writes on the bank transfer, and what the issuer looks for. */
export function invoiceReference(orderNumber: number): string {
  return `INV-${orderNumber}`;
}
