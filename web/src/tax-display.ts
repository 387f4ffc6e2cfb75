// Prices as the buyer's locale expects them (issue #18 item 9). Most of the world, the EU and the UK among
// them, shows consumer prices with tax included ("€54.00 incl. VAT"); the United States and Canada show them
// before sales tax ("$45.00 + tax"). The issuer's tax rate is the one its orders charge (commerce settings),
// and the tax is computed exactly as the server does (per line, rounded half up), so a price shown with tax
// is the amount the order will charge. Pure functions: no React, no clock.

export type TaxStyle = 'inclusive' | 'exclusive';

/** Regions whose buyers expect prices before tax, which is added at the till. */
const TAX_EXCLUSIVE_REGIONS = new Set(['US', 'CA']);

/**
 * inclusive or exclusive for a BCP 47 locale: a region decides (en-GB inclusive, es-US exclusive); without
 * one, English reads like en-US (exclusive) and every other language inclusive (es, fr, de …).
 */
export function taxStyleFor(locale: string): TaxStyle {
  const [language = '', ...subtags] = locale.split(/[-_]/);
  const region = subtags.find((tag) => /^([A-Za-z]{2}|\d{3})$/.test(tag))?.toUpperCase();
  if (region) return TAX_EXCLUSIVE_REGIONS.has(region) ? 'exclusive' : 'inclusive';
  return language.toLowerCase() === 'en' ? 'exclusive' : 'inclusive';
}

/**
 * The buyer's locale: the first of the browser's languages that is the app's language (it carries the region,
 * "en-GB"), else the app's language alone.
 */
export function buyerLocale(appLanguage: string, browserLanguages: readonly string[]): string {
  const language = appLanguage.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return browserLanguages.find((l) => l.split(/[-_]/)[0]?.toLowerCase() === language) ?? appLanguage;
}

/** The tax on a net amount in basis points, rounded half up (as src/commerce/pricing.ts taxMinor). */
export function taxOn(netMinor: number, rateBp: number): number {
  const product = BigInt(Math.trunc(netMinor)) * BigInt(Math.trunc(rateBp));
  return Number((product + 5000n) / 10000n);
}

export interface ShownPrice {
  /** What to print: with tax (inclusive) or before it (exclusive). */
  amountMinor: number;
  taxMinor: number;
  /** 'included': "incl. VAT"; 'added': "+ VAT"; 'none': the issuer charges no tax. */
  tax: 'included' | 'added' | 'none';
}

export function shownPrice(netMinor: number, rateBp: number, style: TaxStyle): ShownPrice {
  const taxMinor = taxOn(netMinor, rateBp);
  if (rateBp === 0) return { amountMinor: netMinor, taxMinor: 0, tax: 'none' };
  return style === 'inclusive'
    ? { amountMinor: netMinor + taxMinor, taxMinor, tax: 'included' }
    : { amountMinor: netMinor, taxMinor, tax: 'added' };
}
