// How prices show tax for the buyer's locale (web/src/tax-display.ts): inclusive in the EU and the UK,
// "+ tax" in the US and Canada, with the tax the server's orders charge.
import { describe, expect, it } from 'vitest';
import { buyerLocale, shownPrice, taxOn, taxStyleFor } from '../../web/src/tax-display.ts';

describe('tax display by locale', () => {
  it('shows tax-inclusive prices in the EU, the UK and Spanish, exclusive in the US and Canada', () => {
    for (const locale of ['es', 'es-ES', 'en-GB', 'en-IE', 'de-DE', 'fr', 'en-AU', 'es-419']) {
      expect(taxStyleFor(locale), locale).toBe('inclusive');
    }
    for (const locale of ['en', 'en-US', 'en-CA', 'fr-CA', 'es-US', 'en_US']) {
      expect(taxStyleFor(locale), locale).toBe('exclusive');
    }
  });

  it("takes the region from the browser's languages when they speak the app's language", () => {
    expect(buyerLocale('en', ['en-GB', 'en'])).toBe('en-GB');
    expect(buyerLocale('es', ['en-US', 'es-ES'])).toBe('es-ES');
    expect(buyerLocale('es', ['en-US'])).toBe('es');
    expect(buyerLocale('en', [])).toBe('en');
  });

  it('adds the tax the order will charge, rounded half up, or says it is added', () => {
    expect(taxOn(4500, 2000)).toBe(900);
    expect(taxOn(1, 5000)).toBe(1);
    expect(taxOn(333, 2100)).toBe(70);
    expect(shownPrice(4500, 2000, 'inclusive')).toEqual({
      amountMinor: 5400,
      taxMinor: 900,
      tax: 'included',
    });
    expect(shownPrice(4500, 2000, 'exclusive')).toEqual({ amountMinor: 4500, taxMinor: 900, tax: 'added' });
    expect(shownPrice(4500, 0, 'inclusive')).toEqual({ amountMinor: 4500, taxMinor: 0, tax: 'none' });
  });
});
