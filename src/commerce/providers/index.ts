// Which payment provider serves a request: the configured one for new payments (PAYMENT_PROVIDER), or the
// one that took a payment for its refund. One instance per configuration, so the Stripe client (and its
// connection pool) is made once per running app, not per request.
import type { Config } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { testCardProvider } from '../test-card.ts';
import { manualProvider } from './manual.ts';
import type { PaymentProvider } from './provider.ts';
import { stripeProvider } from './stripe.ts';

export type OnlineProviderName = PaymentProvider['name'];

const instances = new WeakMap<Readonly<Config>, Map<OnlineProviderName, PaymentProvider>>();

export function providerFor(deps: Pick<Deps, 'config'>, name: OnlineProviderName): PaymentProvider {
  let byName = instances.get(deps.config);
  if (!byName) {
    byName = new Map();
    instances.set(deps.config, byName);
  }
  let provider = byName.get(name);
  if (!provider) {
    provider = makeProvider(deps.config, name);
    byName.set(name, provider);
  }
  return provider;
}

/** The provider new orders are paid with. */
export function activeProvider(deps: Pick<Deps, 'config'>): PaymentProvider {
  return providerFor(deps, deps.config.payments.provider);
}

function makeProvider(config: Readonly<Config>, name: OnlineProviderName): PaymentProvider {
  if (name === 'manual') return manualProvider;
  if (name === 'test-card') return testCardProvider;
  const stripe = config.payments.stripe;
  // Reached only when an old Stripe payment is refunded after the keys were removed.
  if (!stripe) throw new Error('Stripe is not configured: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
  return stripeProvider(stripe);
}
