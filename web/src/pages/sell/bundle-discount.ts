// The discount figure of the issuer's bundle card (Bundles.tsx), kept apart so it can be tested in Node.
import type { IssuerBundle } from '../../commerce.ts';

/**
 * The discount a bundle card shows, in basis points: the discount set (the bundle's own or the issuer's
 * default) or, when the issuer set the bundle's price, what that price really takes off the courses' sum —
 * in whole percent, rounded down, so a saving is never overstated (a 60 bundle of 79 is 24 % off).
 */
export function bundleDiscountBp(
  bundle: Pick<IssuerBundle, 'listSumMinor' | 'priceMinor' | 'discountBp' | 'override'>,
): number {
  if (bundle.override?.priceMinor == null) return bundle.discountBp ?? 0;
  const list = bundle.listSumMinor ?? 0;
  if (list <= 0) return 0;
  const saved = Math.max(0, list - (bundle.priceMinor ?? list));
  return Math.floor((saved * 100) / list) * 100;
}
