// The commerce context's periodic task: process payment events a crash (or a failure) left unprocessed,
// so a payment the provider reported always ends in access, however the process died in between.
import type { Ticker } from '../jobs/ticker.ts';
import { processPendingPaymentEvents } from './events.ts';

export const paymentEventsTicker: Ticker = {
  name: 'commerce.payment-events',
  everySeconds: 5,
  run: (deps) => processPendingPaymentEvents(deps),
};
