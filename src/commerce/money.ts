// Money is integer minor units of an ISO 4217 currency. Nothing here ever divides money as a
// floating-point number: amounts become decimal strings by integer arithmetic, and Intl only lays out
// the symbol, grouping and decimal mark of a string it receives exactly.
import { InvalidError } from '../errors.ts';
import { isKnownCurrency } from '../i18n/index.ts';

// Display lives with the other locale formatting (src/i18n/money.ts), shared with the badges context.
export { decimalAmount, formatMoney, minorDigits } from '../i18n/index.ts';

/** The largest price (or amount) one field may hold: 1,000,000.00 in a two-digit currency. */
export const MAX_AMOUNT_MINOR = 100_000_000;

const CURRENCY = /^[A-Z]{3}$/;

/** Returns the currency code when it is three upper-case letters Intl knows; InvalidError otherwise. */
export function assertCurrency(c: string): string {
  if (!CURRENCY.test(c)) {
    throw new InvalidError('A currency is a three-letter ISO 4217 code such as EUR.', [
      {
        path: 'currency',
        message: 'Use a three-letter upper-case currency code such as EUR.',
        code: 'currency-format',
      },
    ]);
  }
  // Intl formats any well-formed code; the list of currencies it knows is what tells real from made up.
  if (!isKnownCurrency(c)) {
    throw new InvalidError(`${c} is not a currency.`, [
      {
        path: 'currency',
        message: `${c} is not an ISO 4217 currency.`,
        code: 'unknown-currency',
        params: { currency: c },
      },
    ]);
  }
  return c;
}

/** Returns the amount when it is a whole number of minor units between 0 and MAX_AMOUNT_MINOR. */
export function assertAmount(minor: number, field: string): number {
  if (!Number.isSafeInteger(minor) || minor < 0 || minor > MAX_AMOUNT_MINOR) {
    throw new InvalidError(
      `${field} must be a whole number of minor units between 0 and ${MAX_AMOUNT_MINOR}.`,
      [
        {
          path: field,
          message: `Use a whole number of minor units (cents) between 0 and ${MAX_AMOUNT_MINOR}.`,
          code: 'amount-minor-units',
          params: { maximum: MAX_AMOUNT_MINOR },
        },
      ],
    );
  }
  return minor;
}

/** numerator / denominator rounded half up (away from zero on an exact half, for either sign). */
export function roundHalfUpDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero.');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}
