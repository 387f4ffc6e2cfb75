// The discount the issuer's bundle card shows (web/src/pages/sell/bundle-discount.ts, used by Bundles.tsx):
// with a price of the issuer's own, what that price really takes off, never the default "10 % off".
import { describe, expect, it } from 'vitest';
import type { IssuerBundle } from '../../web/src/commerce.ts';
import { percentText } from '../../web/src/money.ts';
import { bundleDiscountBp } from '../../web/src/pages/sell/bundle-discount.ts';

type Card = Pick<IssuerBundle, 'listSumMinor' | 'priceMinor' | 'discountBp' | 'override'>;
const card = (listSumMinor: number, priceMinor: number, override: Card['override'], discountBp = 1000) => ({
  listSumMinor,
  priceMinor,
  discountBp,
  override,
});

describe('bundleDiscountBp', () => {
  it('shows a 60 bundle of 79 as 24 % off, rounded down, not the default 10 %', () => {
    const shown = bundleDiscountBp(card(7900, 6000, { priceMinor: 6000, discountBp: null, onSale: true }));
    expect(shown).toBe(2400);
    expect(percentText(shown)).toBe('24');
  });

  it('never overstates a saving: 99.9 % off shows as 99 %, and a price equal to the sum as 0 %', () => {
    expect(bundleDiscountBp(card(1000, 1, { priceMinor: 1, discountBp: null, onSale: true }))).toBe(9900);
    expect(bundleDiscountBp(card(1000, 1000, { priceMinor: 1000, discountBp: 500, onSale: true }))).toBe(0);
  });

  it('shows the discount set when the price follows from it (the bundle’s own or the default)', () => {
    expect(
      bundleDiscountBp(card(7900, 6913, { priceMinor: null, discountBp: 1250, onSale: true }, 1250)),
    ).toBe(1250);
    expect(bundleDiscountBp(card(7900, 7110, null))).toBe(1000);
  });
});
