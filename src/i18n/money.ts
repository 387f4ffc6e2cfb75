// Money as readers see it: integer minor units of an ISO 4217 currency turned into a decimal string by
// integer arithmetic (never a binary float), then laid out by Intl (symbol, grouping, decimal mark) in
// the reader's language. Shared by commerce (receipts, mails, CSV) and badges (the issuance-fee mail).

const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Whether Intl knows the code as a currency (it formats any well-formed code, known or not). */
export function isKnownCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

/** How many minor-unit digits a currency has (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** "1234.56" for (123456, EUR), "-0.05" for (-5, EUR), "1235" for (1235, JPY): integer arithmetic only. */
export function decimalAmount(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units.`);
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const magnitude = BigInt(Math.abs(minor));
  if (digits === 0) return `${sign}${magnitude}`;
  const scale = 10n ** BigInt(digits);
  const whole = magnitude / scale;
  const fraction = (magnitude % scale).toString().padStart(digits, '0');
  return `${sign}${whole}.${fraction}`;
}

/** The amount as a reader expects it in `locale`: formatMoney(123456, 'EUR') → "€1,234.56". */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const digits = minorDigits(currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Intl formats a decimal string exactly (no conversion to a binary float).
  return format.format(decimalAmount(minor, currency) as Intl.StringNumericLiteral);
}
